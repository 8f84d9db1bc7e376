"""Breadth signals → a 0–100 score, a verdict, reasons a person can check, a proposed split.

The *breadth index* counts a spec's business problems, discounting two things that make a count
overstate breadth: small problems (a problem counts in proportion to its size up to
``full_problem_size`` functional requirements, then fully) and uneven ones (the count is capped
by the effective number of problems, exp of the entropy of their shares — one dominant problem
with a few side-groups is not several problems). The score is the index's percentile in a
reference distribution, and the verdict compares the index with thresholds from the same
reference (``calibration``), so both mean something measured.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from analyser.breadth.calibration import Reference
from analyser.breadth.evidence import distinctions
from analyser.records import Breadth, Problem, Requirement, Signals, SplitPart, Verdict

# Up to this many functional requirements the similarity signals are summed over the n × n
# similarity matrix, as when the reference was calibrated; above it, over summed vectors (the
# same values to float precision, in linear time and memory). Equal to ``cluster.EXACT_LIMIT``.
EXACT_LIMIT = 3_000


def breadth_index(sizes: Sequence[int], *, full_problem_size: int) -> float:
    """min(effective number of problems, size-weighted number of problems).

    Examples:
        >>> breadth_index([30, 30], full_problem_size=12)
        2.0
        >>> breadth_index([40, 6], full_problem_size=12) < 1.5
        True
    """
    total = float(sum(sizes))
    if total == 0:
        return 0.0
    shares = np.array([size / total for size in sizes if size > 0])
    effective = math.exp(float(-(shares * np.log(shares)).sum()))
    weighted = sum(min(1.0, size / full_problem_size) for size in sizes)
    return round(min(effective, weighted), 3)


def mean_pairwise_distance(vectors: np.ndarray) -> float:
    """1 − the mean cosine similarity between distinct rows (L2-normalised): how spread out a
    spec's requirements are (the ``spread`` signal, and a baseline breadth score).

    Above ``EXACT_LIMIT`` rows it uses Σᵢ≠ⱼ vᵢ·vⱼ = |Σᵢ vᵢ|² − Σᵢ |vᵢ|², which is linear.

    Examples:
        >>> import numpy as np
        >>> mean_pairwise_distance(np.array([[1.0, 0.0], [0.0, 1.0]]))
        1.0
    """
    n_rows = vectors.shape[0]
    if n_rows < 2:
        return 0.0
    if n_rows > EXACT_LIMIT:
        return float(1.0 - mean_similarity_from_sums(vectors))
    similarities = vectors @ vectors.T
    off_diagonal = (similarities.sum() - np.trace(similarities)) / (n_rows * (n_rows - 1))
    return float(1.0 - off_diagonal)


def mean_similarity_from_sums(vectors: np.ndarray) -> float:
    """The mean dot product between distinct rows, in linear time and memory (float64)."""
    n_rows = vectors.shape[0]
    total = vectors.sum(axis=0, dtype=np.float64)
    squared_norms = np.einsum("ij,ij->", vectors, vectors, dtype=np.float64)
    return float((total @ total - squared_norms) / (n_rows * (n_rows - 1)))


def measure_signals(
    requirements: Sequence[Requirement],
    problems: Sequence[Problem],
    vectors: np.ndarray,
    *,
    full_problem_size: int,
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
        spread=round(mean_pairwise_distance(vectors), 3),
        separation=round(_separation(problems, row_of, vectors), 3),
        breadth_index=breadth_index(
            [len(p.requirement_ids) for p in problems], full_problem_size=full_problem_size
        ),
    )


def score_breadth(
    signals: Signals,
    problems: Sequence[Problem],
    requirements: Sequence[Requirement],
    *,
    reference: Reference,
    borderline_at: float | None = None,
    over_broad_at: float | None = None,
) -> Breadth:
    """Turn measured signals into the breadth verdict, its reasons and a proposed split.

    ``borderline_at`` / ``over_broad_at`` override the reference's thresholds.
    """
    borderline = reference.borderline_at if borderline_at is None else borderline_at
    over_broad = reference.over_broad_at if over_broad_at is None else over_broad_at
    index = signals.breadth_index
    verdict: Verdict = (
        "over-broad" if index >= over_broad else "borderline" if index >= borderline else "focused"
    )
    percentile = reference.percentile(index)
    reasons = _reasons(
        signals,
        problems,
        requirements,
        verdict,
        percentile=percentile,
        thresholds=(borderline, over_broad),
        reference=reference,
    )
    split = _split(problems) if verdict != "focused" else ()
    return Breadth(
        score=round(100 * percentile, 1),
        verdict=verdict,
        n_problems=signals.n_problems,
        reasons=reasons,
        split=split,
        signals=signals,
    )


# -- private ----------------------------------------------------------------------------


def _separation(problems: Sequence[Problem], row_of: dict[str, int], vectors: np.ndarray) -> float:
    """Mean similarity within problems minus mean similarity between them (0 for one problem)."""
    if len(problems) < 2:
        return 0.0
    labels = np.full(vectors.shape[0], -1)
    for problem in problems:
        for requirement_id in problem.requirement_ids:
            labels[row_of[requirement_id]] = problem.id
    if vectors.shape[0] > EXACT_LIMIT:
        return _separation_from_sums(labels, vectors)
    similarities = vectors @ vectors.T
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    different = labels[:, None] != labels[None, :]
    return float(similarities[same].mean() - similarities[different].mean())


def _separation_from_sums(labels: np.ndarray, vectors: np.ndarray) -> float:
    """``_separation`` in linear time: pairwise sums within and across groups from the groups'
    summed vectors (Σ over pairs in a group = |group sum|² − Σ |row|²)."""
    _, group = np.unique(labels, return_inverse=True)
    group = group.reshape(-1)
    sums = np.zeros((int(group.max()) + 1, vectors.shape[1]))
    np.add.at(sums, group, vectors)
    sizes = np.bincount(group).astype(np.float64)
    squared_norms = float(np.einsum("ij,ij->", vectors, vectors, dtype=np.float64))
    total = vectors.sum(axis=0, dtype=np.float64)
    all_pairs = float(total @ total) - squared_norms
    same_pairs = float(np.einsum("ij,ij->", sums, sums)) - squared_norms
    n_rows = float(vectors.shape[0])
    n_same = float((sizes * (sizes - 1)).sum())
    n_different = n_rows * (n_rows - 1) - n_same
    return same_pairs / n_same - (all_pairs - same_pairs) / n_different


def _reasons(
    signals: Signals,
    problems: Sequence[Problem],
    requirements: Sequence[Requirement],
    verdict: Verdict,
    *,
    percentile: float,
    thresholds: tuple[float, float],
    reference: Reference,
) -> tuple[str, ...]:
    reasons: list[str] = []
    if signals.n_functional == 0:
        return ("No functional requirements were found, so no business problem can be named.",)
    listed = "; ".join(f"{p.label} ({len(p.requirement_ids)})" for p in problems[:8])
    noun = "problem" if len(problems) == 1 else "distinct business problems"
    reasons.append(
        f"{signals.n_functional} functional requirements address {len(problems)} {noun}: {listed}."
    )
    reasons.append(
        f"Breadth index {signals.breadth_index:.2f} (problems counted in full from "
        f"{reference.full_problem_size} requirements, and capped by how evenly they share the "
        f"requirements): broader than {percentile:.0%} of the reference specs."
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
    borderline, over_broad = thresholds
    if verdict == "over-broad":
        measured = (
            " nine in ten reference specs that join four or more separate systems reach it."
            if over_broad == reference.over_broad_at
            else ""
        )
        reasons.append(
            f"A breadth index of {over_broad:.2f} or more is over-broad:{measured} Each problem "
            "could be bought, built and accepted on its own."
        )
    elif verdict == "borderline":
        reasons.append(
            f"A breadth index from {borderline:.2f} to {over_broad:.2f} is borderline: check "
            "whether the problems must be delivered together, or could be procured separately."
        )
    if verdict != "focused" and len(problems) > 1:
        by_id = {p.id: p for p in problems}
        reasons += [
            d.sentence(by_id[d.problem_id].label) for d in distinctions(problems, requirements)
        ]
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
