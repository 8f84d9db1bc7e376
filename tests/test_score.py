from __future__ import annotations

import numpy as np
import pytest

from analyser.breadth.calibration import Reference, load_reference
from analyser.breadth.score import breadth_index, measure_signals, score_breadth
from analyser.errors import ModelError
from analyser.records import Problem, Requirement

# A small hand-made reference: thresholds and values chosen for the arithmetic, not measured.
REFERENCE = Reference(
    embedder="test",
    values=(0.9, 1.0, 1.0, 1.0, 1.9, 2.0, 2.8, 3.0, 3.9, 5.0),
    borderline_at=1.5,
    over_broad_at=2.9,
    full_problem_size=12,
)


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


def _breadth(sizes: list[int], **overrides: float):
    requirements, problems, vectors = _case(sizes)
    signals = measure_signals(requirements, problems, vectors, full_problem_size=12)
    return score_breadth(signals, problems, requirements, reference=REFERENCE, **overrides)


@pytest.mark.parametrize(
    ("sizes", "verdict"),
    [
        ([20], "focused"),
        ([40, 4], "focused"),  # a small side-group is not a second problem
        ([14, 12], "borderline"),
        ([20, 18, 16], "over-broad"),
        ([9, 9, 9, 9], "over-broad"),
        ([30, 10, 10], "borderline"),
    ],
)
def test_verdict_follows_the_breadth_index(sizes: list[int], verdict: str) -> None:
    breadth = _breadth(sizes)
    assert (breadth.verdict, breadth.n_problems) == (verdict, len(sizes))
    assert 0 <= breadth.score <= 100
    assert len(breadth.split) == (0 if verdict == "focused" else len(sizes))


def test_breadth_index_discounts_small_and_uneven_problems() -> None:
    assert breadth_index([30], full_problem_size=12) == 1.0
    assert breadth_index([12, 12, 12], full_problem_size=12) == pytest.approx(3.0)
    assert breadth_index([6, 6], full_problem_size=12) == pytest.approx(1.0)  # size-weighted
    assert breadth_index([90, 10], full_problem_size=12) < 1.5  # capped by evenness
    assert breadth_index([], full_problem_size=12) == 0.0


def test_score_is_the_percentile_and_rises_with_breadth() -> None:
    scores = [_breadth(sizes).score for sizes in ([30], [15, 15], [12, 12, 12], [12] * 5)]
    assert scores == sorted(scores) and scores[0] < scores[-1]
    assert _breadth([30]).score == 25.0  # (1 below + 3 ties / 2) of 10 reference values
    assert _breadth([12] * 6).score == 100.0


def test_reasons_name_the_percentile_and_thresholds_can_be_overridden() -> None:
    breadth = _breadth([14, 12])
    assert any("broader than 50% of the reference specs" in r for r in breadth.reasons)
    assert _breadth([14, 12], borderline_at=2.5).verdict == "focused"
    assert _breadth([14, 12], over_broad_at=1.8).verdict == "over-broad"


def test_signals_and_reasons_are_checkable() -> None:
    requirements, problems, vectors = _case([10, 10, 10, 10], n_quality=3)
    signals = measure_signals(requirements, problems, vectors, full_problem_size=12)
    assert (signals.n_functional, signals.n_quality, signals.n_problems) == (40, 3, 4)
    assert signals.largest_share == 0.25 and signals.effective_problems == pytest.approx(4.0)
    assert signals.breadth_index == pytest.approx(40 / 12, abs=1e-3)
    assert signals.separation == pytest.approx(1.0)
    breadth = score_breadth(signals, problems, requirements, reference=REFERENCE)
    assert "4 distinct business problems" in breadth.reasons[0]
    assert any("security 3" in reason for reason in breadth.reasons)


def test_packaged_reference_is_ordered_and_monotone() -> None:
    for embedder in ("minilm", "tfidf"):
        reference = load_reference(embedder)
        assert 1.0 < reference.borderline_at < reference.over_broad_at
        assert list(reference.values) == sorted(reference.values)
        assert len(reference.values) >= 200
        percentiles = [reference.percentile(x) for x in np.linspace(0, 8, 50)]
        assert percentiles == sorted(percentiles)


def test_missing_or_broken_reference_is_a_coded_error(tmp_path) -> None:
    with pytest.raises(ModelError, match=r"^\[A006\]"):
        load_reference("minilm", tmp_path / "absent.json")
    broken = tmp_path / "reference.json"
    broken.write_text('{"embedders": {"minilm": {"values": []}}}')
    with pytest.raises(ModelError, match=r"^\[A006\].*malformed"):
        load_reference("minilm", broken)
