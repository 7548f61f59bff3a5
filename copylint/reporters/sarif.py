"""SARIF 2.1.0 for GitHub code scanning (validated against the official schema in the tests).

Columns are UTF-16 code units (``columnKind``), artifact URIs are relative to the repository
root (``%SRCROOT%``), and each result carries a partial fingerprint that does not depend on its
line, so code scanning does not open a new alert when text above a claim moves it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from copylint import __version__
from copylint.findings import Finding, fingerprints
from copylint.reporters import (
    Reporter,
    ReportOptions,
    RunResult,
    json_text,
    path_bytes,
    printable,
    relative_path,
)
from copylint.reporters.suggestions import HELP_MARKDOWN, HELP_TEXT, said
from copylint.rulebook import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/copylint/copylint"


def _help(rule: Rule) -> tuple[str, str]:
    text = [rule.rationale, "", *said(rule.suggestions, HELP_TEXT)]
    markdown = [rule.rationale, "", *said(rule.suggestions, HELP_MARKDOWN)]
    if rule.references:
        text.append("")
        markdown += ["", "References:"]
        for reference in rule.references:
            text.append(f"{reference.title}: {reference.url}")
            markdown.append(f"- [{reference.title}]({reference.url})")
    return "\n".join(text).strip(), "\n".join(markdown).strip()


def _rule(rule: Rule) -> dict:
    help_text, help_markdown = _help(rule)
    descriptor: dict[str, object] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.rationale or rule.message},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category, *rule.jurisdictions], "kind": rule.kind},
    }
    if rule.references:
        descriptor["helpUri"] = rule.references[0].url
    return descriptor


def _uri(path: str, root: str) -> str:
    # a name that is not UTF-8: its real bytes, percent-encoded
    return quote(path_bytes(relative_path(path, root)), safe="/")


def _result(f: Finding, index: dict[str, int], root: str, fingerprint: str) -> dict:
    region = {
        "startLine": f.line,
        "startColumn": f.column_utf16,
        "endLine": f.end_line,
        "endColumn": f.end_column_utf16,
        "snippet": {"text": f.text},
    }
    result: dict[str, object] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {
            "text": f'{f.message} Text: "{f.text}"'
            + (f" (in {f.where})" if f.where != "text" else "")
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path, root), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"copylintClaim/v1": fingerprint},
        "properties": {"category": f.category, "where": f.where}
        | ({"jurisdictions": list(f.jurisdictions)} if f.jurisdictions else {})
        # the advice that fits this claim, best first (the rule's help lists all of it)
        | (
            {"suggestions": advice}
            if (advice := [s.advice for s in f.suggestions if s.advice])
            else {}
        ),
    }
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path, root), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": r.line,
                        "startColumn": r.column_utf16,
                        "endLine": r.end_line,
                        "endColumn": r.end_column_utf16,
                    },
                },
                "message": {"text": r.message},
            }
            for i, r in enumerate(f.related)
        ]
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.suppressed:
        result["suppressions"] = [_suppression(f)]
    return result


def _suppression(f: Finding) -> dict:
    """inSource: the text's own context or a comment in the file; external: the baseline or
    the configuration."""
    if "inline" in f.suppressed_by:
        return {"kind": "inSource", "justification": f.reason}
    if "baseline" in f.suppressed_by or "allow" in f.suppressed_by:
        return {"kind": "external", "justification": f.reason}
    return {"kind": "inSource", "justification": "context: " + ", ".join(f.suppressed_by)}


def render(run: RunResult, options: ReportOptions) -> str:
    root = options.paths_root
    rules = sorted(options.rulebook or (), key=lambda r: r.id)
    index = {rule.id: i for i, rule in enumerate(rules)}
    # the path as the project names it, not as typed: "seeds/" and "/abs/seeds/" are one claim
    prints = fingerprints(run.findings, lambda f: printable(relative_path(f.path, root)))
    notifications = [
        {
            "level": level,
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.path, root), "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
        }
        for level, problems in (("error", run.errors), ("warning", run.warnings))
        for p in problems
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copylint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": Path(os.path.abspath(root)).as_uri() + "/"}
                },
                "columnKind": "utf16CodeUnits",
                "invocations": [
                    {
                        "executionSuccessful": not run.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": [
                    _result(f, index, root, p) for f, p in zip(run.findings, prints, strict=True)
                ],
            }
        ],
    }
    return json_text(document, indent=2) + "\n"


REPORTER = Reporter("sarif", render)
