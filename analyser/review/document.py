"""The scope review as a Word document a procurement board can read without the tool.

Built with python-docx (already the reader of .docx specs): a summary, the delivery-risk table
with each check's evidence, the defect rules with their INCOSE and ISO/IEC/IEEE 29148 mapping,
and every defect with its span highlighted.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.table import Table

from analyser.records import Report
from analyser.review.catalogue import RULES
from analyser.review.render import STATUS_MARK, findings, review_of

# Findings listed per rule in the document; the rest are counted (the JSON has them all).
MAX_LISTED_PER_RULE = 200


def review_docx(report: Report) -> bytes:
    """The review as the bytes of a .docx file."""
    review = review_of(report)
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(f"Scope review: {report.source.name}", level=0)
    breadth = report.breadth
    document.add_paragraph(
        f"Breadth verdict: {breadth.verdict} ({breadth.n_problems} business "
        f"problem{'s' if breadth.n_problems != 1 else ''}, score {breadth.score:.0f}/100). "
        f"{review.requirements_with_defects} of {len(report.requirements)} requirements have at "
        "least one writing defect."
    )
    for reason in breadth.reasons:
        document.add_paragraph(reason, style="List Bullet")
    if breadth.split:
        document.add_paragraph("Proposed split: " + "; ".join(p.name for p in breadth.split) + ".")

    document.add_heading("Delivery risks", level=1)
    table = _table(document, ("Check", "Status", "Recommendation"))
    for check in review.checks:
        _row(table, (check.name, STATUS_MARK[check.status], check.recommendation))
    for check in review.checks:
        document.add_heading(f"{check.name}: {check.status}", level=2)
        if not check.evidence:
            document.add_paragraph("No statement in the document speaks to this.")
        for evidence in check.evidence:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{evidence.topic} · " if evidence.topic else "").italic = True
            paragraph.add_run(f"{evidence.where}: ").bold = True
            paragraph.add_run(evidence.text)
        if check.missing_topics:
            document.add_paragraph(f"Not found: {', '.join(check.missing_topics)}.")

    document.add_heading("Requirement defects", level=1)
    counts = {count.rule: count.requirements for count in review.rule_counts}
    table = _table(document, ("Rule", "Requirements", "INCOSE GtWR", "ISO/IEC/IEEE 29148"))
    for rule in RULES:
        name = rule.name + (" (experimental)" if rule.experimental else "")
        _row(table, (name, str(counts.get(rule.id, 0)), ", ".join(rule.incose),
                     ", ".join(rule.iso29148)))  # fmt: skip
    all_findings = findings(report)
    for rule in RULES:
        found = [f for f in all_findings if f.defect.rule == rule.id]
        if not found:
            continue
        document.add_heading(f"{rule.name} ({len(found)})", level=2)
        document.add_paragraph().add_run(f"Rewrite towards: {rule.rewrite}").italic = True
        for finding in found[:MAX_LISTED_PER_RULE]:
            text, defect = finding.requirement.text, finding.defect
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{finding.requirement.id} ").bold = True
            paragraph.add_run(text[: defect.start])
            marked = paragraph.add_run(text[defect.start : defect.end])
            marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
            marked.bold = True
            paragraph.add_run(text[defect.end :])
        if len(found) > MAX_LISTED_PER_RULE:
            document.add_paragraph(
                f"… and {len(found) - MAX_LISTED_PER_RULE} more (all are in the JSON review)."
            )
    document.add_paragraph(
        f"Analyser {report.settings.analyser_version} · settings {report.settings.settings_hash}"
        f" · source sha256 {report.source.sha256[:16]}…"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: WordDocument, header: tuple[str, ...]) -> Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _row(table: Table, values: tuple[str, ...]) -> None:
    for cell, text in zip(table.add_row().cells, values, strict=True):
        cell.text = text
