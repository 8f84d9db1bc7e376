"""Frozen, JSON-ready records of a version comparison: what changed between two drafts of a spec.

A ``Comparison`` says which requirements were added, removed, modified or left unchanged, how
the business problems of the old version map onto those of the new one, and what that did to
the spec's breadth, in one headline. A ``History`` strings comparisons of consecutive versions
into a timeline. ``Comparison.to_dict`` / ``from_dict`` (and the same pair on ``History``) are
the serialisation of the compare JSON contract (``docs/compare.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from analyser.records import Verdict, _from_jsonable, _to_jsonable

COMPARE_SCHEMA_VERSION = "1"

ChangeKind = Literal["added", "removed", "modified", "unchanged"]
MatchedBy = Literal["text", "id", "similarity"]
ScopeChange = Literal["grew", "shrank", "shifted", "no-growth"]
ProblemTrend = Literal["grew", "shrank", "same"]
LinkShape = Literal["continued", "split", "merged", "regrouped"]

CHANGE_KINDS: tuple[str, ...] = ("added", "removed", "modified", "unchanged")
SCOPE_CHANGES: tuple[str, ...] = ("grew", "shrank", "shifted", "no-growth")


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One requirement's fate between two versions.

    ``old_*`` fields are ``None`` for an added requirement, ``new_*`` for a removed one.
    ``similarity`` (0–1) is the combined text and meaning similarity of a matched pair;
    ``matched_by`` says which rule paired them: identical ``text``, the same ``id`` with still
    similar text, or one-to-one ``similarity`` assignment.
    """

    kind: ChangeKind
    old_id: str | None = None
    new_id: str | None = None
    old_text: str | None = None
    new_text: str | None = None
    similarity: float | None = None
    matched_by: MatchedBy | None = None
    old_problem: int | None = None
    new_problem: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionSummary:
    """One version's size and breadth, as its report gives them."""

    name: str
    sha256: str
    title: str | None = None
    n_requirements: int
    n_functional: int
    n_problems: int
    score: float
    verdict: Verdict
    breadth_index: float
    problem_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementRef:
    id: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemDelta:
    """A business problem present in only one of the two versions, with its requirements."""

    id: int
    label: str
    keywords: tuple[str, ...]
    requirements: tuple[RequirementRef, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemLink:
    """Old problems and the new problems that continue them (one connected group).

    ``shape`` is ``continued`` (one to one), ``split`` (one to several), ``merged`` (several
    to one) or ``regrouped`` (several to several). Sizes count functional requirements.
    """

    old_problems: tuple[int, ...]
    new_problems: tuple[int, ...]
    old_labels: tuple[str, ...]
    new_labels: tuple[str, ...]
    shape: LinkShape
    n_before: int
    n_after: int
    n_added: int
    n_removed: int
    trend: ProblemTrend


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Two versions of a spec compared at the level of requirements and business problems."""

    schema_version: str = COMPARE_SCHEMA_VERSION
    headline: str
    scope_change: ScopeChange
    before: VersionSummary
    after: VersionSummary
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    modified: tuple[Change, ...]
    unchanged: tuple[Change, ...]
    new_problems: tuple[ProblemDelta, ...]
    dropped_problems: tuple[ProblemDelta, ...]
    problem_links: tuple[ProblemLink, ...]

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.added + self.removed + self.modified + self.unchanged

    @property
    def grown(self) -> tuple[ProblemLink, ...]:
        return tuple(link for link in self.problem_links if link.trend == "grew")

    @property
    def shrunk(self) -> tuple[ProblemLink, ...]:
        return tuple(link for link in self.problem_links if link.trend == "shrank")

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        return _from_jsonable(cls, data, _NESTED)


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """A series of versions: each one's summary, and the comparison of each with the next.

    ``overall`` compares the first version with the last (``None`` for fewer than two
    versions); its headline is the series' ``headline``.
    """

    schema_version: str = COMPARE_SCHEMA_VERSION
    headline: str
    versions: tuple[VersionSummary, ...]
    steps: tuple[Comparison, ...]
    overall: Comparison | None = None

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        return _from_jsonable(cls, data, _NESTED)


_NESTED: dict[tuple[type, str], type] = {  # which field holds which record
    (Comparison, "before"): VersionSummary,
    (Comparison, "after"): VersionSummary,
    (Comparison, "added"): Change,
    (Comparison, "removed"): Change,
    (Comparison, "modified"): Change,
    (Comparison, "unchanged"): Change,
    (Comparison, "new_problems"): ProblemDelta,
    (Comparison, "dropped_problems"): ProblemDelta,
    (Comparison, "problem_links"): ProblemLink,
    (ProblemDelta, "requirements"): RequirementRef,
    (History, "versions"): VersionSummary,
    (History, "steps"): Comparison,
    (History, "overall"): Comparison,
}
