"""The locate stage: a verdict's projection offsets become the ``Finding`` a report shows: lines
and columns (code points and UTF-16 units) of the file as written, the matched text as written,
the bounded line excerpt, and the mechanical fix where the rule has one."""

from __future__ import annotations

from copylint.findings import Finding, Related, line_excerpt
from copylint.sources import Format, LineIndex
from copylint.sources.projection import Projection
from copylint.stages.decide import Verdict


class Locator:
    """Places the verdicts of one source."""

    def __init__(self, path: str, source: str, source_format: Format, projection: Projection):
        self.path, self.source, self.source_format = path, source, source_format
        self.projection = projection
        self.lines = LineIndex(source)

    def finding(self, verdict: Verdict) -> Finding:
        projection, rule = self.projection, verdict.rule
        proj_start, proj_end = verdict.start, verdict.end
        src_start, src_end = projection.to_source(proj_start, proj_end)
        line, column, end_line, end_column, column_utf16, end_column_utf16 = self.place(
            src_start, src_end
        )
        matched = projection.text[proj_start:proj_end]  # folded (TYPOGRAPHY): what fixes read
        shown, shown_from, cut = line_excerpt(
            self.source, src_start - column + 1, src_start, src_end
        )
        fix = None
        if verdict.fixable:
            from copylint.fixes import fix_for

            fix = fix_for(
                rule,
                matched,
                projection,
                proj_start,
                proj_end,
                self.source,
                self.source_format,
                verdict.where,
            )
        return Finding(
            path=self.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.id,
            category=rule.category,
            severity=verdict.severity,
            message=verdict.message or rule.message,
            where=verdict.where,
            text=projection.as_written(self.source, proj_start, proj_end),
            sentence=verdict.sentence,
            suggestions=tuple(
                s
                for s in (rule.suggestions if verdict.suggestions is None else verdict.suggestions)
                if not s.replacements
            ),
            contexts=verdict.contexts,
            suppressed_by=verdict.suppressed_by,
            reason=verdict.reason,
            column_utf16=column_utf16,
            end_column_utf16=end_column_utf16,
            source_line=shown,
            source_line_start=shown_from,
            source_line_cut=cut,
            fix=fix,
            fix_refused=verdict.fix_refused,
            jurisdictions=() if "any" in rule.jurisdictions else rule.jurisdictions,
            related=tuple(
                Related(*self.place(*projection.to_source(start, end)), note)
                for start, end, note in verdict.related
            ),
        )

    def place(self, src_start: int, src_end: int) -> tuple[int, int, int, int, int, int]:
        """Where source offsets sit: line, column, end line, end column (code points), and the
        two columns in UTF-16 units."""
        lines = self.lines
        line, column = lines.position(src_start)
        end_line, end_column = lines.position(src_end)
        return (
            line,
            column,
            end_line,
            end_column,
            lines.utf16_column(line, column),
            lines.utf16_column(end_line, end_column),
        )
