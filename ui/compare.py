"""The Compare page: two or more versions of a spec, and the business problems each draft added."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from analyser import (
    SUPPORTED_SUFFIXES,
    AnalyserError,
    Comparison,
    History,
    Report,
    comparison_to_json,
)
from ui.analysis import MAX_UPLOAD_MB, SAMPLES, compare_versions, too_large
from ui.settings import reading_limits
from ui.widgets import PALETTE, VERDICT_COLOURS, VERDICT_ORDER

VERSIONS = SAMPLES / "versions"
SCOPE_BANNER = {"grew": st.warning, "shrank": st.info, "shifted": st.info, "no-growth": st.success}
CHANGE_KINDS = ["added", "removed", "modified", "unchanged"]


def compare_page() -> None:
    st.title("Compare versions")
    st.caption("Scope creep is growth between drafts: which business problems did each add?")
    fast = st.sidebar.toggle("Fast mode (TF-IDF)", value=False, key="compare_fast")
    inputs = choose_versions()
    budget, pdf_reader = reading_limits("compare")
    if len(inputs) < 2:
        st.info("Upload two or more versions of one spec, oldest first, or pick a sample series.")
        return
    oversized = [name for data, name in inputs if too_large(data)]
    if oversized:
        st.error(f"{', '.join(oversized)}: larger than the {MAX_UPLOAD_MB} MB limit.")
        return
    try:
        with st.spinner(f"Analysing and aligning {len(inputs)} versions…"):
            history, reports, maps = compare_versions(
                tuple(inputs), "tfidf" if fast else "minilm", budget, pdf_reader
            )
    except AnalyserError as error:
        st.error(str(error))
        return
    if len(inputs) > 2:
        show_timeline(history)
    steps: dict[str, int] = {}
    if history.overall is not None and len(history.steps) > 1:
        steps[f"{history.versions[0].name} → {history.versions[-1].name} (overall)"] = -1
    steps |= {f"{c.before.name} → {c.after.name}": index for index, c in enumerate(history.steps)}
    shown = (
        st.selectbox("Compare", list(steps), key="step") if len(steps) > 1 else next(iter(steps))
    )
    index = steps[shown]
    comparison = history.overall if index == -1 else history.steps[index]
    assert comparison is not None
    first, second = (0, len(reports) - 1) if index == -1 else (index, index + 1)
    show_headline(comparison)
    show_side_by_side(comparison, reports[first], reports[second], maps[first], maps[second])
    show_problem_changes(comparison)
    show_diff(comparison)
    st.download_button(
        "Comparison (JSON)", comparison_to_json(comparison), "comparison.json", "application/json"
    )


def sample_series() -> dict[str, list[Path]]:
    if not VERSIONS.is_dir():
        return {}
    return {
        folder.name: sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
        for folder in sorted(VERSIONS.iterdir())
        if folder.is_dir()
    }


def choose_versions() -> list[tuple[bytes, str]]:
    """The sidebar: uploaded versions (oldest first) or a sample series."""
    st.sidebar.header("Versions")
    uploaded = st.sidebar.file_uploader(
        "Upload two or more versions, oldest first",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="versions_upload",
    )
    if uploaded:
        return [(file.getvalue(), file.name) for file in uploaded]
    series = sample_series()
    choice = st.sidebar.selectbox(
        "…or pick a sample series",
        ["—", *series],
        key="series",
        help="creep: a focused spec that takes on more problems draft by draft; reworded: "
        "renumbered and reworded, no growth; descoped: problems removed.",
    )
    return [] if choice == "—" else [(path.read_bytes(), path.name) for path in series[choice]]


def show_headline(comparison: Comparison) -> None:
    SCOPE_BANNER[comparison.scope_change](f"**{comparison.headline}**")
    before, after = comparison.before, comparison.after
    columns = st.columns(4)
    columns[0].metric(
        "Business problems",
        after.n_problems,
        after.n_problems - before.n_problems,
        delta_color="inverse",
    )
    columns[1].metric(
        "Requirements",
        after.n_requirements,
        after.n_requirements - before.n_requirements,
        delta_color="off",
    )
    columns[2].metric(
        "Breadth score",
        f"{after.score:.0f}",
        f"{after.score - before.score:+.0f}",
        delta_color="inverse",
    )
    columns[3].metric("Verdict", after.verdict, f"was {before.verdict}", delta_color="off")


def show_side_by_side(
    comparison: Comparison,
    old: Report,
    new: Report,
    old_map: np.ndarray,
    new_map: np.ndarray,
) -> None:
    """Both versions on the same axes; new (right) and dropped (left) problems in colour,
    the problems that carry on in grey."""
    st.markdown("### Problem map, before and after")
    st.caption(
        "Each dot is a functional requirement, both versions on the same axes. In colour: "
        "problems new in the later version (right) or dropped from the earlier one (left)."
    )
    new_ids = {p.id for p in comparison.new_problems}
    dropped_ids = {p.id for p in comparison.dropped_problems}
    frames = [
        _version_frame(old, old_map, dropped_ids, "dropped"),
        _version_frame(new, new_map, new_ids, "new"),
    ]
    highlighted = sorted({h for f in frames for h in f["highlight"] if h != "carried on"})
    domain = ["carried on", *highlighted]
    scale = alt.Scale(domain=domain, range=["#BBBBBB", *PALETTE[: len(highlighted)]])
    x_scale = alt.Scale(domain=_extent(old_map, new_map, 0))
    y_scale = alt.Scale(domain=_extent(old_map, new_map, 1))
    for column, frame, version in zip(
        st.columns(2), frames, (comparison.before, comparison.after), strict=True
    ):
        plural = "s" if version.n_problems != 1 else ""
        column.markdown(
            f"**{version.name}** — {version.n_problems} problem{plural}, {version.verdict}"
        )
        column.altair_chart(
            alt.Chart(frame)
            .mark_circle(size=60, opacity=0.85)
            .encode(
                x=alt.X("x", axis=None, scale=x_scale),
                y=alt.Y("y", axis=None, scale=y_scale),
                color=alt.Color(
                    "highlight",
                    scale=scale,
                    legend=alt.Legend(orient="bottom", columns=1, labelLimit=400),
                    title=None,
                ),
                tooltip=["id", "requirement", "problem"],
            )
            .properties(height=340),
            width="stretch",
        )


def _version_frame(
    report: Report, coordinates: np.ndarray, highlighted: set[int], word: str
) -> pd.DataFrame:
    label_of = {p.id: p.label for p in report.problems}
    functional = [r for r in report.requirements if r.kind == "functional"]
    return pd.DataFrame(
        {
            "x": coordinates[:, 0],
            "y": coordinates[:, 1],
            "id": [r.id for r in functional],
            "requirement": [r.text for r in functional],
            "problem": [label_of.get(r.problem, "—") for r in functional],
            "highlight": [
                f"{label_of[r.problem]} ({word})" if r.problem in highlighted else "carried on"
                for r in functional
            ],
        }
    )


def _extent(first: np.ndarray, second: np.ndarray, axis: int) -> list[float]:
    values = np.concatenate([first[:, axis], second[:, axis]]) if len(first) + len(second) else []
    if not len(values):
        return [-1.0, 1.0]
    low, high = float(np.min(values)), float(np.max(values))
    margin = (high - low) * 0.05 or 0.1
    return [low - margin, high + margin]


def show_problem_changes(comparison: Comparison) -> None:
    rows = [
        {
            "before": " + ".join(link.old_labels) or "—",
            "after": " + ".join(link.new_labels) or "—",
            "shape": link.shape,
            "trend": link.trend,
            "requirements": f"{link.n_before} → {link.n_after}",
        }
        for link in comparison.problem_links
    ]
    rows += [
        {"before": "—", "after": p.label, "shape": "new", "trend": "new",
         "requirements": f"0 → {len(p.requirements)}"}
        for p in comparison.new_problems
    ]  # fmt: skip
    rows += [
        {"before": p.label, "after": "—", "shape": "dropped", "trend": "dropped",
         "requirements": f"{len(p.requirements)} → 0"}
        for p in comparison.dropped_problems
    ]  # fmt: skip
    st.markdown("### Business problems, before → after")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_diff(comparison: Comparison) -> None:
    st.markdown("### Requirements, change by change")
    changes = [*comparison.added, *comparison.removed, *comparison.modified, *comparison.unchanged]
    frame = pd.DataFrame(
        [
            {
                "change": c.kind,
                "old id": c.old_id or "",
                "new id": c.new_id or "",
                "before": c.old_text or "",
                "after": c.new_text or "",
                "similarity": c.similarity,
            }
            for c in changes
        ]
    )
    counts = Counter(frame["change"])
    kinds = st.multiselect(
        "Change",
        CHANGE_KINDS,
        default=[k for k in CHANGE_KINDS if k != "unchanged"],
        format_func=lambda k: f"{k} ({counts[k]})",
        key="c_kind",
    )
    shown = frame[frame["change"].isin(kinds)]
    st.caption(f"{len(shown)} of {len(frame)} requirement changes")
    st.dataframe(shown, hide_index=True, width="stretch")


def show_timeline(history: History) -> None:
    st.markdown("### Timeline")
    SCOPE_BANNER[history.overall.scope_change if history.overall else "no-growth"](
        f"**Overall: {history.headline}**"
    )
    versions = pd.DataFrame(
        [
            {
                "version": f"{i + 1}. {v.name}",
                "business problems": v.n_problems,
                "requirements": v.n_requirements,
                "score": v.score,
                "verdict": v.verdict,
            }
            for i, v in enumerate(history.versions)
        ]
    )
    base = alt.Chart(versions).encode(x=alt.X("version:N", sort=None, title=None))
    problems = base.mark_line(point=alt.OverlayMarkDef(size=120)).encode(
        y=alt.Y("business problems:Q", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=VERDICT_ORDER, range=VERDICT_COLOURS)),
        tooltip=["version", "business problems", "requirements", "score", "verdict"],
    )
    line = base.mark_line(color="#999999").encode(y="business problems:Q")
    left, right = st.columns([3, 2])
    left.altair_chart((line + problems).properties(height=260), width="stretch")
    right.dataframe(
        pd.DataFrame(
            [{"step": f"{c.before.name} → {c.after.name}", "headline": c.headline}
             for c in history.steps]
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip


compare_page()
