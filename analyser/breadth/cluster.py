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
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from analyser.breadth.micro import assign_micro_clusters, canonical, micro_clusters
from analyser.records import Problem, Requirement

# Up to this many functional requirements the exact n × n average linkage runs (every spec the
# reference was calibrated on is far below it); above it, micro-clusters (see the module doc).
EXACT_LIMIT = 3_000
N_MICRO_CLUSTERS = 1_500
_N_KEYWORDS = 6
# What every service of an organisation deals in, whatever it is about — its customers, their
# accounts, payments, references and letters: two services that both take payments are not one
# business problem for that (``merge_by_objects``).
TRANSACTION_TERMS = frozenset(
    [
        "account",
        "payment",
        "fee",
        "charge",
        "refund",
        "invoice",
        "receipt",
        "card",
        "reference",
        "form",
        "enquiry",
        "complaint",
        "request",
        "approval",
        "evidence",
        "online",
        "address",
        "contact",
        "letter",
        "email",
        "notice",
        "notification",
        "reminder",
        "officer",
        "staff",
        "customer",
        "public",
        "member",
        "user",
        "team",
        "manager",
        "admin",
        "administrator",
        "service",
    ]
)
# A chapter with more than this share of the requirements is divided by its sub-sections.
_DOMINANT = 0.8


def cluster_problems(
    requirements: Sequence[Requirement],
    vectors: np.ndarray,
    *,
    merge_similarity: float,
    term_overlap: float,
    min_problem_share: float,
    min_problem_size: int,
    structure_weight: float = 0.0,
    object_share: float | None = None,
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
        units=structural_units(requirements) if structure_weight else None,
        structure_weight=structure_weight,
    )
    if object_share is None:
        labels = merge_by_terms(labels, [r.terms for r in requirements], term_overlap=term_overlap)
    else:
        labels = merge_by_objects(labels, requirements, object_share=object_share)
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
    units: Sequence[str] | None = None,
    structure_weight: float = 0.0,
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
        return assign_micro_clusters(
            vectors, micro, merge_similarity=merge_similarity, min_size=min_size
        )
    similarity = vectors @ vectors.T
    if units is not None and structure_weight:
        number: dict[str, int] = {}
        keys = np.array([number.setdefault(u, len(number)) if u else -1 - i
                         for i, u in enumerate(units)])  # fmt: skip
        similarity = similarity + structure_weight * (keys[:, None] == keys[None, :])
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = canonical(
        AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - merge_similarity,
        ).fit_predict(distance)
    )
    n_groups = int(labels.max()) + 1
    membership = np.zeros((n_rows, n_groups))
    membership[np.arange(n_rows), labels] = 1.0
    sums = membership.T @ similarity @ membership  # summed similarity between groups
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
    return canonical(labels)


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


def structural_units(requirements: Sequence[Requirement]) -> tuple[str, ...] | None:
    """The writer's coarsest division of the requirements, or None when there is none.

    The first heading below the headings that every requirement shares (a title, "3 Functional
    requirements") — a chapter, an epic, a table's section column; failing that, the letters of
    the requirement ids ("BEN-01" → "BEN") when they make at least two groups of three.

    Examples:
        >>> from analyser.records import Requirement
        >>> def req(rid, path): return Requirement(id=rid, text="t", section=path[-1],
        ...                                         section_path=path, kind="functional")
        >>> structural_units([req("1", ("Spec", "2 Loans")), req("2", ("Spec", "3 Fines"))])
        ('2 Loans', '3 Fines')
        >>> structural_units([req(f"PAY-{i}", ("R",)) for i in range(3)]
        ...                  + [req(f"HR-{i}", ("R",)) for i in range(3)])
        ('PAY', 'PAY', 'PAY', 'HR', 'HR', 'HR')
    """
    keys = _chapters([r.section_path for r in requirements])
    if len(set(keys) - {""}) >= 2:
        return keys
    prefixes = tuple(_id_letters(r.id) for r in requirements)
    sizes = Counter(prefixes)
    if len([p for p, n in sizes.items() if p and n >= 3]) >= 2:
        return prefixes
    return None


def merge_by_objects(
    labels: np.ndarray, requirements: Sequence[Requirement], *, object_share: float
) -> np.ndarray:
    """Merge groups that act on the same business objects: groups whose object profiles (the
    share of their requirements mentioning each word, actors and transaction words left out)
    have a cosine of at least ``object_share`` are one problem (average linkage)."""
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    if n_groups < 2:
        return labels
    shares = object_shares(
        [[requirements[int(row)] for row in np.flatnonzero(labels == g)] for g in range(n_groups)]
    )
    profiles = shares / (np.linalg.norm(shares, axis=1, keepdims=True) + 1e-12)
    return _merge_alike_profiles(labels, profiles, at_least=object_share)


def object_shares(groups: Sequence[Sequence[Requirement]]) -> np.ndarray:
    """One row per group: the share of its requirements mentioning each word, with the actors
    (the people a service serves) and the transaction words (what every service deals in:
    accounts, payments, references, letters, …) left out: neither says what it is about."""
    actor_words = {
        word for group in groups for r in group for actor in r.actors for word in actor.split()
    } | TRANSACTION_TERMS
    counts = [
        Counter(w for r in group for w in {t for t in r.terms if " " not in t} - actor_words)
        for group in groups
    ]
    vocabulary = {word: column for column, word in enumerate(sorted(set().union(*counts)))}
    shares = np.zeros((len(groups), max(len(vocabulary), 1)))
    for row, (group, counter) in enumerate(zip(groups, counts, strict=True)):
        for word, count in counter.items():
            shares[row, vocabulary[word]] = count / max(len(group), 1)
    return shares


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


def _chapters(paths: Sequence[tuple[str, ...]], *, depth: int = 0) -> tuple[str, ...]:
    """Each path's heading at the first level below the shared ones; a heading that holds
    more than ``_DOMINANT`` of the requirements is divided by the level below it."""
    while all(len(path) > depth for path in paths) and len({p[depth] for p in paths}) == 1:
        depth += 1
    keys = [path[depth] if len(path) > depth else "" for path in paths]
    largest, size = Counter(keys).most_common(1)[0]
    if largest and size > _DOMINANT * len(paths) and size < len(paths):
        inner = [i for i, key in enumerate(keys) if key == largest]
        divided = _chapters([paths[i] for i in inner], depth=depth + 1)
        for i, key in zip(inner, divided, strict=True):
            keys[i] = f"{largest} / {key}" if key else largest
    return tuple(keys)


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


def _id_letters(identifier: str) -> str:
    """The letters before an id's number: "BEN-01" → "BEN", "CMS-ACQ-01" → "CMS-ACQ"."""
    match = re.match(r"^([A-Za-z]{2,}(?:[-_][A-Za-z]{2,})*)[-_. ]?\d", identifier)
    return match.group(1).upper() if match else ""


def _top_sections(sections: list[str]) -> tuple[str, ...]:
    counts = Counter(section for section in sections if section)
    return tuple(section for section, _ in counts.most_common(3))
