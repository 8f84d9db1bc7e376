"""What sets one business problem apart from the others, in terms a reviewer can check.

For each problem: the document's own sections it comes from, the actors its requirements name,
and the business objects they act on (``Requirement.objects``, or its terms where the parse
found none) — each kept only when the problem's requirements name it and those of the other
problems (almost) never do. Used for the reasons behind a proposed split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analyser.records import Problem, Requirement

_N_SHOWN = 3
# Named by at most this share of the other problems' requirements still sets a problem apart.
_ELSEWHERE = 0.05


@dataclass(frozen=True, slots=True)
class Distinction:
    problem_id: int
    sections: tuple[str, ...]
    actors: tuple[str, ...]
    objects: tuple[str, ...]

    def sentence(self, label: str) -> str:
        parts = []
        if self.sections:
            parts.append("sections " + "; ".join(self.sections))
        if self.actors:
            parts.append("actors " + ", ".join(self.actors))
        if self.objects:
            parts.append("acts on " + ", ".join(self.objects))
        if not parts:
            return f"'{label}' shares its sections, actors and objects with other problems."
        return (
            f"'{label}' stands apart by "
            + "; ".join(parts)
            + " — each named by at most 5 % of the other problems' requirements."
        )


def distinctions(
    problems: Sequence[Problem], requirements: Sequence[Requirement]
) -> tuple[Distinction, ...]:
    by_id = {r.id: r for r in requirements}
    members = {p.id: [by_id[rid] for rid in p.requirement_ids if rid in by_id] for p in problems}
    out = []
    for problem in problems:
        own = members[problem.id]
        others = [r for p in problems if p.id != problem.id for r in members[p.id]]
        out.append(
            Distinction(
                problem_id=problem.id,
                sections=_distinct(own, others, lambda r: {r.section} if r.section else set()),
                actors=_distinct(own, others, lambda r: set(r.actors)),
                objects=_distinct(own, others, _objects),
            )
        )
    return tuple(out)


def _objects(requirement: Requirement) -> set[str]:
    """What a requirement acts on (its objects and terms), without the people who act."""
    # "boat owner" is a person, but the boat is still an object: leave out only the head word
    actors = set(requirement.actors) | {a.split()[-1] for a in requirement.actors if a}
    return (set(requirement.objects) | set(requirement.terms)) - actors


def _distinct(own: Sequence[Requirement], others: Sequence[Requirement], values) -> tuple[str, ...]:
    """The values at least two of ``own`` name and at most ``_ELSEWHERE`` of ``others`` do."""
    mine = Counter(v for r in own for v in values(r))
    theirs = Counter(v for r in others for v in values(r))
    kept = [
        value
        for value in sorted(mine, key=lambda v: (-mine[v], v))  # ties by name: deterministic
        if mine[value] >= 2 and theirs[value] <= _ELSEWHERE * max(len(others), 1)
    ]
    return tuple(kept[:_N_SHOWN])
