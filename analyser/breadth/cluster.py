"""Functional requirements + their vectors → the distinct business problems they address.

Three kinds of evidence, in three steps:

1. *Meaning*: average-linkage agglomerative clustering on cosine similarity merges groups
   while they are, on average, at least ``merge_similarity`` alike; groups too small to be a
   problem of their own then go on merging with the group they are most alike. This finds the
   spec's themes — features and problems alike.
2. *Shared domain*: features of one business problem talk about the same things (a library's
   loans, holds and fines all concern borrowers and items), while separate problems do not
   (payroll and planning applications share no nouns). Groups whose term profiles — the share
   of their requirements that mention each domain term — are at least ``term_overlap`` alike
   (cosine, average linkage) are one problem.
3. *Structure*: when a document is divided into units a writer chose (chapters, epics, a table's
   section column, id series) and those units hold together in meaning, the units are grouped
   too: two units are one problem when they act on the same business objects or their
   requirements are, on average, clearly alike. A separation that either meaning or structure
   finds is kept (the two partitions are intersected), so a chapter-per-service programme
   separates even where its services share a template and a vocabulary, while the feature
   chapters of one product, which act on the same things, stay together.

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
from sklearn.cluster import AgglomerativeClustering

from analyser.breadth.micro import assign_micro_clusters, canonical, merge_small, micro_clusters
from analyser.breadth.units import split_by_units, word_shares
from analyser.records import Problem, Requirement

# Up to this many functional requirements the exact n × n average linkage runs (every spec the
# reference was calibrated on is far below it); above it, micro-clusters (see the module doc).
EXACT_LIMIT = 3_000
N_MICRO_CLUSTERS = 1_500
_N_KEYWORDS = 6


def cluster_problems(
    requirements: Sequence[Requirement],
    vectors: np.ndarray,
    *,
    merge_similarity: float,
    term_overlap: float,
    min_problem_share: float,
    min_problem_size: int,
    unit_objects: float | None = None,
    unit_similarity: float = 0.26,
    unit_coherence: float = 0.5,
) -> tuple[Problem, ...]:
    """Group functional requirements (rows of ``vectors``, L2-normalised) into problems.

    Problems come largest first, with ids 0, 1, …; ties break on the smallest requirement id.
    With ``unit_objects`` set, the document's units are evidence too (``split_by_units``).

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
    min_size = max(min_problem_size, math.ceil(min_problem_share * len(requirements)))
    labels = assign_groups(vectors, merge_similarity=merge_similarity, min_size=min_size)
    labels = merge_by_terms(labels, [r.terms for r in requirements], term_overlap=term_overlap)
    if unit_objects is not None:
        labels = split_by_units(
            labels,
            requirements,
            vectors,
            min_size=min_size,
            objects=unit_objects,
            similarity=unit_similarity,
            coherence=unit_coherence,
        )
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
    dendrogram then goes on for small groups only (``merge_small``), so fragments of one theme
    join each other before they join a neighbouring theme, and a document of many small themes
    is not collapsed into one.

    Above ``exact_limit`` rows both steps run on ``n_micro_clusters`` micro-clusters (see the
    module doc); with at least as many micro-clusters as distinct rows that is the same
    partition again (up to ties), in O(n²) rather than O(n³) time.
    """
    n_rows = vectors.shape[0]
    if n_rows < 2 * min_size:
        return np.zeros(n_rows, dtype=int)
    if n_rows > exact_limit:
        micro = micro_clusters(vectors, n_clusters=n_micro_clusters)
        return assign_micro_clusters(
            vectors, micro, merge_similarity=merge_similarity, min_size=min_size
        )
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = canonical(
        AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - merge_similarity,
        ).fit_predict(distance)
    )
    return merge_small(labels, vectors, min_size=min_size)


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
    return _merge_alike_profiles(labels, profiles, at_least=term_overlap)


def term_profiles(groups: Sequence[Sequence[Sequence[str]]]) -> np.ndarray:
    """One L2-normalised row per group: the share of its requirements mentioning each word."""
    profiles = word_shares(groups)
    return profiles / (np.linalg.norm(profiles, axis=1, keepdims=True) + 1e-12)


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


def _merge_alike_profiles(
    labels: np.ndarray, profiles: np.ndarray, *, at_least: float
) -> np.ndarray:
    """Groups (rows of L2-normalised ``profiles``) whose cosine is at least ``at_least`` on
    average linkage become one; ``labels`` renumbered accordingly."""
    distances = np.clip(1.0 - profiles @ profiles.T, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    merged = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - at_least,
    ).fit_predict(distances)
    return canonical(merged[labels])


def _top_sections(sections: list[str]) -> tuple[str, ...]:
    counts = Counter(section for section in sections if section)
    return tuple(section for section, _ in counts.most_common(3))
