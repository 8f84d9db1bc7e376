"""Per-task results → the headline metrics, each beside its baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from bench.evaluation.extraction import ExtractionScore
from bench.evaluation.kinds import ACROSS, PROMISE, KindResults


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    value: float | None
    baseline: float | None
    baseline_name: str
    target: str
    met: bool | None  # None: report only, or not measurable in this run

    @staticmethod
    def at_least(
        name: str,
        value: float | None,
        bound: float,
        baseline: float | None = None,
        baseline_name: str = "",
    ) -> Metric:
        met = None if value is None else value >= bound
        return Metric(name, value, baseline, baseline_name, f"≥ {bound:g}", met)

    @staticmethod
    def at_most(
        name: str,
        value: float | None,
        bound: float,
        baseline: float | None = None,
        baseline_name: str = "",
    ) -> Metric:
        met = None if value is None else value <= bound
        return Metric(name, value, baseline, baseline_name, f"≤ {bound:g}", met)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    if not positives or not negatives:
        return None
    truth = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    return float(roc_auc_score(truth, np.r_[positives, negatives]))


def mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if len(values) else None


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    if len(a) < 3 or len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return float(spearmanr(a, b).statistic)


def headline(extraction: Sequence[ExtractionScore], kinds: KindResults) -> list[Metric]:
    """Extraction and kind metrics (the breadth metrics come from the protocol)."""
    metrics: list[Metric] = []
    for s in extraction:
        if s.method == "analyser" and s.matching == "containment":
            baseline = next(
                b.f1
                for b in extraction
                if b.document == s.document and b.matching == s.matching and b.method != s.method
            )
            metrics.append(
                Metric.at_least(
                    f"extraction F1, {s.document}", s.f1, 0.85, baseline, "every modal sentence"
                )
            )
    bounds = {PROMISE: 0.85, ACROSS: 0.75}
    for k in kinds.scores:
        if k.dataset in bounds:
            metrics.append(
                Metric.at_least(
                    f"functional/quality macro-F1 of the trained classifier (opt-in), {k.dataset} "
                    f"({k.how})",
                    k.trained_f1,
                    bounds[k.dataset],
                    k.lexicon_f1,
                    "lexicon",
                )
            )
    if kinds.samples:
        within = [
            abs(s.trained_functional - s.expected_functional) <= 0.05 * s.expected_functional
            for s in kinds.samples
        ]
        lexicon = [
            abs(s.lexicon_functional - s.expected_functional) <= 0.05 * s.expected_functional
            for s in kinds.samples
        ]
        metrics.append(
            Metric.at_least(
                "sample specs whose functional count is within 5 % of their author's, trained "
                "classifier",
                float(np.mean(within)),
                1.0,
                float(np.mean(lexicon)),
                "lexicon",
            )
        )
    return metrics
