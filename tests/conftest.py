"""Shared fixtures, defined once. Models load once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser import Analyser, AnalyserConfig
from analyser.language.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_specs"
SHARED_DATA = REPO.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output (review the diff before committing).",
    )


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def analyser(nlp) -> Analyser:
    return Analyser(AnalyserConfig(), nlp=nlp)


@pytest.fixture(scope="session")
def fast_analyser(nlp) -> Analyser:
    return Analyser(AnalyserConfig(embedder="tfidf"), nlp=nlp)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("the evaluation data (../shared/data beside the repository) is not present")
    return SHARED_DATA
