"""A comparison (or a history of versions) rendered as JSON (the compare contract) or Markdown."""

from __future__ import annotations

import json
from typing import Any

from analyser.errors import ReportFormatError
from analyser.versions.comparison import (
    SCOPE_CHANGES,
    Change,
    Comparison,
    History,
    ProblemDelta,
    VersionSummary,
)

COMPARE_FORMATS: tuple[str, ...] = ("json", "markdown")
_REQUIRED_FIELDS = (
    "schema_version",
    "headline",
    "scope_change",
    "before",
    "after",
    "added",
    "removed",
    "modified",
    "new_problems",
    "dropped_problems",
)


def comparison_to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as one JSON object, following the compare contract (docs/compare.md)."""
    return json.dumps(comparison.to_dict(), indent=indent, ensure_ascii=False)


def comparison_from_json(text: str) -> Comparison:
    """Read a JSON comparison back; one that breaks the contract raises ``ReportFormatError``."""
    return Comparison.from_dict(_checked(_load(text)))


def history_to_json(history: History, *, indent: int | None = 2) -> str:
    """A series of versions as one JSON object: ``versions``, ``steps`` (one comparison per
    pair of consecutive versions) and ``overall`` (the first version against the last)."""
    return json.dumps(history.to_dict(), indent=indent, ensure_ascii=False)


def history_from_json(text: str) -> History:
    data = _load(text)
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ReportFormatError("A history needs a list of 'steps'.")
    for step in data["steps"]:
        _checked(step)
    try:
        return History.from_dict(data)
    except (TypeError, KeyError, AttributeError) as error:
        raise ReportFormatError(f"The history does not follow the contract: {error}.") from error


def comparison_to_markdown(comparison: Comparison) -> str:
    """A review-ready account: headline, key figures, new and dropped problems, problems that
    grew or shrank, and every requirement added, removed or reworded."""
    before, after = comparison.before, comparison.after
    lines = [
        f"# Scope comparison: {before.name} → {after.name}",
        "",
        f"**{comparison.headline}**",
        "",
        *_figures(before, after),
        "",
    ]
    lines += _problem_section("New business problems", comparison.new_problems)
    lines += _problem_section("Dropped business problems", comparison.dropped_problems)
    lines += _links_section(comparison)
    lines += _changes_section(comparison)
    return "\n".join(lines)


def history_to_markdown(history: History) -> str:
    """A timeline: one row per version, then the headline of each step."""
    lines = ["# Scope history", "", f"**{history.headline}**", ""]
    lines += [
        "| version | requirements | business problems | breadth score | verdict |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(v.name)} | {v.n_requirements} | {v.n_problems} | {v.score:.0f} | {v.verdict} |"
        for v in history.versions
    ]
    lines += ["", "## Steps", ""]
    for step in history.steps:
        lines += [f"- **{_cell(step.before.name)} → {_cell(step.after.name)}**: {step.headline}"]
    lines.append("")
    return "\n".join(lines)


# -- private ----------------------------------------------------------------------------


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportFormatError(f"Not a JSON comparison: {error}.") from error


def _checked(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ReportFormatError("A comparison is a JSON object.")
    missing = [name for name in _REQUIRED_FIELDS if name not in data]
    if missing:
        raise ReportFormatError(f"The comparison lacks the field(s) {', '.join(missing)}.")
    if data["scope_change"] not in SCOPE_CHANGES:
        raise ReportFormatError(f"Unknown scope change {data['scope_change']!r}.")
    return data


def _figures(before: VersionSummary, after: VersionSummary) -> list[str]:
    def delta(old: float, new: float, digits: int = 0) -> str:
        change = round(new - old, digits)
        if change == 0:
            return "±0"
        return f"{'+' if change > 0 else '−'}{abs(change):.{digits}f}"

    return [
        "| | before | after | change |",
        "|---|---|---|---|",
        f"| requirements | {before.n_requirements} | {after.n_requirements} "
        f"| {delta(before.n_requirements, after.n_requirements)} |",
        f"| business problems | {before.n_problems} | {after.n_problems} "
        f"| {delta(before.n_problems, after.n_problems)} |",
        f"| breadth index | {before.breadth_index:.2f} | {after.breadth_index:.2f} "
        f"| {delta(before.breadth_index, after.breadth_index, 2)} |",
        f"| breadth score | {before.score:.0f} | {after.score:.0f} "
        f"| {delta(before.score, after.score)} |",
        f"| verdict | {before.verdict} | {after.verdict} | |",
    ]


def _problem_section(title: str, problems: tuple[ProblemDelta, ...]) -> list[str]:
    if not problems:
        return []
    lines = [f"## {title}", ""]
    for problem in problems:
        lines += [
            f"### {problem.label} ({len(problem.requirements)} requirements)",
            "",
            f"Keywords: {', '.join(problem.keywords) or '—'}",
            "",
        ]
        lines += [f"- **{r.id}** {_cell(r.text)}" for r in problem.requirements]
        lines.append("")
    return lines


def _links_section(comparison: Comparison) -> list[str]:
    moved = comparison.grown + comparison.shrunk
    if not moved:
        return []
    lines = [
        "## Problems that grew or shrank",
        "",
        "| before | after | requirements | added | removed |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(' + '.join(link.old_labels))} | {_cell(' + '.join(link.new_labels))} "
        f"| {link.n_before} → {link.n_after} | {link.n_added} | {link.n_removed} |"
        for link in moved
    ]
    return [*lines, ""]


def _changes_section(comparison: Comparison) -> list[str]:
    lines = [
        "## Requirements",
        "",
        f"{len(comparison.added)} added, {len(comparison.removed)} removed, "
        f"{len(comparison.modified)} modified, {len(comparison.unchanged)} unchanged.",
        "",
    ]
    if comparison.added:
        lines += ["### Added", ""] + [_item(c.new_id, c.new_text) for c in comparison.added] + [""]
    if comparison.removed:
        lines += ["### Removed", ""]
        lines += [_item(c.old_id, c.old_text) for c in comparison.removed] + [""]
    if comparison.modified:
        lines += ["### Modified", "", "| before | after | similarity |", "|---|---|---|"]
        lines += [_modified_row(c) for c in comparison.modified] + [""]
    return lines


def _item(requirement_id: str | None, text: str | None) -> str:
    return f"- **{requirement_id}** {_cell(text or '')}"


def _modified_row(change: Change) -> str:
    return (
        f"| **{change.old_id}** {_cell(change.old_text or '')} "
        f"| **{change.new_id}** {_cell(change.new_text or '')} | {change.similarity or 0:.2f} |"
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
