"""The scope-creep analyser: is a requirements specification trying to solve too many problems?

Public API::

    from analyser import Analyser, analyse
    report = analyse("spec.docx")
    report.breadth.verdict, report.breadth.reasons, report.problems
"""

from __future__ import annotations

__version__ = "0.2.0"

from pathlib import Path  # noqa: E402

from analyser.batch.archive import ArchiveLimits  # noqa: E402
from analyser.batch.portfolio import EXPORT_FORMATS, league_table, render_league  # noqa: E402
from analyser.batch.run import BatchProgress, BatchSummary, run_batch  # noqa: E402
from analyser.batch.store import ResultStore, SpecRecord  # noqa: E402
from analyser.config import PDF_READERS, AnalyserConfig, ReadBudget  # noqa: E402
from analyser.errors import (  # noqa: E402
    AnalyserError,
    EmptySpecError,
    ModelError,
    ReadBudgetError,
    SpecNotFoundError,
    SpecReadError,
    TableColumnError,
    UnsupportedFormatError,
)
from analyser.pipeline import Analyser, Analysis, Outcome  # noqa: E402
from analyser.readers import (  # noqa: E402
    SUPPORTED_SUFFIXES,
    ReadCost,
    read_spec,
    read_spec_with_cost,
)
from analyser.records import (  # noqa: E402
    Breadth,
    Concern,
    Defect,
    Evidence,
    PartCoverage,
    Problem,
    Report,
    Requirement,
    Review,
    RiskCheck,
    SpecDocument,
    SplitPart,
)
from analyser.report import REPORT_FORMATS, from_json, to_csv, to_json, to_markdown  # noqa: E402
from analyser.review import CHECKS, RULES  # noqa: E402
from analyser.review.document import review_docx  # noqa: E402
from analyser.review.render import (  # noqa: E402
    REVIEW_FORMATS,
    Finding,
    findings,
    review_markdown,
    review_to_json,
)
from analyser.versions.comparison import Change, Comparison, History, ProblemDelta, ProblemLink  # noqa: E402
from analyser.versions.render import (  # noqa: E402
    COMPARE_FORMATS,
    comparison_from_json,
    comparison_to_json,
    comparison_to_markdown,
    history_from_json,
    history_to_json,
    history_to_markdown,
)

__all__ = [
    "CHECKS",
    "COMPARE_FORMATS",
    "EXPORT_FORMATS",
    "PDF_READERS",
    "REPORT_FORMATS",
    "REVIEW_FORMATS",
    "RULES",
    "SUPPORTED_SUFFIXES",
    "Analyser",
    "AnalyserConfig",
    "AnalyserError",
    "Analysis",
    "ArchiveLimits",
    "BatchProgress",
    "BatchSummary",
    "Breadth",
    "Change",
    "Comparison",
    "Concern",
    "Defect",
    "EmptySpecError",
    "Evidence",
    "Finding",
    "History",
    "ModelError",
    "Outcome",
    "PartCoverage",
    "Problem",
    "ProblemDelta",
    "ProblemLink",
    "ReadBudget",
    "ReadBudgetError",
    "ReadCost",
    "Report",
    "Requirement",
    "ResultStore",
    "Review",
    "RiskCheck",
    "SpecDocument",
    "SpecNotFoundError",
    "SpecReadError",
    "SpecRecord",
    "SplitPart",
    "TableColumnError",
    "UnsupportedFormatError",
    "__version__",
    "analyse",
    "comparison_from_json",
    "comparison_to_json",
    "comparison_to_markdown",
    "findings",
    "from_json",
    "history_from_json",
    "history_to_json",
    "history_to_markdown",
    "league_table",
    "read_spec",
    "read_spec_with_cost",
    "render_league",
    "review_docx",
    "review_markdown",
    "review_to_json",
    "run_batch",
    "to_csv",
    "to_json",
    "to_markdown",
]


def analyse(path: str | Path, *, config: AnalyserConfig | None = None) -> Report:
    """Analyse one specification file with a fresh ``Analyser`` (load models once for many)."""
    return Analyser(config).analyse_path(path)
