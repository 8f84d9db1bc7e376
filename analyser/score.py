"""Breadth signals → a 0–100 score, a verdict, reasons a person can check, a proposed split.

The verdict follows the number of distinct business problems (``borderline_at`` and
``over_broad_at``); the score grows with both the number of problems and how evenly the
requirements are spread over them (the effective number of problems, exp of the entropy), so a
spec with one dominant problem and a few small side-problems scores lower than one split evenly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from analyser.records import Breadth, Problem, Requirement, Signals, SplitPart, Verdict

_SCORE_SCALE = 2.2  # how fast the score approaches 100 as problems are added


def measure_signals(
    requirements: Sequence[Requirement], problems: Sequence[Problem], vectors: np.ndarray
) -> Signals:
    """Measure breadth signals. ``vectors`` are the functional requirements' rows, in the order
    of ``[r for r in requirements if r.kind == "functional"]``."""
    functional = [r for r in requirements if r.kind == "functional"]
    sizes = np.array([len(p.requirement_ids) for p in problems], dtype=float)
    shares = sizes / sizes.sum() if sizes.sum() > 0 else sizes
    entropy = float(-(shares * np.log(shares)).sum()) if len(shares) else 0.0
    row_of = {r.id: row for row, r in enumerate(functional)}
    return Signals(
        n_requirements=len(requirements),
        n_functional=len(functional),
        n_quality=len(requirements) - len(functional),
        n_problems=len(problems),
        effective_problems=round(math.exp(entropy), 3) if len(problems) else 0.0,
        largest_share=round(float(shares.max()), 3) if len(shares) else 0.0,
        spread=round(_mean_pairwise_distance(vectors), 3),
        separation=round(_separation(problems, row_of, vectors), 3),
    )


def score_breadth(
    signals: Signals,
    problems: Sequence[Problem],
    requirements: Sequence[Requirement],
    *,
    borderline_at: int,
    over_broad_at: int,
) -> Breadth:
    """Turn measured signals into the breadth verdict, its reasons and a proposed split."""
    n_problems = signals.n_problems
    verdict: Verdict = (
        "over-broad"
        if n_problems >= over_broad_at
        else "borderline"
        if n_problems >= borderline_at
        else "focused"
    )
    load = 0.5 * max(n_problems - 1, 0) + 0.5 * max(signals.effective_problems - 1, 0)
    score = round(100 * (1 - math.exp(-load / _SCORE_SCALE)), 1)
    reasons = _reasons(signals, problems, requirements, verdict, over_broad_at=over_broad_at)
    split = _split(problems) if verdict != "focused" else ()
    return Breadth(
        score=score,
        verdict=verdict,
        n_problems=n_problems,
        reasons=reasons,
        split=split,
        signals=signals,
    )


# -- private ----------------------------------------------------------------------------


def _mean_pairwise_distance(vectors: np.ndarray) -> float:
    n_rows = vectors.shape[0]
    if n_rows < 2:
        return 0.0
    similarities = vectors @ vectors.T
    off_diagonal = (similarities.sum() - np.trace(similarities)) / (n_rows * (n_rows - 1))
    return float(1.0 - off_diagonal)


def _separation(problems: Sequence[Problem], row_of: dict[str, int], vectors: np.ndarray) -> float:
    """Mean similarity within problems minus mean similarity between them (0 for one problem)."""
    if len(problems) < 2:
        return 0.0
    labels = np.full(vectors.shape[0], -1)
    for problem in problems:
        for requirement_id in problem.requirement_ids:
            labels[row_of[requirement_id]] = problem.id
    similarities = vectors @ vectors.T
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    different = labels[:, None] != labels[None, :]
    return float(similarities[same].mean() - similarities[different].mean())


def _reasons(
    signals: Signals,
    problems: Sequence[Problem],
    requirements: Sequence[Requirement],
    verdict: Verdict,
    *,
    over_broad_at: int,
) -> tuple[str, ...]:
    reasons: list[str] = []
    if signals.n_functional == 0:
        return ("No functional requirements were found, so no business problem can be named.",)
    listed = "; ".join(f"{p.label} ({len(p.requirement_ids)})" for p in problems[:8])
    noun = "problem" if len(problems) == 1 else "distinct business problems"
    reasons.append(
        f"{signals.n_functional} functional requirements address {len(problems)} {noun}: {listed}."
    )
    if len(problems) > 1:
        reasons.append(
            f"The largest problem holds {signals.largest_share:.0%} of the functional "
            "requirements; "
            f"the effective number of problems (how evenly they share the requirements) is "
            f"{signals.effective_problems:.1f}."
        )
        reasons.append(
            f"Requirements are more alike within a problem than across problems by "
            f"{signals.separation:.2f} in mean cosine similarity, so the groups are distinct."
        )
    if verdict == "over-broad":
        reasons.append(
            f"Specifications addressing {over_broad_at} or more distinct business problems are "
            "over-broad: each problem could be bought, built and accepted on its own."
        )
    elif verdict == "borderline":
        reasons.append(
            "Two or three problems in one specification: check whether they must be "
            "delivered together, or could be procured separately."
        )
    concerns = Counter(r.category for r in requirements if r.kind == "quality")
    if concerns:
        listed_concerns = ", ".join(f"{name} {count}" for name, count in concerns.most_common())
        reasons.append(
            f"{signals.n_quality} quality requirements ({listed_concerns}) are cross-cutting "
            "concerns and are not counted as problems."
        )
    return tuple(reasons)


def _split(problems: Sequence[Problem]) -> tuple[SplitPart, ...]:
    return tuple(
        SplitPart(
            name=problem.label,
            problem_ids=(problem.id,),
            n_requirements=len(problem.requirement_ids),
        )
        for problem in problems
    )
