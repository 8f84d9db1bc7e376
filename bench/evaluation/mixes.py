"""Synthetic specs with a known number of business problems: k real systems, shuffled together.

A mix draws k distinct systems and 15–60 requirements from each (all of a smaller system), both
functional and quality, shuffles them and writes them as a CSV export or a Markdown bullet list,
the two shapes requirement lists most often arrive in.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bench.evaluation.datasets import System

MixFormat = Literal["csv", "md"]


@dataclass(frozen=True, slots=True)
class MixRow:
    text: str
    system: str
    functional: bool


@dataclass(frozen=True, slots=True)
class Mix:
    name: str
    k: int
    systems: tuple[str, ...]
    rows: tuple[MixRow, ...]
    format: MixFormat

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.format}"

    def render(self) -> bytes:
        if self.format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(["ID", "Requirement"])
            for number, row in enumerate(self.rows, start=1):
                writer.writerow([f"REQ-{number:03d}", row.text])
            return buffer.getvalue().encode()
        lines = ["# Requirements", ""] + [f"- {row.text}" for row in self.rows]
        return ("\n".join(lines) + "\n").encode()


def build_mixes(
    systems: Sequence[System],
    *,
    n_mixes: int,
    seed: int,
    ks: Sequence[int] = (1, 2, 3, 4, 5, 6),
    per_system: tuple[int, int] = (15, 60),
) -> list[Mix]:
    """``n_mixes`` mixes, k cycling through ``ks``, formats alternating; seeded."""
    rng = random.Random(seed)
    mixes = []
    for index in range(n_mixes):
        k = ks[index % len(ks)]
        chosen = rng.sample(list(systems), k)
        rows = []
        for system in chosen:
            pool = list(system.requirements)
            n = min(len(pool), rng.randint(*per_system))
            rows += [MixRow(r.text, system.name, r.functional) for r in rng.sample(pool, n)]
        rng.shuffle(rows)
        mix_format: MixFormat = "csv" if (index // len(ks)) % 2 == 0 else "md"
        mixes.append(
            Mix(
                name=f"mix-{index:03d}-k{k}",
                k=k,
                systems=tuple(s.name for s in chosen),
                rows=tuple(rows),
                format=mix_format,
            )
        )
    return mixes


def text_key(text: str) -> str:
    """Case, punctuation and spacing do not matter when matching a requirement to its source."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())
