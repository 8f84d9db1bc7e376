"""Task 5 (report only): within one backlog, do the analyser's finer groups follow its features?

The feature-cluster backlogs carry one cluster number per story (an undocumented third-party
labelling: weak ground truth). The analyser's finer level is the first clustering step — the
themes found by meaning, before groups that share domain terms are merged into problems — so it
is compared with the feature labels by ARI. Baseline: k-means on the same vectors, told the true
number of features.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from analyser import Analyser
from analyser.breadth.cluster import assign_groups
from bench.evaluation.datasets import feature_backlogs


@dataclass(frozen=True, slots=True)
class FeatureScore:
    backlog: str
    n_stories: int
    n_features: int
    n_groups: int
    ari: float
    kmeans_ari: float


def evaluate(
    data: Path, analyser: Analyser, *, seed: int, limit: int | None = None
) -> list[FeatureScore]:
    scores = []
    config = analyser.config
    for backlog in feature_backlogs(data)[:limit]:
        vectors = analyser.embedder.embed(list(backlog.stories))
        min_size = max(2, math.ceil(0.02 * len(backlog.stories)))
        groups = assign_groups(vectors, merge_similarity=config.merge_threshold, min_size=min_size)
        n_features = len(set(backlog.clusters))
        kmeans = KMeans(n_clusters=n_features, n_init=3, random_state=seed).fit_predict(vectors)
        scores.append(
            FeatureScore(
                backlog=backlog.name,
                n_stories=len(backlog.stories),
                n_features=n_features,
                n_groups=int(np.unique(groups).size),
                ari=float(adjusted_rand_score(backlog.clusters, groups)),
                kmeans_ari=float(adjusted_rand_score(backlog.clusters, kmeans)),
            )
        )
    return scores
