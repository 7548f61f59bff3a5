"""Inline suppression comments in every format's own comment syntax, the reason they must give,
and the comments that suppress nothing or cannot be read."""

from __future__ import annotations

import json

import pytest
from conftest import write

from copylint.engine import Engine
from copylint.settings import Settings

CLAIM = "The laser is FDA-cleared."


@pytest.fixture(scope="module")
def engine():
    return Engine.from_settings(Settings())


def lint(engine, name: str, source: str):
    return engine.lint_source(name, source)


def standing(findings):
    return [(f.line, f.rule) for f in findings if not f.suppressed]


def suppressed(findings):
    return [(f.line, f.rule, f.suppressed_by, f.reason) for f in findings if f.suppressed]


# One comment that disables the next line, in each format's own syntax.
SYNTAXES = [
    (
        "page.html",
        "<!-- copylint-disable-next-line regulator-approval -- K123456: cleared -->\n"
        "<p>{claim}</p>\n",
    ),
    (
        "page.md",
        "<!-- copylint-disable-next-line regulator-approval -- K123456: cleared -->\n{claim}\n",
    ),
    (
        "page.mdx",
        "{{/* copylint-disable-next-line regulator-approval -- K123456: cleared */}}\n{claim}\n",
    ),
    (
        "page.njk",
        "{{# copylint-disable-next-line regulator-approval -- K123456: cleared #}}\n"
        "<p>{claim}</p>\n",
    ),
    (
        "page.j2",
        "{{#- copylint-disable-next-line regulator-approval -- K123456: cleared -#}}\n"
        "<p>{claim}</p>\n",
    ),
    (
        "page.liquid",
        "{{% comment %}} copylint-disable-next-line regulator-approval -- K123456: cleared "
        "{{% endcomment %}}\n<p>{claim}</p>\n",
    ),
    (
        "page.hbs",
        "{{{{!-- copylint-disable-next-line regulator-approval -- K123456: cleared --}}}}\n"
        "<p>{claim}</p>\n",
    ),
    (
        "page.hbs",
        "{{{{! copylint-disable-next-line regulator-approval -- K123456: cleared }}}}\n"
        "<p>{claim}</p>\n",
    ),
    (
        "faq.yaml",
        "# copylint-disable-next-line regulator-approval -- K123456: cleared\nanswer: {claim}\n",
    ),
]


@pytest.mark.parametrize(
    "name, template", SYNTAXES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(SYNTAXES)]
)
def test_each_comment_syntax_suppresses_the_next_line_with_its_reason(engine, name, template):
    source = template.format(claim=CLAIM)
    findings = lint(engine, name, source)
    assert standing(findings) == []
    assert suppressed(findings) == [(2, "regulator-approval", ("inline",), "K123456: cleared")]
    # without the comment the claim stands: the test is not vacuous
    bare = source.split("\n", 1)[1]
    assert [r for _, r in standing(lint(engine, name, bare))] == ["regulator-approval"]


def test_disable_next_line_covers_that_line_only(engine):
    source = (
        "<!-- copylint-disable-next-line regulator-approval -- cleared -->\n"
        f"<p>{CLAIM}</p>\n<p>{CLAIM}</p>\n"
    )
    assert standing(lint(engine, "a.html", source)) == [(3, "regulator-approval")]


def test_disable_line_covers_the_comment_own_line(engine):
    source = (
        f"<p>{CLAIM}</p><!-- copylint-disable-line regulator-approval -- cleared -->\n"
        f"<p>{CLAIM}</p>\n"
    )
    assert standing(lint(engine, "a.html", source)) == [(2, "regulator-approval")]


def test_disable_until_enable_and_by_category(engine):
    source = (
        f"<p>{CLAIM}</p>\n"
        "<!-- copylint-disable regulatory-status -- the device pages list each cleared "
        "indication -->\n"
        f"<p>{CLAIM}</p>\n<p>{CLAIM}</p>\n"
        "<!-- copylint-enable regulatory-status -->\n"
        f"<p>{CLAIM}</p>\n"
    )
    findings = lint(engine, "a.html", source)
    assert standing(findings) == [(1, "regulator-approval"), (6, "regulator-approval")]
    assert [line for line, *_ in suppressed(findings)] == [3, 4]


def test_enable_without_names_ends_every_range(engine):
    source = (
        "<!-- copylint-disable hype-word regulatory-status -- legacy page -->\n"
        f"<p>{CLAIM} A miracle.</p>\n<!-- copylint-enable -->\n<p>{CLAIM} A miracle.</p>\n"
    )
    assert standing(lint(engine, "a.html", source)) == [
        (4, "regulator-approval"),
        (4, "miracle-language"),
    ]


def test_disable_file_covers_the_whole_file_wherever_it_is(engine):
    source = (
        f"<p>{CLAIM}</p>\n<p>A miracle.</p>\n<!-- copylint-disable-file regulator-approval "
        "-- a device page; each indication cleared -->\n"
    )
    assert standing(lint(engine, "a.html", source)) == [(2, "miracle-language")]


def test_a_comment_without_reason_still_applies_but_is_a_finding(engine):
    source = f"<!-- copylint-disable-next-line regulator-approval -->\n<p>{CLAIM}</p>\n"
    findings = lint(engine, "a.html", source)
    assert standing(findings) == [(1, "suppression-without-reason")]
    note = next(f for f in findings if f.rule == "suppression-without-reason")
    assert (
        note.severity == "warning"
        and note.where == "comment"
        and (note.column, note.end_column) == (1, 55)
    )
    assert "gives no reason" in note.message


def test_a_comment_that_suppresses_nothing_is_reported(engine):
    source = (
        "<!-- copylint-disable-next-line regulator-approval -- it was cleared -->\n"
        "<p>Exosome products are not FDA-approved.</p>\n"
    )
    findings = lint(engine, "a.html", source)
    assert standing(findings) == [(1, "unused-suppression")]
    assert "no standing 'regulator-approval' finding" in findings[0].message
    assert findings[0].severity == "info"


def test_only_the_unused_names_of_a_comment_are_reported(engine):
    source = (
        "<!-- copylint-disable-next-line regulator-approval, hype-word -- cleared -->\n"
        f"<p>{CLAIM}</p>\n"
    )
    findings = lint(engine, "a.html", source)
    assert standing(findings) == [(1, "unused-suppression")]
    assert "'hype-word'" in findings[0].message


def test_unknown_rules_and_actions_are_invalid_comments(engine):
    source = (
        "<!-- copylint-disable-next-line regulator-aproval -- cleared -->\n<p>x</p>\n"
        "<!-- copylint-disable-nextline regulator-approval -- cleared -->\n<p>x</p>\n"
        "<!-- copylint-disable -- no rule named -->\n"
    )
    notes = [(f.line, f.rule, f.message) for f in lint(engine, "a.html", source)]
    assert (
        notes[0][:2] == (1, "invalid-suppression")
        and "did you mean 'regulator-approval'?" in notes[0][2]
    )
    assert (
        notes[1][:2] == (3, "invalid-suppression")
        and "did you mean 'copylint-disable-next-line'?" in notes[1][2]
    )
    assert notes[2][:2] == (5, "invalid-suppression") and "names no rule" in notes[2][2]


def test_context_suppressed_findings_do_not_use_a_comment(engine):
    """A comment over a sentence that context already clears is unused: the claim was reworded."""
    source = (
        "<!-- copylint-disable-next-line regulator-approval -- cleared -->\n"
        "<p>Is it FDA-approved?</p>\n"
    )
    assert standing(lint(engine, "a.html", source)) == [(1, "unused-suppression")]


def test_a_comment_in_plain_text_or_json_is_just_text(engine):
    """Plain text and JSON have no comments: the directive is not read (and is not a claim)."""
    source = f"copylint-disable-next-line regulator-approval -- cleared\n{CLAIM}\n"
    assert standing(lint(engine, "a.txt", source)) == [(2, "regulator-approval")]


def test_directive_rules_obey_the_configuration(tmp_path, invoke):
    write(
        tmp_path,
        {
            ".copylint.yaml": "ignore: [unused-suppression]\n",
            "a.html": "<!-- copylint-disable-next-line regulator-approval -- cleared -->\n"
            "<p>Fine copy.</p>\n",
        },
    )
    assert invoke("check", "a.html", cwd=tmp_path).exit_code == 0
    assert (
        "unused-suppression"
        in invoke("check", "--fail-on", "info", "--no-config", "a.html", cwd=tmp_path).stdout
    )


def test_show_suppressed_lists_the_reason_in_text_json_and_sarif(tmp_path, invoke):
    write(
        tmp_path,
        {
            "a.md": "<!-- copylint-disable-next-line regulator-approval -- K123456: cleared "
            f"for this use -->\n{CLAIM}\n"
        },
    )
    plain = invoke("check", "a.md", cwd=tmp_path)
    assert plain.exit_code == 0 and "regulator-approval" not in plain.stdout
    shown = invoke("check", "--show-suppressed", "a.md", cwd=tmp_path).stdout
    assert "suppressed (inline: K123456: cleared for this use) regulator-approval" in shown
    report = json.loads(
        invoke("check", "--show-suppressed", "--format", "json", "a.md", cwd=tmp_path).stdout
    )
    assert [(f["suppressed_by"], f["reason"]) for f in report["findings"]] == [
        (["inline"], "K123456: cleared for this use")
    ]
    sarif = json.loads(
        invoke("check", "--show-suppressed", "--format", "sarif", "a.md", cwd=tmp_path).stdout
    )
    assert sarif["runs"][0]["results"][0]["suppressions"] == [
        {"kind": "inSource", "justification": "K123456: cleared for this use"}
    ]
