"""The wheel carries the rule packs, so a non-editable install works from any directory."""

import subprocess
import sys
import zipfile

import pytest
from conftest import REPO


@pytest.mark.slow
def test_wheel_ships_rule_packs(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    [wheel] = list(tmp_path.glob("copylint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packs = {
        n.removeprefix("copylint/rules/")
        for n in names
        if n.startswith("copylint/rules/") and n.endswith(".yaml")
    }
    # the packs, the language files and inflection data (rules/lang/), the lexicons
    assert packs == {
        p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*.yaml")
    }
    assert any(n.startswith("lexicons/") for n in packs)
    assert "lang/en.yaml" in packs  # the detectors' cues ship with the packs
    assert "copylint/cli.py" in names
    # the validators read their keys and enums from the schemas at run time
    assert {"copylint/schemas/rule-pack.schema.json", "copylint/schemas/config.schema.json"} <= set(
        names
    )
    # the HTML report's page, stylesheet and script, inlined into each report
    assert {
        f"copylint/reporters/html_assets/report.{kind}" for kind in ("html", "css", "js")
    } <= set(names)
