"""The scope review as JSON and Markdown (the Word document is built in ``review.document``).

Both read the review from a report: the checks from ``Report.review``, the defects from each
requirement. A report from an analyser before 0.2 has no review; asking for its review raises
``ReportFormatError`` with what to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from analyser.errors import ReportFormatError
from analyser.records import Defect, Report, Requirement, Review
from analyser.review.catalogue import RULES, RULES_BY_ID

REVIEW_FORMATS: tuple[str, ...] = ("json", "markdown", "docx")
STATUS_MARK = {"present": "✔ present", "weak": "◐ weak", "missing": "✘ missing"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect with the requirement it sits in: a row of the defects table."""

    requirement: Requirement
    defect: Defect

    @property
    def rule_name(self) -> str:
        return RULES_BY_ID[self.defect.rule].name


def review_of(report: Report) -> Review:
    if report.review is None:
        raise ReportFormatError(
            f"The report of '{report.source.name}' has no scope review: it was made by analyser "
            f"{report.settings.analyser_version}. Analyse the spec again to review it."
        )
    return report.review


def findings(report: Report) -> list[Finding]:
    """Every defect, in document order."""
    return [Finding(r, d) for r in report.requirements for d in r.defects]


def review_to_json(report: Report, *, indent: int | None = 2) -> str:
    """The review on its own: the spec, its verdict and split, the checks, and every defect with
    its requirement (the same records as in the full report, flattened for reading)."""
    review = review_of(report)
    full = report.to_dict()
    data: dict[str, Any] = {
        "schema_version": report.schema_version,
        "source": full["source"],
        "verdict": report.breadth.verdict,
        "n_problems": report.breadth.n_problems,
        "split": full["breadth"]["split"],
        "checks": full["review"]["checks"],
        "rule_counts": full["review"]["rule_counts"],
        "requirements_with_defects": review.requirements_with_defects,
        "n_requirements": len(report.requirements),
        "defects": [
            {
                "requirement_id": f.requirement.id,
                "problem": f.requirement.problem,
                "section": f.requirement.section,
                "rule": f.defect.rule,
                "start": f.defect.start,
                "end": f.defect.end,
                "quote": f.defect.quote,
                "text": f.requirement.text,
            }
            for f in findings(report)
        ],
    }
    return json.dumps(data, indent=indent, ensure_ascii=False)


def review_markdown(report: Report, *, level: int = 1) -> str:
    """The review as Markdown: the checks with their evidence, then the defects by rule."""
    review = review_of(report)
    h = "#" * level
    lines = [
        f"{h} Scope review: {report.source.name}",
        "",
        f"Verdict **{report.breadth.verdict}**, {report.breadth.n_problems} business "
        f"problem{'s' if report.breadth.n_problems != 1 else ''}; "
        f"{review.requirements_with_defects} of {len(report.requirements)} requirements have "
        "at least one writing defect.",
        "",
        f"{h}# Delivery risks",
        "",
        "| check | status | recommendation |",
        "|---|---|---|",
    ]
    lines += [
        f"| {check.name} | {STATUS_MARK[check.status]} | {_cell(check.recommendation)} |"
        for check in review.checks
    ]
    lines.append("")
    for check in review.checks:
        lines += [f"{h}## {check.name}: {check.status}", ""]
        if not check.evidence:
            lines += ["No statement in the document speaks to this.", ""]
        for evidence in check.evidence:
            topic = f"*{evidence.topic}* · " if evidence.topic else ""
            lines.append(f"- {topic}**{_cell(evidence.where)}** {_cell(evidence.text)}")
        if check.missing_topics:
            lines.append(f"- Not found: {', '.join(check.missing_topics)}.")
        lines.append("")
    lines += _defect_lines(report, h)
    return "\n".join(lines)


def _defect_lines(report: Report, h: str) -> list[str]:
    review = review_of(report)
    lines = [
        f"{h}# Requirement defects",
        "",
        "| rule | requirements | INCOSE GtWR | ISO/IEC/IEEE 29148 | rewrite towards |",
        "|---|---|---|---|---|",
    ]
    counts = {count.rule: count.requirements for count in review.rule_counts}
    for rule in RULES:
        name = rule.name + (" *(experimental)*" if rule.experimental else "")
        lines.append(
            f"| {name} | {counts.get(rule.id, 0)} | {', '.join(rule.incose)} | "
            f"{', '.join(rule.iso29148)} | {_cell(rule.rewrite)} |"
        )
    lines.append("")
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings(report):
        by_rule.setdefault(finding.defect.rule, []).append(finding)
    for rule in RULES:
        found = by_rule.get(rule.id, [])
        if not found:
            continue
        lines += [f"{h}## {rule.name} ({len(found)})", ""]
        for finding in found:
            text = finding.requirement.text
            d = finding.defect
            marked = f"{text[: d.start]}**{text[d.start : d.end]}**{text[d.end :]}"
            lines.append(f"- **{finding.requirement.id}** {_cell(marked)}")
        lines.append("")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
