"""The scope-creep analyser: is a requirements specification trying to solve too many problems?

Public API::

    from analyser import Analyser, analyse
    report = analyse("spec.docx")
    report.breadth.verdict, report.breadth.reasons, report.problems
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path  # noqa: E402

from analyser.config import AnalyserConfig  # noqa: E402
from analyser.errors import (  # noqa: E402
    AnalyserError,
    EmptySpecError,
    ModelError,
    SpecNotFoundError,
    SpecReadError,
    TableColumnError,
    UnsupportedFormatError,
)
from analyser.pipeline import Analyser, Analysis, Outcome  # noqa: E402
from analyser.readers import SUPPORTED_SUFFIXES, read_spec  # noqa: E402
from analyser.records import (  # noqa: E402
    Breadth,
    Concern,
    Problem,
    Report,
    Requirement,
    SpecDocument,
    SplitPart,
)
from analyser.report import REPORT_FORMATS, from_json, to_csv, to_json, to_markdown  # noqa: E402

__all__ = [
    "REPORT_FORMATS",
    "SUPPORTED_SUFFIXES",
    "Analyser",
    "Analysis",
    "AnalyserConfig",
    "AnalyserError",
    "Breadth",
    "Concern",
    "EmptySpecError",
    "ModelError",
    "Outcome",
    "Problem",
    "Report",
    "Requirement",
    "SpecDocument",
    "SpecNotFoundError",
    "SpecReadError",
    "SplitPart",
    "TableColumnError",
    "UnsupportedFormatError",
    "__version__",
    "analyse",
    "from_json",
    "read_spec",
    "to_csv",
    "to_json",
    "to_markdown",
]


def analyse(path: str | Path, *, config: AnalyserConfig | None = None) -> Report:
    """Analyse one specification file with a fresh ``Analyser`` (load models once for many)."""
    return Analyser(config).analyse_path(path)
