"""The silhouette baseline: k-means with the number of clusters chosen by the silhouette.

Used beside the analyser's own problem count on mixes (``protocol``) and on PURE documents
(``breadth``), on the raw MiniLM vectors of the functional requirements.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

_SILHOUETTE_KS = range(2, 9)


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
