"""A synthetic specification of any size, drawn from the shared evaluation data.

The requirements come from CrowdRE (smart-home user stories, one heading per application
domain), PROMISE NFR (one heading per project) and Dalpiaz's user-story backlogs (one heading
per product). Up to the size of that pool every requirement is a real one; beyond it, user
stories are recombined within their own heading (the persona of one story, the want of a
second, the benefit of a third), so a larger spec has more requirements on the same topics,
never new topics. Deterministic for a given size and seed; built in memory, never written.

    python -m bench.synthetic 1000 > /tmp/spec.md
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analyser import read_spec
from analyser.records import SpecDocument
from bench._data import DEFAULT_DATA
from bench.evaluation.datasets import backlogs, promise_nfr

_STORY = re.compile(
    r"^\s*as an?\s+(?P<role>[^,]{2,80}?),?\s+I\s+(?:want|need|would like|wish)\s+"
    r"(?P<want>.+?)(?:,?\s+so that\s+(?P<benefit>.+?))?\.?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Story:
    """A user story in parts, so that parts of stories on one topic can be recombined."""

    role: str
    want: str
    benefit: str | None

    @property
    def text(self) -> str:
        tail = f" so that {self.benefit}" if self.benefit else ""
        return f"As a {self.role}, I want {self.want}{tail}."


@dataclass(frozen=True, slots=True)
class Topic:
    """One heading of the synthetic spec: its real requirements and its recombinable stories."""

    heading: str
    texts: tuple[str, ...]
    stories: tuple[Story, ...]


def synthetic_spec(n_requirements: int, *, data: Path = DEFAULT_DATA, seed: int = 0) -> str:
    """A Markdown spec of ``n_requirements`` distinct requirements under a few dozen headings.

    Every requirement is a list item with its own id (``SYN-00001``), so each stays whole.
    """
    topics = load_topics(data)
    drawn = draw_requirements(topics, n_requirements, seed=seed)
    lines = [f"# Synthetic specification of {n_requirements} requirements", ""]
    number = 0
    for topic, texts in zip(topics, drawn, strict=True):
        if not texts:
            continue
        lines += [f"## {topic.heading}", ""]
        for text in texts:
            number += 1
            lines.append(f"- SYN-{number:05d} {text}")
        lines.append("")
    return "\n".join(lines)


def synthetic_document(
    n_requirements: int, *, data: Path = DEFAULT_DATA, seed: int = 0
) -> SpecDocument:
    """The synthetic spec, read as the analyser reads an uploaded Markdown file."""
    text = synthetic_spec(n_requirements, data=data, seed=seed)
    name = f"synthetic-{n_requirements}.md"
    return read_spec(name, data=text.encode("utf-8"), name=name)


def load_topics(data: Path) -> list[Topic]:
    """CrowdRE domains, PROMISE projects and backlogs, each a topic, in a fixed order."""
    topics = _crowdre(data)
    for system in promise_nfr(data):
        texts = tuple(r.text for r in system.requirements)
        topics.append(Topic(heading=f"Project {system.name}", texts=texts, stories=()))
    for system in backlogs(data):
        texts = tuple(r.text for r in system.requirements)
        stories = tuple(s for s in map(_parse_story, texts) if s is not None)
        topics.append(Topic(heading=f"Product {system.name}", texts=texts, stories=stories))
    return topics


def draw_requirements(topics: list[Topic], n_requirements: int, *, seed: int) -> list[list[str]]:
    """``n_requirements`` distinct texts, as one list per topic: real ones first (a seeded
    sample when there are more than needed), then recombined stories."""
    random = np.random.default_rng(seed)
    pool = [(index, text) for index, topic in enumerate(topics) for text in topic.texts]
    seen: set[str] = set()
    chosen: list[tuple[int, str]] = []
    for position in random.permutation(len(pool)):
        index, text = pool[int(position)]
        if len(chosen) < n_requirements and _key(text) not in seen:
            seen.add(_key(text))
            chosen.append((index, text))
    recombinable = [index for index, topic in enumerate(topics) if len(topic.stories) >= 3]
    weights = np.array([len(topics[index].stories) for index in recombinable], dtype=float)
    while len(chosen) < n_requirements:
        index = recombinable[int(random.choice(len(recombinable), p=weights / weights.sum()))]
        stories = topics[index].stories
        first, second, third = (stories[int(i)] for i in random.integers(len(stories), size=3))
        text = Story(role=first.role, want=second.want, benefit=third.benefit).text
        if _key(text) not in seen:
            seen.add(_key(text))
            chosen.append((index, text))
    drawn: list[list[str]] = [[] for _ in topics]
    for index, text in chosen:
        drawn[index].append(text)
    return drawn


# -- private ----------------------------------------------------------------------------


def _crowdre(data: Path) -> list[Topic]:
    path = data / "crowdre-smarthome" / "requirements.csv"
    by_domain: dict[str, list[Story]] = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as stream:
        for row in csv.DictReader(stream):
            story = Story(
                role=_clean(row["role"]) or "home owner",
                want=_clean(row["feature"]).rstrip("."),
                benefit=_clean(row["benefit"]).rstrip(".") or None,
            )
            if story.want:
                by_domain.setdefault(_clean(row["application_domain"]) or "Other", []).append(story)
    return [
        Topic(
            heading=f"Smart home: {domain}",
            texts=tuple(story.text for story in stories),
            stories=tuple(stories),
        )
        for domain, stories in sorted(by_domain.items())
    ]


def _parse_story(text: str) -> Story | None:
    match = _STORY.match(text)
    if match is None:
        return None
    return Story(role=match["role"].strip(), want=match["want"].strip(), benefit=match["benefit"])


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    """The text as the extract stage compares requirements for repeats."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(synthetic_spec(size))


if __name__ == "__main__":
    main()
