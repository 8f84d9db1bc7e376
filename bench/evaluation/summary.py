"""Per-task results → the headline metrics, each beside its baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from bench.evaluation.breadth import DocumentResult
from bench.evaluation.extraction import ExtractionScore
from bench.evaluation.kinds import HEADLINE_SETS, KindScore
from bench.evaluation.recovery import MixResult


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


def headline(
    extraction: Sequence[ExtractionScore],
    mixes: Sequence[MixResult],
    documents: Sequence[DocumentResult],
    kinds: Sequence[KindScore],
) -> list[Metric]:
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
    multi = [m for m in mixes if m.k >= 2]
    metrics.append(
        Metric.at_least(
            "ARI problem vs source system, k ≥ 2",
            mean([m.ari for m in multi if m.ari is not None]),
            0.75,
            mean([m.kmeans_true_k_ari for m in multi if m.kmeans_true_k_ari is not None]),
            "MiniLM + k-means told the true k",
        )
    )
    ks = [m.k for m in mixes]
    metrics.append(
        Metric.at_most(
            "mean abs. error of n_problems",
            mean([abs(m.n_problems - m.k) for m in mixes]),
            0.75,
            mean([abs(m.silhouette_k - m.k) for m in mixes]),
            "k-means, k chosen by silhouette",
        )
    )
    metrics.append(
        Metric.at_least(
            "Spearman(n_problems, k)",
            spearman([m.n_problems for m in mixes], ks),
            0.85,
            spearman([m.silhouette_k for m in mixes], ks),
            "k-means, k chosen by silhouette",
        )
    )
    one = [m for m in mixes if m.k == 1]
    three_up = [m for m in mixes if m.k >= 3]
    metrics.append(
        Metric.at_least(
            "AUC of the score, k = 1 vs k ≥ 3",
            auc([m.score for m in three_up], [m.score for m in one]),
            0.99,
            auc([m.dispersion for m in three_up], [m.dispersion for m in one]),
            "mean pairwise cosine distance",
        )
    )
    read = [d for d in documents if d.error is None]
    focused = [d for d in read if d.label == "focused"]
    broader = [d for d in read if d.label != "focused"]
    metrics.append(
        Metric.at_least(
            "AUC of the score, k ≥ 3 mixes vs PURE documents labelled focused",
            auc([m.score for m in three_up], [d.score for d in focused]),
            0.95,
            auc([m.dispersion for m in three_up], [d.dispersion for d in focused]),
            "mean pairwise cosine distance",
        )
    )
    four_up = [m for m in mixes if m.k >= 4]
    metrics.append(
        Metric.at_least(
            "verdict rate, k = 1 called focused",
            mean([m.verdict == "focused" for m in one]),
            0.90,
        )
    )
    metrics.append(
        Metric.at_least(
            "verdict rate, k ≥ 4 called over-broad",
            mean([m.verdict == "over-broad" for m in four_up]),
            0.90,
            mean([m.silhouette_k >= 4 for m in four_up]),
            "silhouette k ≥ 4",
        )
    )
    metrics.append(
        Metric.at_most(
            "PURE documents labelled focused but called over-broad",
            mean([d.verdict == "over-broad" for d in focused]),
            0.05,
            mean([d.silhouette_k >= 4 for d in focused]),
            "silhouette k ≥ 4",
        )
    )
    metrics.append(
        Metric.at_least(
            "AUC of the score, PURE borderline vs focused",
            auc([d.score for d in broader], [d.score for d in focused]),
            0.75,
            auc([d.dispersion for d in broader], [d.dispersion for d in focused]),
            "mean pairwise cosine distance",
        )
    )
    for k in kinds:
        if k.dataset not in HEADLINE_SETS:
            continue
        metrics.append(
            Metric.at_least(
                f"functional/quality macro-F1, {k.dataset}",
                k.macro_f1,
                0.85,
                k.all_functional_f1,
                "everything functional",
            )
        )
    return metrics
