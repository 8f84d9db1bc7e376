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
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from analyser.records import Problem, Requirement

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


def assign_groups(vectors: np.ndarray, *, merge_similarity: float, min_size: int) -> np.ndarray:
    """Cluster rows, then keep merging while any group is smaller than ``min_size``.

    The first pass stops where groups are less than ``merge_similarity`` alike on average. The
    dendrogram then goes on for small groups only: of the pairs that include a group smaller
    than ``min_size``, the most alike (average linkage again) merges first, until every group
    has ``min_size`` rows. Fragments of one theme so join each other before they join a
    neighbouring theme, and a document of many small themes is not collapsed into one.
    """
    n_rows = vectors.shape[0]
    if n_rows < 2 * min_size:
        return np.zeros(n_rows, dtype=int)
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


# -- private ----------------------------------------------------------------------------


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
