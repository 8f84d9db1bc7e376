"""The sidebar's reading settings, shared by the pages that read specs."""

from __future__ import annotations

import streamlit as st

from analyser import PDF_READERS, ReadBudget


def reading_limits(key: str) -> tuple[ReadBudget, str]:
    """The sidebar's reading settings: what reading one file may cost before it is stopped,
    and the PDF reader."""
    default = ReadBudget()
    with st.sidebar.expander("Reading limits"):
        seconds = st.number_input(
            "Seconds per file", 1, 3600, int(default.seconds), key=f"{key}_max_seconds"
        )
        pages = st.number_input("PDF pages", 1, 100_000, default.pages, key=f"{key}_max_pages")
        chars = st.number_input(
            "Characters (millions)", 1, 1_000, default.characters // 10**6, key=f"{key}_max_chars"
        )
        memory = st.number_input(
            "Memory per file (MB)", 64, 65_536, default.memory_mb, key=f"{key}_max_memory"
        )
        pdf_reader = st.selectbox(
            "PDF reader",
            PDF_READERS,
            key=f"{key}_pdf_reader",
            help="pdfium is fast; pypdf is the earlier reader, for a PDF pdfium reads badly.",
        )
    budget = ReadBudget(
        seconds=float(seconds),
        pages=int(pages),
        characters=int(chars) * 10**6,
        memory_mb=int(memory),
    )
    return budget, str(pdf_reader)
