"""The panels that draw one report, shared by the Analyse page and the Portfolio drill-down."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from analyser import Analysis, Report, Requirement, to_csv, to_json, to_markdown
from ui.review import show_review

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; one colour per problem,
# the same in every panel.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VERDICT_BANNER = {"focused": st.success, "borderline": st.warning, "over-broad": st.error}
VERDICT_ORDER = ["focused", "borderline", "over-broad"]
VERDICT_COLOURS = ["#009E73", "#E69F00", "#D55E00"]  # Okabe–Ito green, orange, vermilion


def show_report(report: Report, *, analysis: Analysis | None = None, key: str = "") -> None:
    """A whole report, top to bottom. With the analysis (vectors at hand) the problems are drawn
    as a map and cards with representative requirements; from a stored report, as a table."""
    show_verdict(report)
    if analysis is not None:
        show_map(analysis)
    show_split(report)
    if analysis is not None:
        show_problems(analysis)
    else:
        show_problem_table(report)
    show_concerns(report)
    show_review(report, key=key)
    show_requirements(report, key=key)
    show_downloads(report, key=key)


def colours(report: Report) -> dict[str, str]:
    return {p.label: PALETTE[p.id % len(PALETTE)] for p in report.problems}


def show_verdict(report: Report) -> None:
    breadth = report.breadth
    VERDICT_BANNER[breadth.verdict](
        f"**{breadth.verdict.capitalize()}** — {report.source.name}: breadth score "
        f"{breadth.score:.0f} / 100, {breadth.n_problems} business "
        f"problem{'s' if breadth.n_problems != 1 else ''}"
    )
    signals = breadth.signals
    actors = Counter(actor for r in report.requirements for actor in r.actors)
    systems = Counter(system for r in report.requirements for system in r.external_systems)
    columns = [*st.columns(4), *st.columns(4)[:3]]  # two rows: readable on a laptop
    columns[0].metric("Verdict", breadth.verdict)
    columns[1].metric("Breadth score", f"{breadth.score:.0f} / 100")
    columns[2].metric("Business problems", breadth.n_problems)
    columns[3].metric("Requirements", len(report.requirements))
    columns[4].metric(
        "Quality concerns",
        len(report.concerns),
        help=f"{signals.n_quality if signals else 0} quality requirements",
    )
    columns[5].metric("Actors", len(actors), help=_top(actors))
    columns[6].metric("External systems", len(systems), help=_top(systems))
    st.markdown("**Why**")
    st.markdown("\n".join(f"- {reason}" for reason in breadth.reasons))
    if actors or systems:
        with st.expander("Actors and external systems the requirements name"):
            left, right = st.columns(2)
            left.dataframe(
                pd.DataFrame(actors.most_common(), columns=["actor", "requirements"]),
                hide_index=True,
            )
            right.dataframe(
                pd.DataFrame(systems.most_common(), columns=["external system", "requirements"]),
                hide_index=True,
            )


def _top(counts: Counter[str]) -> str:
    if not counts:
        return "None named."
    return "Most mentioned: " + ", ".join(f"{name} ({n})" for name, n in counts.most_common(8))


def show_map(analysis: Analysis) -> None:
    report = analysis.report
    functional = [r for r in report.requirements if r.kind == "functional"]
    if not functional or not report.problems:
        return
    label_of = {p.id: p.label for p in report.problems}
    frame = pd.DataFrame(
        {
            "x": analysis.coordinates[:, 0],
            "y": analysis.coordinates[:, 1],
            "problem": [label_of.get(r.problem, "—") for r in functional],
            "id": [r.id for r in functional],
            "requirement": [r.text for r in functional],
            "section": [r.section for r in functional],
        }
    )
    palette = colours(report)
    scale = alt.Scale(domain=list(palette), range=list(palette.values()))
    st.markdown("### Problem map")
    st.caption("Each dot is a functional requirement; nearby dots say similar things.")
    left, right = st.columns([3, 2])
    left.altair_chart(
        alt.Chart(frame)
        .mark_circle(size=70, opacity=0.85)
        .encode(
            x=alt.X("x", axis=None),
            y=alt.Y("y", axis=None),
            color=alt.Color("problem", scale=scale, legend=alt.Legend(orient="bottom", columns=2)),
            tooltip=["id", "requirement", "section", "problem"],
        )
        .properties(height=380),
        width="stretch",
    )
    sizes = pd.DataFrame(
        {
            "problem": [p.label for p in report.problems],
            "requirements": [len(p.requirement_ids) for p in report.problems],
        }
    )
    right.altair_chart(
        alt.Chart(sizes)
        .mark_bar()
        .encode(
            x="requirements",
            y=alt.Y("problem", sort="-x", title=None),
            color=alt.Color("problem", scale=scale, legend=None),
            tooltip=["problem", "requirements"],
        )
        .properties(height=380),
        width="stretch",
    )


def show_problems(analysis: Analysis) -> None:
    report = analysis.report
    st.markdown("### Business problems")
    by_id = {requirement.id: requirement for requirement in report.requirements}
    palette = colours(report)
    for problem in report.problems:
        colour = palette[problem.label]
        title = f"{problem.id}. {problem.label} — {len(problem.requirement_ids)} requirements"
        with st.container(border=True):
            st.markdown(
                f"<span style='color:{colour}'>●</span> **{title}**", unsafe_allow_html=True
            )
            st.caption(
                "Keywords: "
                + (", ".join(problem.keywords) or "—")
                + " · Sections: "
                + ("; ".join(problem.sections) or "—")
            )
            for rid in analysis.representatives(problem.id, n=3):
                st.markdown(f"- `{rid}` {by_id[rid].text}")
            with st.expander(f"All {len(problem.requirement_ids)} requirements"):
                rows = [
                    {"id": rid, "requirement": by_id[rid].text, "section": by_id[rid].section}
                    for rid in problem.requirement_ids
                ]
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_problem_table(report: Report) -> None:
    st.markdown("### Business problems")
    rows = [
        {
            "problem": p.label,
            "requirements": len(p.requirement_ids),
            "keywords": ", ".join(p.keywords),
            "sections": "; ".join(p.sections),
        }
        for p in report.problems
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_split(report: Report) -> None:
    if not report.breadth.split:
        return
    st.markdown("### Proposed split — each part could be a separate procurement")
    rows = [
        {"part": part.name, "requirements": part.n_requirements} for part in report.breadth.split
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_concerns(report: Report) -> None:
    if not report.concerns:
        return
    st.markdown("### Cross-cutting quality concerns (not counted as problems)")
    rows = [
        {"concern": c.category, "requirements": len(c.requirement_ids)} for c in report.concerns
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def _kind(requirement: Requirement) -> str:
    """The kind column: *quality (security)*, or *functional (+ security)* for a function that
    carries a quality."""
    if requirement.category is not None:
        return f"{requirement.kind} ({requirement.category})"
    if requirement.quality_aspect is not None:
        return f"{requirement.kind} (+ {requirement.quality_aspect})"
    return requirement.kind


def show_requirements(report: Report, *, key: str = "") -> None:
    st.markdown("### Requirements")
    label_of = {p.id: p.label for p in report.problems}
    frame = pd.DataFrame(
        [
            {
                "id": r.id,
                "requirement": r.text,
                "problem": label_of.get(r.problem, "—") if r.problem is not None else "—",
                "kind": _kind(r),
                "section": r.section,
            }
            for r in report.requirements
        ]
    )
    columns = st.columns(4)
    problems = columns[0].multiselect(
        "Problem", sorted(frame["problem"].unique()), key=f"{key}f_problem"
    )
    kinds = columns[1].multiselect("Kind", sorted(frame["kind"].unique()), key=f"{key}f_kind")
    sections = columns[2].multiselect(
        "Section", sorted(frame["section"].unique()), key=f"{key}f_section"
    )
    text = columns[3].text_input("Contains", key=f"{key}f_text")
    shown = frame
    if problems:
        shown = shown[shown["problem"].isin(problems)]
    if kinds:
        shown = shown[shown["kind"].isin(kinds)]
    if sections:
        shown = shown[shown["section"].isin(sections)]
    if text:
        shown = shown[shown["requirement"].str.contains(text, case=False, regex=False)]
    st.caption(f"{len(shown)} of {len(frame)} requirements")
    st.dataframe(shown, hide_index=True, width="stretch")


def show_downloads(report: Report, *, key: str = "") -> None:
    stem = Path(report.source.name).stem
    columns = st.columns(3)
    columns[0].download_button(
        "JSON report", to_json(report), f"{stem}.report.json", "application/json", key=f"{key}json"
    )
    columns[1].download_button(
        "Markdown summary",
        to_markdown(report),
        f"{stem}.report.md",
        "text/markdown",
        key=f"{key}md",
    )
    columns[2].download_button(
        "Requirements CSV",
        to_csv([report]),
        f"{stem}.requirements.csv",
        "text/csv",
        key=f"{key}csv",
    )
