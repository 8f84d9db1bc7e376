"""Functional requirements + their vectors → the distinct business problems they address.

Two kinds of evidence, in two steps:

1. *Meaning*: average-linkage agglomerative clustering on cosine similarity merges groups
   while they are, on average, at least ``merge_similarity`` alike; groups too small to be a
   problem of their own then go on merging with the group they are most alike. This finds the
   spec's themes — features and problems alike.
2. *Shared domain*: features of one business problem talk about the same things (a library's
   loans, holds and fines all concern borrowers and items), while separate problems do not
   (payroll and planning applications share no nouns). Groups whose term profiles — the share
   of their requirements that mention each domain term — are at least ``term_overlap`` alike
   (cosine, average linkage) are one problem.

Each problem is labelled with the terms that set it apart from the others (class-based TF-IDF
over the lemmatised terms of its requirements). Deterministic: the same requirements give the
same problems, whatever their order.

A spec of more than ``EXACT_LIMIT`` functional requirements is clustered the same way at a
cost that grows linearly: k-means first pre-groups its requirements into ``N_MICRO_CLUSTERS``
micro-clusters of very similar requirements, and both passes of step 1 then run on the
micro-clusters, weighted by their sizes. For unit vectors the average similarity between two
groups is the dot product of their summed vectors over the product of their sizes, so this is
exact average linkage with each micro-cluster held together, and no n × n matrix is built.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans

from analyser.records import Problem, Requirement

# Up to this many functional requirements the exact n × n average linkage runs (every spec the
# reference was calibrated on is far below it); above it, micro-clusters (see the module doc).
EXACT_LIMIT = 3_000
N_MICRO_CLUSTERS = 1_500
_KMEANS_ITERATIONS = 10
_N_KEYWORDS = 6


def cluster_problems(
    requirements: Sequence[Requirement],
    vectors: np.ndarray,
    *,
    merge_similarity: float,
    term_overlap: float,
    min_problem_share: float,
    min_problem_size: int,
) -> tuple[Problem, ...]:
    """Group functional requirements (rows of ``vectors``, L2-normalised) into problems.

    Problems come largest first, with ids 0, 1, …; ties break on the smallest requirement id.

    Examples:
        >>> import numpy as np
        >>> from analyser.records import Requirement
        >>> reqs = [Requirement(id=f"R{i}", text="t", section="", kind="functional",
        ...                     terms=("permit",) if i < 4 else ("bin",)) for i in range(8)]
        >>> vectors = np.array([[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 4)
        >>> [p.label for p in cluster_problems(reqs, vectors, merge_similarity=0.5,
        ...                                    term_overlap=0.2,
        ...                                    min_problem_share=0.1, min_problem_size=2)]
        ['Permit', 'Bin']
    """
    if len(requirements) == 0:
        return ()
    labels = assign_groups(
        vectors,
        merge_similarity=merge_similarity,
        min_size=max(min_problem_size, math.ceil(min_problem_share * len(requirements))),
    )
    labels = merge_by_terms(labels, [r.terms for r in requirements], term_overlap=term_overlap)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    ordered = sorted(
        members.values(),
        key=lambda rows: (-len(rows), min(requirements[row].id for row in rows)),
    )
    term_sets = [[requirements[row].terms for row in rows] for rows in ordered]
    keywords = class_keywords(term_sets)
    return tuple(
        Problem(
            id=problem_id,
            label=_label(keywords[problem_id]),
            keywords=keywords[problem_id],
            requirement_ids=tuple(requirements[row].id for row in rows),
            sections=_top_sections([requirements[row].section for row in rows]),
        )
        for problem_id, rows in enumerate(ordered)
    )


def assign_groups(
    vectors: np.ndarray,
    *,
    merge_similarity: float,
    min_size: int,
    exact_limit: int = EXACT_LIMIT,
    n_micro_clusters: int = N_MICRO_CLUSTERS,
) -> np.ndarray:
    """Cluster rows, then keep merging while any group is smaller than ``min_size``.

    The first pass stops where groups are less than ``merge_similarity`` alike on average. The
    dendrogram then goes on for small groups only: of the pairs that include a group smaller
    than ``min_size``, the most alike (average linkage again) merges first, until every group
    has ``min_size`` rows. Fragments of one theme so join each other before they join a
    neighbouring theme, and a document of many small themes is not collapsed into one.

    Above ``exact_limit`` rows both steps run on ``n_micro_clusters`` micro-clusters (see the
    module doc); with at least as many micro-clusters as distinct rows that is the same
    partition again (up to ties), in O(n²) rather than O(n³) time.
    """
    n_rows = vectors.shape[0]
    if n_rows < 2 * min_size:
        return np.zeros(n_rows, dtype=int)
    if n_rows > exact_limit:
        micro = micro_clusters(vectors, n_clusters=n_micro_clusters)
        return _assign_micro_clusters(
            vectors, micro, merge_similarity=merge_similarity, min_size=min_size
        )
    labels = _canonical(
        AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=1.0 - merge_similarity,
        ).fit_predict(vectors)
    )
    n_groups = int(labels.max()) + 1
    membership = np.zeros((n_rows, n_groups))
    membership[np.arange(n_rows), labels] = 1.0
    sums = membership.T @ (vectors @ vectors.T) @ membership  # summed similarity between groups
    sizes = membership.sum(axis=0)
    alive = np.ones(n_groups, dtype=bool)
    while alive.sum() > 1:
        small = alive & (sizes < min_size)
        if not small.any():
            break
        average = sums / np.outer(sizes, sizes)
        candidates = small[:, None] & alive[None, :]
        np.fill_diagonal(candidates, False)
        average[~candidates] = -np.inf
        first, second = sorted(np.unravel_index(int(np.argmax(average)), average.shape))
        sums[first, :] += sums[second, :]
        sums[:, first] += sums[:, second]
        sizes[first] += sizes[second]
        alive[second] = False
        labels[labels == second] = first
    return _canonical(labels)


def merge_by_terms(
    labels: np.ndarray, terms: Sequence[Sequence[str]], *, term_overlap: float
) -> np.ndarray:
    """Merge groups whose requirements mention the same domain terms (see the module doc)."""
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    if n_groups < 2:
        return labels
    profiles = term_profiles(
        [[terms[int(row)] for row in np.flatnonzero(labels == g)] for g in range(n_groups)]
    )
    distances = np.clip(1.0 - profiles @ profiles.T, 0.0, None)
    merged = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - term_overlap,
    ).fit_predict(distances)
    return _canonical(merged[labels])


def term_profiles(groups: Sequence[Sequence[Sequence[str]]]) -> np.ndarray:
    """One L2-normalised row per group: the share of its requirements mentioning each word."""
    counts = [
        Counter(word for terms in group for word in {t for t in terms if " " not in t})
        for group in groups
    ]
    vocabulary = {word: column for column, word in enumerate(sorted(set().union(*counts)))}
    profiles = np.zeros((len(groups), max(len(vocabulary), 1)))
    for row, (group, counter) in enumerate(zip(groups, counts, strict=True)):
        for word, count in counter.items():
            profiles[row, vocabulary[word]] = count / max(len(group), 1)
    profiles /= np.linalg.norm(profiles, axis=1, keepdims=True) + 1e-12
    return profiles


def class_keywords(term_sets: Sequence[Sequence[Sequence[str]]]) -> list[tuple[str, ...]]:
    """The terms that characterise each group, against the other groups (class-based TF-IDF).

    ``term_sets[g][r]`` are the terms of requirement ``r`` of group ``g``; a term counts once
    per requirement, and two-word phrases are preferred to single words.
    """
    frequencies = [Counter(term for terms in group for term in set(terms)) for group in term_sets]
    n_groups = len(frequencies)
    groups_with = Counter(term for counts in frequencies for term in counts)
    keywords: list[tuple[str, ...]] = []
    for group, counts in zip(term_sets, frequencies, strict=True):
        size = max(len(group), 1)
        scored = sorted(
            counts,
            key=lambda term: (
                -(counts[term] / size)
                * math.log(1 + n_groups / groups_with[term])
                * (1.5 if " " in term else 1.0),
                term,
            ),
        )
        keywords.append(
            tuple(term for term in scored if counts[term] > 1 or size < 4)[:_N_KEYWORDS]
        )
    return keywords


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


# -- private ----------------------------------------------------------------------------


def _assign_micro_clusters(
    vectors: np.ndarray, micro: np.ndarray, *, merge_similarity: float, min_size: int
) -> np.ndarray:
    """``assign_groups`` with each micro-cluster (``micro[row]``) held together: average
    linkage on the micro-clusters' summed vectors, weighted by their sizes."""
    sums = np.zeros((int(micro.max()) + 1, vectors.shape[1]))
    np.add.at(sums, micro, vectors)  # float64 sums of float32 rows
    linkage = _AverageLinkage(sums @ sums.T, np.bincount(micro).astype(float))
    linkage.merge(until_distance=1.0 - merge_similarity)
    linkage.merge(min_size=min_size)
    return _canonical(linkage.owner[micro])


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


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber labels by first appearance so that equal partitions compare equal."""
    mapping: dict[int, int] = {}
    return np.array([mapping.setdefault(int(label), len(mapping)) for label in labels], dtype=int)


def _label(keywords: tuple[str, ...]) -> str:
    if not keywords:
        return "General"
    first = keywords[0]
    used = _stems(first)
    second = next((term for term in keywords[1:4] if not used & _stems(term)), None)
    label = first if second is None else f"{first} and {second}"
    return label[0].upper() + label[1:]


def _stems(term: str) -> set[str]:
    """Words without a plural ending, so "pcn" and "pcns" count as one word in a label."""
    return {word.removesuffix("s") for word in term.split()}


def _top_sections(sections: list[str]) -> tuple[str, ...]:
    counts = Counter(section for section in sections if section)
    return tuple(section for section, _ in counts.most_common(3))
