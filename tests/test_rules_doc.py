"""docs/rules.md is the output of `copylint rules --format markdown` for the built-in packs."""

from conftest import REPO


def test_docs_rules_md_is_current(invoke):
    generated = invoke("rules", "--format", "markdown", "--no-config")
    assert generated.exit_code == 0
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == generated.stdout, (
        "docs/rules.md is out of date: copylint rules --format markdown --no-config > docs/rules.md"
    )


def test_every_category_and_rule_is_documented_with_a_reference(rulebook):
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for category in rulebook.categories:
        assert f"## {category}\n" in written
    for rule in rulebook:
        assert f"### `{rule.id}`" in written
        assert rule.references and all(
            r.url.startswith(("https://", "http://")) for r in rule.references
        )
