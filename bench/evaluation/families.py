"""The systems split into two disjoint halves, and each half's mixes of every family.

Every threshold is chosen on one half (its *calibration* mixes) and every metric is reported
on the other half's *evaluation* mixes, which share no system with it — and then the other way
round. The split is fixed by a seed and balanced by source (PROMISE NFR projects, RE'19 sets,
user-story backlogs), so each half has systems of every kind.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bench.evaluation.datasets import System, feature_backlogs
from bench.evaluation.mixes import Mix, MixRow, build_mixes, text_key

SPLIT_SEED = 13
HALF_NAMES = ("A", "B")


@dataclass(frozen=True, slots=True)
class Half:
    name: str
    systems: tuple[System, ...]

    @property
    def system_names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.systems)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many mixes of each family one half gets per seed."""

    flat: int = 48
    structured: int = 48
    same_domain: int = 20


DEFAULT_SIZES = Sizes()


def split_halves(systems: Sequence[System], *, seed: int = SPLIT_SEED) -> tuple[Half, Half]:
    """Two halves of (nearly) equal size; within each source the systems alternate."""
    rng = random.Random(seed)
    halves: tuple[list[System], list[System]] = ([], [])
    turn = 0
    for source in sorted({s.source for s in systems}):
        group = sorted((s for s in systems if s.source == source), key=lambda s: s.name)
        rng.shuffle(group)
        for system in group:
            halves[turn % 2].append(system)
            turn += 1
    return Half("A", tuple(halves[0])), Half("B", tuple(halves[1]))


def feature_labels(data: Path) -> dict[str, str]:
    """text_key of a story → its feature label, from the feature-cluster backlogs."""
    labels = {}
    for backlog in feature_backlogs(data):
        for story, cluster in zip(backlog.stories, backlog.clusters, strict=True):
            labels[text_key(story)] = f"{backlog.name}:{cluster}"
    return labels


def build_family_mixes(
    half: Half,
    *,
    seed: int,
    features: Mapping[str, str],
    sizes: Sizes = DEFAULT_SIZES,
    ks: Sequence[int] = (1, 2, 3, 4, 5, 6),
) -> list[Mix]:
    """Every family's mixes of one half's systems, drawn with ``seed``."""
    prefix = f"{half.name}{seed}"
    systems = list(half.systems)
    mixes = build_mixes(
        systems, n_mixes=sizes.flat, seed=seed, ks=ks, family="flat", prefix=f"{prefix}-flat"
    )
    mixes += build_mixes(
        systems,
        n_mixes=sizes.structured,
        seed=seed + 1000,
        ks=ks,
        family="structured",
        formats=("md", "docx"),
        features=features,
        prefix=f"{prefix}-doc",
    )
    mixes += same_domain_mixes(
        systems, n_mixes=sizes.same_domain, seed=seed + 2000, features=features, prefix=prefix
    )
    mixes += long_focused_controls(half, features=features, prefix=prefix)
    return mixes


def same_domain_mixes(
    systems: Sequence[System],
    *,
    n_mixes: int,
    seed: int,
    features: Mapping[str, str],
    prefix: str,
    ks: Sequence[int] = (2, 3, 4, 5),
) -> list[Mix]:
    """Mixes of the systems that share the most vocabulary: from each starting system, add the
    system most like the ones chosen so far (TF-IDF cosine of their functional texts)."""
    rng = random.Random(seed)
    similarity = vocabulary_similarity(systems)
    mixes = []
    starts = list(range(len(systems)))
    rng.shuffle(starts)
    for index in range(n_mixes):
        k = ks[index % len(ks)]
        chosen = [starts[(index // len(ks)) % len(starts)]]
        while len(chosen) < k:
            rest = [i for i in range(len(systems)) if i not in chosen]
            chosen.append(max(rest, key=lambda i: similarity[i, chosen].mean()))
        draw = build_mixes(
            [systems[i] for i in chosen],
            n_mixes=1,
            seed=rng.randrange(1 << 30),
            ks=(k,),
            family="same-domain",
            formats=(("csv", "md", "docx")[index % 3],),
            features=features,
            prefix=f"{prefix}-domain-{index:03d}",
        )[0]
        mixes.append(draw)
    return mixes


def vocabulary_similarity(systems: Sequence[System]) -> np.ndarray:
    texts = [" ".join(r.text for r in s.requirements if r.functional) for s in systems]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(texts)
    return (matrix @ matrix.T).toarray()


def long_focused_controls(half: Half, *, features: Mapping[str, str], prefix: str) -> list[Mix]:
    """Each of the half's systems whose stories carry feature labels, written whole with a
    chapter per feature: one problem, however many chapters."""
    mixes: list[Mix] = []
    for system in half.systems:
        rows = [
            MixRow(r.text, system.name, r.functional, features.get(text_key(r.text)))
            for r in system.requirements
        ]
        labelled = {row.feature for row in rows if row.feature is not None}
        if len(labelled) < 4:
            continue
        order = {label: n for n, label in enumerate(sorted(labelled))}
        rows.sort(key=lambda row: order.get(row.feature or "", len(order)))
        mixes.append(
            Mix(
                name=f"{prefix}-control-{system.name}",
                k=1,
                systems=(system.name,),
                rows=tuple(rows),
                format="docx" if len(mixes) % 2 else "md",
                family="long-focused",
            )
        )
    return mixes
