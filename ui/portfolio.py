"""The Portfolio page: a results database from `analyser batch`, ranked, with one spec in full."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from analyser import AnalyserError, BatchProgress, ResultStore, league_table, run_batch
from ui.analysis import SAMPLES, load_analyser
from ui.widgets import VERDICT_COLOURS, VERDICT_ORDER, show_report

LEAGUE_SHOWN = [
    "rank", "spec", "verdict", "score", "portfolio_percentile", "n_problems", "n_requirements",
    "top_problems", "n_with_defects", "risks_missing", "missing_checks",
]  # fmt: skip


def portfolio_page() -> None:
    st.title("Portfolio")
    st.caption("Specs scored in bulk by `analyser batch`, broadest first.")
    store = choose_store()
    if store is None:
        st.info(
            "No results database yet. Score a folder or zip archive of specs from the command "
            "line, then open the database here:\n\n"
            "`analyser batch specs/ archive.zip --db results.sqlite --workers 2`\n\n"
            "Or score the sample specs now to see what the page shows."
        )
        if st.button("Score the sample specs", key="score_samples"):
            score_samples()
            st.rerun()
        return
    table = league_table(store, include_failed=True)
    table.insert(1, "spec", short_origins(list(table["origin"])))
    scored = table[table["rank"].notna()]
    failed = table[table["rank"].isna()]
    show_portfolio_figures(scored, failed)
    if len(scored):
        show_league(scored)
        show_distribution(scored)
    if len(failed):
        with st.expander(f"{len(failed)} files could not be scored"):
            st.dataframe(
                failed[["spec", "error_code", "error_message"]],
                hide_index=True,
                width="stretch",
            )
    if len(scored):
        show_drill_down(store, scored)


def choose_store() -> ResultStore | None:
    """The sidebar: a database path, an uploaded database, or the sample specs scored here."""
    st.sidebar.header("Results database")
    path = st.sidebar.text_input(
        "Database file", value=os.environ.get("ANALYSER_DB", "results.sqlite"), key="db_path"
    )
    upload = st.sidebar.file_uploader(
        "…or upload one", type=["sqlite", "db"], key="db_upload", help="Read in memory."
    )
    try:
        if upload is not None:
            return ResultStore.from_bytes(upload.getvalue(), name=upload.name)
        if path and Path(path).is_file():
            return ResultStore(path, read_only=True)
    except AnalyserError as error:
        st.error(str(error))
        return None
    return st.session_state.get("sample_store")


def score_samples() -> None:
    """Score the sample specs into an in-memory database held by this session."""
    store = ResultStore(":memory:")
    bar = st.progress(0.0, text="Scoring the sample specs…")

    def advance(event: BatchProgress) -> None:
        name = event.origin.rsplit("/", 1)[-1]
        bar.progress(event.done / event.total, text=f"{name} ({event.done}/{event.total})")

    run_batch([SAMPLES], store, analyser=load_analyser("minilm"), on_progress=advance)
    bar.empty()
    st.session_state["sample_store"] = store


def short_origins(origins: list[str]) -> list[str]:
    """Origins without the folder they all share: ``creep/v2.md`` rather than a long path,
    and two ``v2.md`` from different folders stay apart."""
    if not origins:
        return []
    parts = [origin.replace("!/", "/").split("/") for origin in origins]
    shared = 0
    while all(len(p) > shared + 1 for p in parts) and len({p[shared] for p in parts}) == 1:
        shared += 1
    return ["/".join(p[shared:]) for p in parts]


def show_portfolio_figures(scored: pd.DataFrame, failed: pd.DataFrame) -> None:
    verdicts = Counter(scored["verdict"])
    columns = st.columns(5)
    columns[0].metric("Specs scored", len(scored))
    columns[1].metric("Over-broad", verdicts["over-broad"])
    columns[2].metric("Borderline", verdicts["borderline"])
    columns[3].metric("Focused", verdicts["focused"])
    columns[4].metric("Not scored", len(failed), help="Unreadable, empty or unsupported files.")


def show_league(scored: pd.DataFrame) -> None:
    st.markdown("### League table")
    left, right = st.columns(2)
    verdicts = left.multiselect("Verdict", VERDICT_ORDER, key="league_verdict")
    text = right.text_input("Name or path contains", key="league_text")
    shown = scored
    if verdicts:
        shown = shown[shown["verdict"].isin(verdicts)]
    if text:
        shown = shown[shown["spec"].str.contains(text, case=False, regex=False)]
    st.caption(f"{len(shown)} of {len(scored)} specs")
    st.dataframe(
        shown[LEAGUE_SHOWN],
        hide_index=True,
        width="stretch",
        column_config={
            "score": st.column_config.ProgressColumn(
                "score", min_value=0, max_value=100, format="%.0f"
            ),
            "portfolio_percentile": st.column_config.NumberColumn("percentile here", format="%.0f"),
            "n_with_defects": st.column_config.NumberColumn(
                "with defects", help="Requirements with at least one writing defect."
            ),
            "risks_missing": st.column_config.NumberColumn(
                "risks missing", help="Delivery-risk checks the spec does not meet at all."
            ),
            "missing_checks": st.column_config.TextColumn("missing"),
        },
    )


def show_distribution(scored: pd.DataFrame) -> None:
    st.markdown("### Score distribution")
    chart = (
        alt.Chart(scored)
        .mark_bar()
        .encode(
            x=alt.X("score:Q", bin=alt.Bin(step=10, extent=[0, 100]), title="breadth score"),
            y=alt.Y("count():Q", title="specs"),
            color=alt.Color(
                "verdict:N",
                scale=alt.Scale(domain=VERDICT_ORDER, range=VERDICT_COLOURS),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=["verdict:N", "count():Q"],
        )
        .properties(height=240)
    )
    st.altair_chart(chart, width="stretch")


def show_drill_down(store: ResultStore, scored: pd.DataFrame) -> None:
    st.markdown("### One spec in full")
    label_of = dict(zip(scored["origin"], scored["spec"], strict=True))
    origin = st.selectbox("Spec", list(scored["origin"]), format_func=label_of.get, key="drill")
    if origin is None:
        return
    show_report(store.report(origin), key="drill_")


portfolio_page()
