"""The document's own division as evidence: units, how far they hold together, what they act on.

A writer divides a specification into chapters, epics, a table's section column or id series;
when those *units* hold together in meaning, they are evidence of where one business problem
ends and the next begins (``split_by_units``, step 3 of ``cluster``). Two units are one problem
when they act on the same business objects or their requirements are clearly alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from analyser.breadth.micro import canonical, group_sums, merge_small
from analyser.records import Requirement

# What every service of an organisation deals in, whatever it is about — its customers, their
# accounts, payments, references and letters: two services that both take payments are not one
# business problem for that (``object_shares``).
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


def split_by_units(
    labels: np.ndarray,
    requirements: Sequence[Requirement],
    vectors: np.ndarray,
    *,
    min_size: int,
    objects: float,
    similarity: float,
    coherence: float,
) -> np.ndarray:
    """``labels`` (the groups meaning and shared terms found) intersected with the groups of
    the document's units, when the document has units and they hold together in meaning.

    Units count when the requirements of different units are, on average, at most
    ``coherence`` times as alike as those of one unit (chapters written by requirement type —
    functions, interfaces, reports — do not; chapters per service or per feature do). Units
    smaller than ``min_size`` first join the unit they are most alike; two units are then one
    problem when their business-object profiles have a cosine of at least ``objects`` or their
    requirements are on average at least ``similarity`` alike (average linkage on either
    evidence). Fragments the intersection leaves below ``min_size`` join their most alike group.
    """
    if len(requirements) < 2 * min_size:
        return labels
    units = structural_units(requirements)
    if units is None:
        return labels
    number: dict[str, int] = {}
    unit_labels = np.array([number.setdefault(unit, len(number)) for unit in units])
    ratio = unit_coherence(unit_labels, vectors)
    if ratio is None or ratio > coherence:
        return labels
    unit_labels = merge_small(unit_labels, vectors, min_size=min_size)
    unit_labels = merge_units(
        unit_labels, requirements, vectors, objects=objects, similarity=similarity
    )
    keys: dict[tuple[int, int], int] = {}
    both = np.array([keys.setdefault((int(a), int(b)), len(keys))
                     for a, b in zip(labels, unit_labels, strict=True)])  # fmt: skip
    return merge_small(both, vectors, min_size=min_size)


def unit_coherence(unit_labels: np.ndarray, vectors: np.ndarray) -> float | None:
    """The mean cosine between requirements of different units over that within a unit, or
    None when either is undefined (one unit, or only units of one requirement)."""
    totals, sizes = group_sums(unit_labels, vectors)
    within_pairs = float((sizes * (sizes - 1)).sum())
    across_pairs = float(sizes.sum() ** 2 - (sizes**2).sum())
    if within_pairs == 0 or across_pairs == 0:
        return None
    own = float(np.einsum("ij,ij->i", totals, totals).sum())  # every pair within a unit, twice
    within = (own - float(np.einsum("ij,ij->i", vectors, vectors).sum())) / within_pairs
    everything = totals.sum(axis=0)
    across = (float(everything @ everything) - own) / across_pairs
    return None if within <= 0 else across / within


def merge_units(
    labels: np.ndarray,
    requirements: Sequence[Requirement],
    vectors: np.ndarray,
    *,
    objects: float,
    similarity: float,
) -> np.ndarray:
    """Groups of units that act on the same business objects (object-profile cosine at least
    ``objects``) or whose requirements are on average at least ``similarity`` alike are one
    problem (average linkage on whichever evidence is the stronger)."""
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    if n_groups < 2:
        return labels
    shares = object_shares(
        [[requirements[int(row)] for row in np.flatnonzero(labels == g)] for g in range(n_groups)]
    )
    profiles = shares / (np.linalg.norm(shares, axis=1, keepdims=True) + 1e-12)
    totals, sizes = group_sums(labels, vectors)
    meaning = (totals @ totals.T) / np.outer(sizes, sizes)
    alike = np.maximum((profiles @ profiles.T) / objects, meaning / similarity)
    distances = np.clip(2.0 - alike, 0.0, None)  # alike ≥ 1 ⇔ distance ≤ 1
    np.fill_diagonal(distances, 0.0)
    merged = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0
    ).fit_predict(distances)
    return canonical(merged[labels])


def object_shares(groups: Sequence[Sequence[Requirement]]) -> np.ndarray:
    """One row per group: the share of its requirements mentioning each word, with the actors
    (the people a service serves: the head word of each persona, so a *boat owner* leaves out
    the owner and keeps the boat) and the transaction words (what every service deals in:
    accounts, payments, references, letters, …) left out: neither says what it is about."""
    actor_words = {
        actor.split()[-1] for group in groups for r in group for actor in r.actors if actor.split()
    } | TRANSACTION_TERMS
    return word_shares([[set(r.terms) - actor_words for r in group] for group in groups])


def word_shares(groups: Sequence[Sequence[Iterable[str]]]) -> np.ndarray:
    """One row per group, one column per single word (sorted): the share of the group's
    members (each an iterable of terms) that mention the word; phrases are left out.

    Examples:
        >>> word_shares([[("loan", "due date"), ("loan",)], [("fine",)]]).tolist()
        [[0.0, 1.0], [1.0, 0.0]]
    """
    counts = [
        Counter(word for terms in group for word in {t for t in terms if " " not in t})
        for group in groups
    ]
    vocabulary = {word: column for column, word in enumerate(sorted(set().union(*counts)))}
    shares = np.zeros((len(groups), max(len(vocabulary), 1)))
    for row, (group, counter) in enumerate(zip(groups, counts, strict=True)):
        for word, count in counter.items():
            shares[row, vocabulary[word]] = count / max(len(group), 1)
    return shares


# -- private ----------------------------------------------------------------------------


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


def _id_letters(identifier: str) -> str:
    """The letters before an id's number: "BEN-01" → "BEN", "CMS-ACQ-01" → "CMS-ACQ"."""
    match = re.match(r"^([A-Za-z]{2,}(?:[-_][A-Za-z]{2,})*)[-_. ]?\d", identifier)
    return match.group(1).upper() if match else ""
