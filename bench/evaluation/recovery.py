"""Task 2: problem recovery on mixes of k real systems (see ``mixes``).

Per mix the analyser's report gives the number of problems, the breadth score and verdict, and
the problem of each requirement; requirements are traced to their source system by their text.
Baselines from the same run, on the same MiniLM vectors of the functional requirements (by the
data's labels): k-means told the true k (ARI), k-means with k chosen by the silhouette
(n_problems), and the mean pairwise cosine distance (a dispersion score for the AUC).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from analyser import Analyser, Report
from analyser.breadth.embed import Embedder
from analyser.breadth.score import mean_pairwise_distance
from bench.evaluation.mixes import Mix, text_key

_SILHOUETTE_KS = range(2, 9)


@dataclass(frozen=True, slots=True)
class MixResult:
    name: str
    format: str
    k: int
    n_requirements: int
    n_clustered: int  # requirements the analyser put in a problem, traced to a system
    n_problems: int
    score: float
    verdict: str
    ari: float | None  # None for k = 1
    kmeans_true_k_ari: float | None
    silhouette_k: int
    dispersion: float


def evaluate(
    mixes: Sequence[Mix],
    analyser: Analyser,
    baseline_embedder: Embedder,
    *,
    seed: int,
    on_progress: Callable[[int], None] | None = None,
) -> list[MixResult]:
    results = []
    for index, mix in enumerate(mixes):
        report = analyser.analyse_bytes(mix.render(), name=mix.filename)
        results.append(_result(mix, report, baseline_embedder, seed=seed))
        if on_progress is not None:
            on_progress(index + 1)
    return results


def _result(mix: Mix, report: Report, embedder: Embedder, *, seed: int) -> MixResult:
    system_of = {text_key(row.text): row.system for row in mix.rows}
    traced = [
        (system_of[text_key(r.text)], r.problem)
        for r in report.requirements
        if r.problem is not None and text_key(r.text) in system_of
    ]
    functional = [row for row in mix.rows if row.functional]
    vectors = embedder.embed([row.text for row in functional])
    truth = [row.system for row in functional]
    ari = kmeans_ari = None
    if mix.k >= 2:
        ari = float(adjusted_rand_score([t[0] for t in traced], [t[1] for t in traced]))
        predicted = KMeans(n_clusters=mix.k, n_init=3, random_state=seed).fit_predict(vectors)
        kmeans_ari = float(adjusted_rand_score(truth, predicted))
    return MixResult(
        name=mix.name,
        format=mix.format,
        k=mix.k,
        n_requirements=len(report.requirements),
        n_clustered=len(traced),
        n_problems=report.breadth.n_problems,
        score=report.breadth.score,
        verdict=report.breadth.verdict,
        ari=ari,
        kmeans_true_k_ari=kmeans_ari,
        silhouette_k=silhouette_k(vectors, seed=seed),
        dispersion=mean_pairwise_distance(vectors),
    )


def silhouette_k(vectors: np.ndarray, *, seed: int) -> int:
    best_k, best = 1, -1.0
    for k in _SILHOUETTE_KS:
        if k >= vectors.shape[0]:
            break
        labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(vectors)
        value = float(silhouette_score(vectors, labels, metric="cosine"))
        if value > best:
            best_k, best = k, value
    return best_k
