"""Average linkage for large specs, on micro-clusters (see ``cluster``'s module doc).

Above ``cluster.EXACT_LIMIT`` functional requirements, k-means first pre-groups the requirements
into micro-clusters of very similar requirements, and average linkage then runs on the
micro-clusters weighted by their sizes, from their summed vectors: exact average linkage with each
micro-cluster held together, in memory linear in the number of requirements.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans

_KMEANS_ITERATIONS = 10


def micro_clusters(vectors: np.ndarray, *, n_clusters: int, random_state: int = 0) -> np.ndarray:
    """A micro-cluster number per row: k-means on the distinct rows, weighted by how often each
    occurs, so that equal rows share a micro-cluster and the row order does not matter.

    Examples:
        >>> import numpy as np
        >>> micro_clusters(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]), n_clusters=5).tolist()
        [1, 0, 1]
    """
    distinct, row_of, counts = np.unique(
        vectors, axis=0, return_inverse=True, return_counts=True
    )  # sorted rows: the same input to k-means whatever the order of the requirements
    row_of = row_of.reshape(-1)
    if len(distinct) <= n_clusters:
        return row_of
    kmeans = KMeans(
        n_clusters=n_clusters,
        init="random",
        n_init=1,
        max_iter=_KMEANS_ITERATIONS,
        random_state=random_state,
    )
    labels = kmeans.fit_predict(distinct, sample_weight=counts)
    _, compact = np.unique(labels, return_inverse=True)
    return compact.reshape(-1)[row_of]


def assign_micro_clusters(
    vectors: np.ndarray, micro: np.ndarray, *, merge_similarity: float, min_size: int
) -> np.ndarray:
    """``assign_groups`` with each micro-cluster (``micro[row]``) held together: average
    linkage on the micro-clusters' summed vectors, weighted by their sizes."""
    sums, sizes = group_sums(micro, vectors)
    linkage = _AverageLinkage(sums @ sums.T, sizes)
    linkage.merge(until_distance=1.0 - merge_similarity)
    linkage.merge(min_size=min_size)
    return canonical(linkage.owner[micro])


def merge_small(labels: np.ndarray, vectors: np.ndarray, *, min_size: int) -> np.ndarray:
    """While a group is smaller than ``min_size``, merge the most alike pair (average cosine)
    that includes a small group, from the groups' summed vectors (for unit vectors the summed
    similarity between two groups is the dot product of their sums).

    Examples:
        >>> import numpy as np
        >>> vectors = np.array([[1.0, 0.0]] * 3 + [[0.9, 0.436]] + [[0.0, 1.0]] * 3)
        >>> merge_small(np.array([0, 0, 0, 1, 2, 2, 2]), vectors, min_size=2).tolist()
        [0, 0, 0, 0, 1, 1, 1]
    """
    labels = canonical(labels)
    sums, sizes = group_sums(labels, vectors)
    linkage = _AverageLinkage(sums @ sums.T, sizes)
    linkage.merge(min_size=min_size)
    return canonical(linkage.owner[labels])


def group_sums(labels: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each group's summed vector (float64 sums of float32 rows) and its size, for labels
    0 … n − 1: the summed similarity between groups ``i`` and ``j`` is ``sums[i] @ sums[j]``."""
    n_groups = int(labels.max()) + 1
    sums = np.zeros((n_groups, vectors.shape[1]))
    np.add.at(sums, labels, vectors)
    return sums, np.bincount(labels, minlength=n_groups).astype(float)


class _AverageLinkage:
    """Average linkage between weighted groups, from their summed pairwise similarities.

    ``similarity_sums[i, j]`` is the sum of the similarities between the members of groups
    ``i`` and ``j``, so their average linkage is that over ``sizes[i] * sizes[j]``; a merge adds
    rows and columns (the Lance–Williams update of average linkage). Each group caches its most
    alike partner, so a merge recomputes only the groups whose partner it took: O(m²) for m
    groups in the usual case, instead of O(m³).
    """

    def __init__(self, similarity_sums: np.ndarray, sizes: np.ndarray) -> None:
        self.sums = similarity_sums.astype(np.float64, copy=False)
        self.sizes = sizes.astype(np.float64)
        self.alive = np.ones(len(sizes), dtype=bool)
        self.owner = np.arange(len(sizes))  # the surviving group each initial group is in
        self._min_size = 0.0

    def merge(self, *, until_distance: float = np.inf, min_size: float = 0.0) -> None:
        """Merge the most alike pair while its distance (1 − average similarity) is below
        ``until_distance``; with ``min_size``, only pairs that include a group smaller than it,
        until every group has ``min_size`` members (the second pass of ``assign_groups``)."""
        self._min_size = min_size
        best = np.full(len(self.sizes), -np.inf)
        partner = np.full(len(self.sizes), -1)
        rows = np.flatnonzero(self.alive)
        best[rows], partner[rows] = self._best(rows)
        while self.alive.sum() > 1:
            if min_size and not (self.alive & (self.sizes < min_size)).any():
                break
            first = int(np.argmax(best))
            if best[first] == -np.inf or 1.0 - best[first] >= until_distance:
                break
            first, second = sorted((first, int(partner[first])))
            self._join(first, second)
            best[second] = -np.inf
            stale = np.flatnonzero(self.alive & ((partner == first) | (partner == second)))
            stale = np.union1d(stale, [first])
            best[stale], partner[stale] = self._best(stale)

    def _join(self, first: int, second: int) -> None:
        self.sums[first, :] += self.sums[second, :]
        self.sums[:, first] += self.sums[:, second]
        self.sizes[first] += self.sizes[second]
        self.alive[second] = False
        self.owner[self.owner == second] = first

    def _best(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each of ``rows``: the highest average similarity to a group it may merge with,
        and that group (-inf and -1 when there is none)."""
        average = self.sums[rows] / np.outer(self.sizes[rows], self.sizes)
        allowed = np.broadcast_to(self.alive, average.shape).copy()
        allowed[np.arange(len(rows)), rows] = False
        if self._min_size:
            small = self.sizes < self._min_size
            allowed &= small[rows][:, None] | small[None, :]
        average[~allowed] = -np.inf
        partner = np.argmax(average, axis=1)
        best = average[np.arange(len(rows)), partner]
        partner[best == -np.inf] = -1
        return best, partner


def canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber labels by first appearance so that equal partitions compare equal."""
    mapping: dict[int, int] = {}
    return np.array([mapping.setdefault(int(label), len(mapping)) for label in labels], dtype=int)
