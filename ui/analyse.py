"""The Analyse page: upload specs (or pick a sample) and see each one's verdict and problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyser import SUPPORTED_SUFFIXES, AnalyserError, Analysis, ReadBudget
from ui.analysis import MAX_UPLOAD_MB, regroup, sample_files, too_large
from ui.settings import reading_limits
from ui.widgets import show_report

GRANULARITY = {-2: "Fewest", -1: "Fewer", 0: "Default", 1: "More", 2: "Most"}


def analyse_page() -> None:
    st.title("Scope-creep analyser")
    st.caption(
        "Is this requirements specification trying to solve too many problems with one system?"
    )
    fast = st.sidebar.toggle("Fast mode (TF-IDF)", value=False, key="fast")
    granularity = st.sidebar.select_slider(
        "Granularity",
        options=list(GRANULARITY),
        value=0,
        format_func=GRANULARITY.get,
        key="granularity",
        help="Fewer or more problems, from the same requirements (nothing is read or embedded "
        "again). The verdict thresholds are calibrated at the default.",
    )
    inputs = choose_inputs()
    budget, pdf_reader = reading_limits("analyse")
    if not inputs:
        st.info(
            "Upload one or more specifications (" + ", ".join(SUPPORTED_SUFFIXES) + ") or pick "
            "a sample spec."
        )
        return
    results = analyse_all(inputs, "tfidf" if fast else "minilm", granularity, budget, pdf_reader)
    if len(results) > 1:
        show_overview(results)
        name = st.selectbox("Show the report for", list(results), key="shown")
    else:
        name = next(iter(results))
    result = results[name]
    if isinstance(result, str):
        st.error(result)
        return
    show_report(result.report, analysis=result)


def choose_inputs() -> list[tuple[bytes, str]]:
    """The sidebar: uploaded files (several allowed) or one sample spec."""
    st.sidebar.header("Specification")
    uploaded = st.sidebar.file_uploader(
        f"Upload specs (up to {MAX_UPLOAD_MB} MB each)",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="upload",
    )
    if uploaded:
        return [(file.getvalue(), file.name) for file in uploaded]
    samples = {path.name: path for path in sample_files()}
    choice = st.sidebar.selectbox(
        "…or pick a sample spec",
        ["—", *samples],
        key="sample",
        help="Fictional specs written for this tool.",
    )
    return [] if choice == "—" else [(samples[choice].read_bytes(), choice)]


def analyse_all(
    inputs: list[tuple[bytes, str]],
    embedder: str,
    granularity: int,
    budget: ReadBudget,
    pdf_reader: str,
) -> dict[str, Analysis | str]:
    """Each input's analysis, or the message saying why it could not be analysed."""
    results: dict[str, Analysis | str] = {}
    progress = st.progress(0.0, text="Analysing…") if len(inputs) > 1 else None
    for number, (data, name) in enumerate(inputs, start=1):
        if progress is not None:
            progress.progress(
                (number - 1) / len(inputs), text=f"Analysing {name} ({number}/{len(inputs)})…"
            )
        if too_large(data):
            results[name] = (
                f"{name} is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. "
                "Split the document, or score it with the command line (`analyser analyse`)."
            )
            continue
        try:
            with st.spinner(f"Analysing {name}…"):
                results[name] = regroup(data, name, embedder, granularity, budget, pdf_reader)
        except AnalyserError as error:
            results[name] = str(error)
    if progress is not None:
        progress.empty()
    return results


def show_overview(results: dict[str, Analysis | str]) -> None:
    for name, result in results.items():
        if isinstance(result, str):
            st.error(result if name in result else f"{name}: {result}")
    rows = []
    for name, result in results.items():
        if isinstance(result, str):
            rows.append(
                {
                    "file": name,
                    "verdict": "failed",
                    "score": None,
                    "problems": None,
                    "requirements": None,
                    "message": result,
                }
            )
        else:
            breadth = result.report.breadth
            rows.append(
                {
                    "file": name,
                    "verdict": breadth.verdict,
                    "score": breadth.score,
                    "problems": breadth.n_problems,
                    "requirements": len(result.report.requirements),
                    "message": "",
                }
            )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


analyse_page()
