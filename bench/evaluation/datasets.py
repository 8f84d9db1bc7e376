"""Readers for the evaluation data: labelled single systems, PURE labels and the feature backlogs.

Each loader returns records; nothing here knows about the analyser.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_ARFF_ROW = re.compile(r"^(\d+),'(.*)',(\w+)\s*$")
_STORY_PREFIX = re.compile(r"^#G\d+#\s*")


@dataclass(frozen=True, slots=True)
class LabelledRequirement:
    text: str
    functional: bool
    quality: bool | None = None  # has a quality aspect (RE'19's IsQuality), where labelled
    category: str | None = None  # PROMISE NFR's quality class (A, FT, L, LF, …), where labelled


@dataclass(frozen=True, slots=True)
class System:
    """One real system's requirements: the unit that mixes are drawn from."""

    name: str
    source: str
    requirements: tuple[LabelledRequirement, ...]

    @property
    def n_functional(self) -> int:
        return sum(r.functional for r in self.requirements)


@dataclass(frozen=True, slots=True)
class BreadthLabel:
    document: str
    n_problems: int
    breadth: str  # focused | borderline | over-broad, one reader's judgement


@dataclass(frozen=True, slots=True)
class FeatureBacklog:
    name: str
    stories: tuple[str, ...]
    clusters: tuple[int, ...]


def promise_nfr(data: Path) -> list[System]:
    """PROMISE NFR: 15 projects; class ``F`` is functional, the 11 others are qualities."""
    by_project: dict[int, list[LabelledRequirement]] = {}
    text = (data / "promise-nfr" / "nfr.arff").read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        match = _ARFF_ROW.match(line.strip())
        if match:
            label = match[3]
            requirement = LabelledRequirement(
                _clean(match[2]),
                functional=label == "F",
                quality=label != "F",
                category=None if label == "F" else label,
            )
            by_project.setdefault(int(match[1]), []).append(requirement)
    return [
        System(name=f"promise-{project:02d}", source="PROMISE NFR", requirements=tuple(rows))
        for project, rows in sorted(by_project.items())
    ]


def re2019(data: Path, *, include_promise: bool = False) -> list[System]:
    """The RE'19 relabelled sets (``IsFunctional``: a requirement with any functional content)."""
    folder = data / "re2019-requirements-classification"
    names = ["dronology", "leeds", "reqview", "wasp"] + (
        ["promise-reclass"] if include_promise else []
    )
    systems = []
    for name in names:
        with (folder / f"{name}.csv").open(encoding="utf-8", errors="replace", newline="") as f:
            rows = list(csv.DictReader(f))
        by_project: dict[str, list[LabelledRequirement]] = {}
        for row in rows:
            requirement = LabelledRequirement(
                _clean(row["RequirementText"]),
                functional=row["IsFunctional"].strip() == "1",
                quality=row["IsQuality"].strip() == "1",
            )
            by_project.setdefault(row["ProjectID"], []).append(requirement)
        for project, requirements in by_project.items():
            label = name if len(by_project) == 1 else f"{name}-{int(project):02d}"
            systems.append(System(name=label, source="RE'19", requirements=tuple(requirements)))
    return systems


def backlogs(data: Path) -> list[System]:
    """Dalpiaz's user-story backlogs: one product each, every story functional."""
    systems = []
    for path in sorted((data / "dalpiaz-user-stories" / "stories").glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        stories = [_clean(_STORY_PREFIX.sub("", line)) for line in lines if line.strip()]
        systems.append(
            System(
                name=path.stem,
                source="Dalpiaz backlogs",
                requirements=tuple(LabelledRequirement(s, functional=True) for s in stories),
            )
        )
    return systems


def mixable_systems(data: Path, *, min_functional: int = 10) -> list[System]:
    """Every system with enough functional requirements to be a business problem of its own."""
    systems = promise_nfr(data) + re2019(data) + backlogs(data)
    return [s for s in systems if s.n_functional >= min_functional]


def breadth_labels(data: Path) -> list[BreadthLabel]:
    with (data / "pure" / "breadth-labels.csv").open(encoding="utf-8", newline="") as f:
        return [
            BreadthLabel(row["document"], int(row["n_problems"]), row["breadth"])
            for row in csv.DictReader(f)
        ]


def feature_backlogs(data: Path) -> list[FeatureBacklog]:
    """Backlogs with a feature-cluster number per story (weak labels: see the data's README)."""
    out = []
    for path in sorted((data / "user-stories-feature-clusters").glob("*.txt")):
        stories, clusters = [], []
        for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines()[1:]:
            number, _, story = line.partition(",")
            if number.strip().isdigit() and story.strip():
                stories.append(_clean(story.lstrip("\ufeff")))
                clusters.append(int(number))
        out.append(FeatureBacklog(path.stem, tuple(stories), tuple(clusters)))
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip("'\"").strip()
