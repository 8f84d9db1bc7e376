"""One report record, rendered as JSON (the contract), Markdown (for review) or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from analyser.errors import ReportFormatError
from analyser.records import VERDICTS, Report
from analyser.review.render import review_markdown

REPORT_FORMATS: tuple[str, ...] = ("json", "markdown", "csv")
CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "id",
    "kind",
    "category",
    "problem",
    "problem_label",
    "section",
    "pattern",
    "page",
    "line",
    "row",
    "text",
    "defects",
)
_REQUIRED_FIELDS = ("schema_version", "source", "requirements", "problems", "breadth")


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as one JSON object, following the report contract."""
    return json.dumps(report.to_dict(), indent=indent, ensure_ascii=False)


def from_json(text: str) -> Report:
    """Read a JSON report back; a report that breaks the contract raises ``ReportFormatError``."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportFormatError(f"Not a JSON report: {error}.") from error
    missing = [name for name in _REQUIRED_FIELDS if not isinstance(data, dict) or name not in data]
    if missing:
        raise ReportFormatError(f"The report lacks the field(s) {', '.join(missing)}.")
    if data["breadth"].get("verdict") not in VERDICTS:
        raise ReportFormatError(f"Unknown verdict {data['breadth'].get('verdict')!r}.")
    try:
        return Report.from_dict(data)
    except (TypeError, KeyError, AttributeError) as error:
        raise ReportFormatError(f"The report does not follow the contract: {error}.") from error


def to_csv(reports: list[Report]) -> str:
    """One row per requirement, for every report given (the ``source`` column tells them apart)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in reports:
        labels = {problem.id: problem.label for problem in report.problems}
        for requirement in report.requirements:
            location = requirement.location
            writer.writerow(
                (
                    report.source.name,
                    requirement.id,
                    requirement.kind,
                    requirement.category or "",
                    "" if requirement.problem is None else requirement.problem,
                    labels.get(requirement.problem, "") if requirement.problem is not None else "",
                    requirement.section,
                    requirement.pattern,
                    location.page or "",
                    location.line or "",
                    location.row or "",
                    requirement.text,
                    ";".join(dict.fromkeys(d.rule for d in requirement.defects)),
                )
            )
    return buffer.getvalue()


def to_markdown(report: Report) -> str:
    """A review-ready summary: verdict and reasons, proposed split, problems, concerns, and the
    scope review (delivery risks and requirement defects) when the report has one."""
    breadth = report.breadth
    lines = [
        f"# Scope review: {report.source.name}",
        "",
        f"**Verdict: {breadth.verdict}** — breadth score {breadth.score:.0f}/100, "
        f"{breadth.n_problems} business problem{'s' if breadth.n_problems != 1 else ''}, "
        f"{len(report.requirements)} requirements.",
        "",
        "## Why",
        "",
        *[f"- {reason}" for reason in breadth.reasons],
        "",
    ]
    if breadth.split:
        lines += ["## Proposed split", "", "| part | problems | requirements |", "|---|---|---|"]
        lines += [
            f"| {part.name} | {', '.join(str(i) for i in part.problem_ids)} "
            f"| {part.n_requirements} |"
            for part in breadth.split
        ]
        lines += ["", "Cross-cutting quality requirements apply to every part.", ""]
    lines += _problem_sections(report)
    lines += _concern_section(report)
    if report.review is not None:
        lines += [review_markdown(report, level=2).replace("## Scope review: ", "## Review: "), ""]
    lines += [
        "---",
        f"Source sha256 `{report.source.sha256[:16]}…` · embedder `{report.settings.embedder}` · "
        f"settings `{report.settings.settings_hash}` · analyser {report.settings.analyser_version}",
        "",
    ]
    return "\n".join(lines)


# -- private ----------------------------------------------------------------------------


def _problem_sections(report: Report) -> list[str]:
    by_id = {requirement.id: requirement for requirement in report.requirements}
    lines = ["## Problems", ""]
    for problem in report.problems:
        lines += [
            f"### {problem.id}. {problem.label} ({len(problem.requirement_ids)} requirements)",
            "",
            f"Keywords: {', '.join(problem.keywords) or '—'}"
            + (f" · mostly in: {'; '.join(problem.sections)}" if problem.sections else ""),
            "",
        ]
        for requirement_id in problem.requirement_ids:
            requirement = by_id[requirement_id]
            aspect = requirement.quality_aspect
            lines.append(
                f"- **{requirement_id}** {_one_line(requirement.text)}"
                + (f" *(also {aspect})*" if aspect else "")
            )
        lines.append("")
    return lines


def _concern_section(report: Report) -> list[str]:
    if not report.concerns:
        return []
    by_id = {requirement.id: requirement for requirement in report.requirements}
    lines = ["## Cross-cutting quality concerns", ""]
    for concern in report.concerns:
        lines += [f"### {concern.category.capitalize()} ({len(concern.requirement_ids)})", ""]
        lines += [f"- **{rid}** {_one_line(by_id[rid].text)}" for rid in concern.requirement_ids]
        lines.append("")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
