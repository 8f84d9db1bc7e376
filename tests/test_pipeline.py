"""The orchestrator end to end on inputs made here: a requirements export and uploaded bytes."""

from __future__ import annotations

import pytest

from analyser import Analyser, EmptySpecError

ROWS = [
    ("PK-1", "Residents can apply for a parking permit online"),
    ("PK-2", "The system shall check the vehicle registration with the licensing agency"),
    ("PK-3", "Visitors permits are bought in books of ten sessions"),
    ("PK-4", "Officers must be able to revoke a permit and record the reason"),
    ("PK-5", "The service shall respond within 2 seconds for 95% of requests"),
]


def test_a_csv_export_is_one_requirement_per_row(analyser: Analyser) -> None:
    text = "Req ID,Description,Priority\n" + "".join(f'{i},"{t}",High\n' for i, t in ROWS)
    report = analyser.analyse_bytes(text.encode(), name="permits.csv")
    assert report.source.format == "csv"
    assert [r.id for r in report.requirements] == [i for i, _ in ROWS]
    assert {r.id: r.kind for r in report.requirements}["PK-5"] == "quality"
    functional = [r for r in report.requirements if r.kind == "functional"]
    assert all(r.problem == 0 for r in functional) and report.breadth.verdict == "focused"


def test_a_document_without_requirements_is_a_coded_error(analyser: Analyser) -> None:
    text = b"Minutes of the meeting\n\nThe committee discussed parking in the town centre."
    with pytest.raises(EmptySpecError, match=r"^\[A004\] No requirements found in 'minutes.txt'"):
        analyser.analyse_bytes(text, name="minutes.txt")
