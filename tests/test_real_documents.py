"""Every real PURE document either gives a report or fails with a coded, readable error.

Reads the evaluation data beside the repository (never writes there); skipped when absent.
Reading is what is tested here, so the fast (TF-IDF) analyser is enough.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analyser import Analyser, AnalyserError, UnsupportedFormatError

pytestmark = pytest.mark.realdata

# Documents that really hold few requirement statements (their text renderings agree).
FEW_REQUIREMENTS = {"2004 - ijis.doc": 3}


def test_every_pure_document_gives_a_report_or_a_coded_error(
    shared_data: Path, fast_analyser: Analyser
) -> None:
    documents = sorted((shared_data / "pure" / "documents").iterdir())
    assert len(documents) >= 40
    antiword = shutil.which("antiword") is not None
    problems, n_reports = [], 0
    for path in documents:
        try:
            report = fast_analyser.analyse_path(path)
        except UnsupportedFormatError as error:
            if antiword or path.suffix.lower() != ".doc" or "antiword" not in str(error):
                problems.append(f"{path.name}: {error}")
        except AnalyserError as error:
            problems.append(f"{path.name}: unexpected {error}")
        else:
            n_reports += 1
            enough = FEW_REQUIREMENTS.get(path.name, 5)
            if len(report.requirements) < enough or not report.problems:
                problems.append(f"{path.name}: {len(report.requirements)} requirements")
    assert not problems, "\n".join(problems)
    assert n_reports == len(documents) if antiword else n_reports >= 40
