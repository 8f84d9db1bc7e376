from __future__ import annotations

import numpy as np
import pytest

from analyser.records import Problem, Requirement
from analyser.score import measure_signals, score_breadth


def _case(sizes: list[int], n_quality: int = 0):
    requirements, problems, rows = [], [], []
    for pid, size in enumerate(sizes):
        ids = tuple(f"P{pid}-{i}" for i in range(size))
        requirements += [
            Requirement(id=rid, text="t", section="", kind="functional", problem=pid) for rid in ids
        ]
        problems.append(Problem(id=pid, label=f"Problem {pid}", keywords=(), requirement_ids=ids))
        rows += [np.eye(8)[pid]] * size
    requirements += [
        Requirement(id=f"Q{i}", text="t", section="", kind="quality", category="security")
        for i in range(n_quality)
    ]
    return requirements, problems, np.array(rows)


@pytest.mark.parametrize(
    ("sizes", "verdict"),
    [
        ([20], "focused"),
        ([12, 10], "borderline"),
        ([10, 9, 8], "borderline"),
        ([9, 9, 9, 9], "over-broad"),
        ([8, 8, 8, 8, 8, 8], "over-broad"),
    ],
)
def test_verdict_follows_number_of_problems(sizes: list[int], verdict: str) -> None:
    requirements, problems, vectors = _case(sizes)
    breadth = score_breadth(
        measure_signals(requirements, problems, vectors),
        problems,
        requirements,
        borderline_at=2,
        over_broad_at=4,
    )
    assert (breadth.verdict, breadth.n_problems) == (verdict, len(sizes))
    assert 0 <= breadth.score <= 100
    assert len(breadth.split) == (0 if verdict == "focused" else len(sizes))


def test_score_rises_with_problems_and_with_evenness() -> None:
    def score(sizes: list[int]) -> float:
        requirements, problems, vectors = _case(sizes)
        return score_breadth(
            measure_signals(requirements, problems, vectors),
            problems,
            requirements,
            borderline_at=2,
            over_broad_at=4,
        ).score

    assert score([30]) < score([15, 15]) < score([10, 10, 10]) < score([6] * 5)
    assert score([26, 4]) < score([15, 15])


def test_signals_and_reasons_are_checkable() -> None:
    requirements, problems, vectors = _case([10, 10, 10, 10], n_quality=3)
    signals = measure_signals(requirements, problems, vectors)
    assert (signals.n_functional, signals.n_quality, signals.n_problems) == (40, 3, 4)
    assert signals.largest_share == 0.25 and signals.effective_problems == pytest.approx(4.0)
    assert signals.separation == pytest.approx(1.0)
    breadth = score_breadth(signals, problems, requirements, borderline_at=2, over_broad_at=4)
    assert "4 distinct business problems" in breadth.reasons[0]
    assert any("security 3" in reason for reason in breadth.reasons)
