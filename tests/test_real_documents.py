"""Every real PURE document either gives a report or fails with a coded, readable error.

Reads the evaluation data beside the repository (never writes there); skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser import Analyser, AnalyserError, UnsupportedFormatError

pytestmark = pytest.mark.realdata


def test_every_pure_document_gives_a_report_or_a_coded_error(
    shared_data: Path, analyser: Analyser
) -> None:
    documents = sorted((shared_data / "pure" / "documents").iterdir())
    assert len(documents) >= 40
    problems, n_reports = [], 0
    for path in documents:
        legacy = path.suffix.lower() in (".doc", ".rtf")
        try:
            report = analyser.analyse_path(path)
        except UnsupportedFormatError as error:
            if not (legacy and "libreoffice --headless --convert-to docx" in str(error)):
                problems.append(f"{path.name}: {error}")
        except AnalyserError as error:
            problems.append(f"{path.name}: unexpected {error}")
        else:
            n_reports += 1
            if legacy or len(report.requirements) < 5 or not report.problems:
                problems.append(f"{path.name}: {len(report.requirements)} requirements")
    assert not problems, "\n".join(problems)
    assert n_reports >= 40
