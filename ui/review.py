"""The Review section of a report: delivery risks, requirement defects with their spans, and
the review to download as a Word document for a procurement board."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from analyser import RULES, Report, findings, review_docx, review_markdown

STATUS_ICON = {"present": "present", "weak": "weak", "missing": "missing"}
RULE_NAMES = {rule.id: rule.name for rule in RULES}
MAX_SHOWN = 60  # highlighted statements drawn at once; the table below holds them all
_MARKDOWN = re.compile(r"([\\`*_\[\]{}<>#|$~:])")


def show_review(report: Report, *, key: str = "") -> None:
    st.markdown("### Review")
    review = report.review
    if review is None:
        st.info("This report was made before the scope review existed; analyse the spec again.")
        return
    st.caption(
        "Delivery risks a procurement board looks for, and how the requirements are written. "
        "Each status comes with the statements it rests on."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {"check": c.name, "status": STATUS_ICON[c.status], "recommendation":
                 c.recommendation}
                for c in review.checks
            ]
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip
    for check in review.checks:
        with st.expander(f"{check.name} — {check.status}"):
            if not check.evidence:
                st.markdown("No statement in the document speaks to this.")
            for evidence in check.evidence:
                topic = f"*{evidence.topic}* · " if evidence.topic else ""
                st.markdown(f"- {topic}**{_escape(evidence.where)}** {_escape(evidence.text)}")
            if check.missing_topics:
                st.markdown(f"Not found: {', '.join(check.missing_topics)}.")
    show_defects(report, key=key)
    stem = Path(report.source.name).stem
    columns = st.columns(2)
    columns[0].download_button(
        "Review (Word)",
        functools.partial(review_docx, report),  # built on click, not at every rerun
        f"{stem}.review.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key=f"{key}review_docx",
    )
    columns[1].download_button(
        "Review (Markdown)",
        review_markdown(report),
        f"{stem}.review.md",
        "text/markdown",
        key=f"{key}review_md",
    )


def show_defects(report: Report, *, key: str = "") -> None:
    found = findings(report)
    review = report.review
    assert review is not None
    st.markdown(
        f"#### Requirement defects — {review.requirements_with_defects} of "
        f"{len(report.requirements)} requirements"
    )
    if not found:
        st.success("No writing defects found.")
        return
    label_of = {p.id: f"{p.id}. {p.label}" for p in report.problems}
    experimental = {rule.id for rule in RULES if rule.experimental}
    frame = pd.DataFrame(
        [
            {
                "id": f.requirement.id,
                "rule": RULE_NAMES[f.defect.rule]
                + (" (experimental)" if f.defect.rule in experimental else ""),
                "span": f.defect.quote,
                "problem": label_of.get(f.requirement.problem, "—")
                if f.requirement.problem is not None
                else "— (quality)",
                "requirement": f.requirement.text,
            }
            for f in found
        ]
    )
    columns = st.columns(2)
    rules = columns[0].multiselect("Rule", sorted(frame["rule"].unique()), key=f"{key}d_rule")
    problems = columns[1].multiselect(
        "Problem", sorted(frame["problem"].unique()), key=f"{key}d_problem"
    )
    mask = pd.Series(True, index=frame.index)
    if rules:
        mask &= frame["rule"].isin(rules)
    if problems:
        mask &= frame["problem"].isin(problems)
    shown = [f for f, keep in zip(found, mask, strict=True) if keep]
    st.caption(f"{len(shown)} of {len(found)} defects")
    lines = []
    for finding in shown[:MAX_SHOWN]:
        text, defect = finding.requirement.text, finding.defect
        lines.append(
            f"- **{_escape(finding.requirement.id)}** · {finding.rule_name}"
            f"{' (experimental)' if finding.defect.rule in experimental else ''}: "
            f"{_escape(text[: defect.start])}"
            f":orange-background[**{_escape(text[defect.start : defect.end])}**]"
            f"{_escape(text[defect.end :])}"
        )
    st.markdown("\n".join(lines))
    if len(shown) > MAX_SHOWN:
        st.caption(f"The first {MAX_SHOWN} are highlighted; the table lists all {len(shown)}.")
    st.dataframe(frame[mask], hide_index=True, width="stretch")


def _escape(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))
