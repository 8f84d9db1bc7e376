"""The web app: analyse a spec, compare its versions, rank a portfolio of scored specs.

A thin face over the ``analyser`` library: this file sets up the pages, one module each in
``ui/`` (``analyse``, ``compare``, ``portfolio``), which draw reports with the shared panels in
``ui/widgets.py``. Models load once per process and analyses are cached (``ui/analysis.py``).
Uploads stay in memory (only a legacy .doc passes through a temporary folder for antiword,
removed as soon as it is read).
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Scope-creep analyser", page_icon="🔎", layout="wide")
PAGES = [
    st.Page("ui/analyse.py", title="Analyse", icon=":material/search:", default=True),
    st.Page("ui/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("ui/portfolio.py", title="Portfolio", icon=":material/leaderboard:"),
]
st.navigation(PAGES).run()
