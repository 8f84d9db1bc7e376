"""The analyser and its analyses, cached for every page of the app.

Models load once per process (``cache_resource``); each analysis is cached by file content and
settings (``cache_data``), and regrouping at another granularity reuses the cached vectors. A
file that cannot be analysed is cached with its coded error, so that one which ran into the
reading time limit is not read again at every click.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st

from analyser import (
    SUPPORTED_SUFFIXES,
    Analyser,
    AnalyserConfig,
    AnalyserError,
    Analysis,
    History,
    ReadBudget,
    Report,
    read_spec,
)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_specs"
MAX_UPLOAD_MB = 25
DEFAULT_BUDGET = ReadBudget()


@st.cache_resource(show_spinner="Loading the language and embedding models…")
def load_analyser(embedder: str) -> Analyser:
    return Analyser(AnalyserConfig(embedder=embedder)).load()


@st.cache_data(show_spinner=False, max_entries=64)
def examine(
    data: bytes,
    name: str,
    embedder: str,
    budget: ReadBudget = DEFAULT_BUDGET,
    pdf_reader: str = "pdfium",
) -> Analysis | AnalyserError:
    """The spec's analysis, or the coded error saying why there is none."""
    try:
        document = read_spec(name, data=data, name=name, budget=budget, pdf_reader=pdf_reader)
        return load_analyser(embedder).examine_document(document)
    except AnalyserError as error:
        return error


def examined(
    data: bytes,
    name: str,
    embedder: str,
    budget: ReadBudget = DEFAULT_BUDGET,
    pdf_reader: str = "pdfium",
) -> Analysis:
    """``examine``, raising its coded error."""
    analysis = examine(data, name, embedder, budget, pdf_reader)
    if isinstance(analysis, AnalyserError):
        raise analysis
    return analysis


@st.cache_data(show_spinner=False, max_entries=128)
def regroup(
    data: bytes,
    name: str,
    embedder: str,
    granularity: int,
    budget: ReadBudget = DEFAULT_BUDGET,
    pdf_reader: str = "pdfium",
) -> Analysis:
    analysis = examined(data, name, embedder, budget, pdf_reader)
    if granularity == 0:
        return analysis
    return load_analyser(embedder).regroup(analysis, granularity=granularity)


@st.cache_data(show_spinner=False, max_entries=16)
def compare_versions(
    inputs: tuple[tuple[bytes, str], ...],
    embedder: str,
    budget: ReadBudget = DEFAULT_BUDGET,
    pdf_reader: str = "pdfium",
) -> tuple[History, list[Report], list[np.ndarray]]:
    """The series' history, each version's report, and a shared problem map."""
    analyser = load_analyser(embedder)
    reports = [examined(data, name, embedder, budget, pdf_reader).report for data, name in inputs]
    return analyser.history_of_reports(reports), reports, analyser.joint_map(reports)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)


def too_large(data: bytes) -> bool:
    return len(data) > MAX_UPLOAD_MB * 1024 * 1024
