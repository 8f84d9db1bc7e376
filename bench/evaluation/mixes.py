"""Synthetic specs with a known number of business problems: k real systems in one document.

Four families, each with a known truth:

* **flat** — k distinct systems, 15–60 requirements from each (all of a smaller system), both
  functional and quality, shuffled, written as a CSV export or a Markdown bullet list: the two
  shapes requirement lists most often arrive in;
* **structured** — the same draws written as a real-looking document (Markdown or Word): each
  system a chapter, its features sub-sections where the data labels features, the quality
  requirements in a closing non-functional chapter. Headings never name the system;
* **same-domain** — systems chosen for the most shared vocabulary (``domains``), flat or
  structured;
* **long-focused** — one system written with a chapter per feature: one problem, however many
  chapters (``controls``).
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bench.evaluation.datasets import System

MixFormat = Literal["csv", "md", "docx"]
Family = Literal["flat", "structured", "same-domain", "long-focused"]
FAMILIES: tuple[Family, ...] = ("flat", "structured", "same-domain", "long-focused")


@dataclass(frozen=True, slots=True)
class MixRow:
    text: str
    system: str
    functional: bool
    feature: str | None = None  # the data's feature label, where it has one


@dataclass(frozen=True, slots=True)
class Mix:
    name: str
    k: int
    systems: tuple[str, ...]
    rows: tuple[MixRow, ...]
    format: MixFormat
    family: Family = "flat"

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.format}"

    @property
    def structured(self) -> bool:
        """Written as a document with chapters (a CSV export or a flat mix is a plain list)."""
        return self.format == "docx" or (self.family != "flat" and self.format == "md")

    def render(self) -> bytes:
        if self.structured:
            from bench.evaluation.documents import render_document

            return render_document(self)
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
    family: Family = "flat",
    formats: Sequence[MixFormat] = ("csv", "md"),
    features: Mapping[str, str] | None = None,
    prefix: str = "mix",
) -> list[Mix]:
    """``n_mixes`` mixes, k cycling through ``ks``, formats alternating; seeded.

    ``features`` maps a requirement's ``text_key`` to its feature label (structured mixes group
    a system's requirements by it)."""
    rng = random.Random(seed)
    mixes = []
    for index in range(n_mixes):
        k = ks[index % len(ks)]
        chosen = rng.sample(list(systems), k)
        rows = draw_rows(chosen, rng, per_system=per_system, features=features)
        if family == "flat":
            rng.shuffle(rows)
        mixes.append(
            Mix(
                name=f"{prefix}-{index:03d}-k{k}",
                k=k,
                systems=tuple(s.name for s in chosen),
                rows=tuple(rows),
                format=formats[(index // len(ks)) % len(formats)],
                family=family,
            )
        )
    return mixes


def draw_rows(
    systems: Sequence[System],
    rng: random.Random,
    *,
    per_system: tuple[int, int],
    features: Mapping[str, str] | None = None,
) -> list[MixRow]:
    """15–60 requirements of each system, in the system's own order (a writer's order)."""
    rows: list[MixRow] = []
    for system in systems:
        pool = list(system.requirements)
        n = min(len(pool), rng.randint(*per_system))
        picked = sorted(rng.sample(range(len(pool)), n))
        rows += [
            MixRow(
                pool[i].text,
                system.name,
                pool[i].functional,
                (features or {}).get(text_key(pool[i].text)),
            )
            for i in picked
        ]
    return rows


def text_key(text: str) -> str:
    """Case, punctuation and spacing do not matter when matching a requirement to its source."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())
