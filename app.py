"""The web app: upload a spec or pick a sample → verdict, reasons, problems, requirements.

A thin shell over the ``analyser`` library: models load once (``st.cache_resource``), each
analysis is cached by file content (``st.cache_data``), and each panel has its own function.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analyser import (
    SUPPORTED_SUFFIXES,
    Analyser,
    AnalyserConfig,
    AnalyserError,
    Report,
    to_csv,
    to_json,
    to_markdown,
)

SAMPLES = Path(__file__).parent / "sample_specs"
VERDICT_COLOURS = {"focused": "green", "borderline": "orange", "over-broad": "red"}


@st.cache_resource(show_spinner="Loading the language and embedding models…")
def load_analyser(embedder: str) -> Analyser:
    return Analyser(AnalyserConfig(embedder=embedder)).load()


@st.cache_data(show_spinner="Analysing the specification…", max_entries=64)
def analyse(data: bytes, name: str, embedder: str) -> Report:
    return load_analyser(embedder).analyse_bytes(data, name=name)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)


def choose_input() -> tuple[bytes, str] | None:
    """The sidebar: a sample spec or an uploaded file; returns its bytes and name."""
    st.sidebar.header("Specification")
    uploaded = st.sidebar.file_uploader(
        "Upload a spec", type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES], key="upload"
    )
    if uploaded is not None:
        return uploaded.getvalue(), uploaded.name
    samples = {path.name: path for path in sample_files()}
    choice = st.sidebar.selectbox(
        "…or pick a sample spec",
        ["—", *samples],
        key="sample",
        help="Fictional specs written for this tool.",
    )
    if choice == "—":
        return None
    return samples[choice].read_bytes(), choice


def show_verdict(report: Report) -> None:
    breadth = report.breadth
    colour = VERDICT_COLOURS[breadth.verdict]
    st.subheader(f":{colour}[{breadth.verdict.capitalize()}] — {report.source.name}")
    columns = st.columns(4)
    columns[0].metric("Verdict", breadth.verdict)
    columns[1].metric("Breadth score", f"{breadth.score:.0f} / 100")
    columns[2].metric("Business problems", breadth.n_problems)
    columns[3].metric("Requirements", len(report.requirements))
    st.markdown("**Why**")
    st.markdown("\n".join(f"- {reason}" for reason in breadth.reasons))


def show_split(report: Report) -> None:
    if not report.breadth.split:
        return
    st.markdown("**Proposed split** — each part could be a separate procurement")
    rows = [
        {"part": part.name, "requirements": part.n_requirements} for part in report.breadth.split
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def show_problems(report: Report) -> None:
    st.markdown("### Business problems")
    by_id = {requirement.id: requirement for requirement in report.requirements}
    for problem in report.problems:
        title = f"{problem.id}. {problem.label} — {len(problem.requirement_ids)} requirements"
        with st.expander(title, expanded=len(report.problems) <= 3):
            st.caption("Keywords: " + (", ".join(problem.keywords) or "—"))
            rows = [
                {"id": rid, "requirement": by_id[rid].text, "section": by_id[rid].section}
                for rid in problem.requirement_ids
            ]
            st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def show_concerns(report: Report) -> None:
    if not report.concerns:
        return
    st.markdown("### Cross-cutting quality concerns (not counted as problems)")
    rows = [
        {"concern": c.category, "requirements": len(c.requirement_ids)} for c in report.concerns
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def show_downloads(report: Report) -> None:
    stem = Path(report.source.name).stem
    columns = st.columns(3)
    columns[0].download_button(
        "JSON report", to_json(report), f"{stem}.report.json", "application/json"
    )
    columns[1].download_button(
        "Markdown summary", to_markdown(report), f"{stem}.report.md", "text/markdown"
    )
    columns[2].download_button(
        "Requirements CSV", to_csv([report]), f"{stem}.requirements.csv", "text/csv"
    )


def main() -> None:
    st.set_page_config(page_title="Scope-creep analyser", page_icon="🔎", layout="wide")
    st.title("Scope-creep analyser")
    st.caption(
        "Is this requirements specification trying to solve too many problems with one system?"
    )
    fast = st.sidebar.toggle("Fast mode (TF-IDF)", value=False, key="fast")
    chosen = choose_input()
    if chosen is None:
        st.info(
            "Upload a specification (" + ", ".join(SUPPORTED_SUFFIXES) + ") or pick a sample spec."
        )
        return
    data, name = chosen
    try:
        report = analyse(data, name, "tfidf" if fast else "minilm")
    except AnalyserError as error:
        st.error(str(error))
        return
    show_verdict(report)
    show_split(report)
    show_problems(report)
    show_concerns(report)
    show_downloads(report)


main()
