"""Frozen, JSON-ready records that the stages pass to each other.

Every stage is a function from records to records. Collections are tuples, closed
vocabularies are ``Literal`` types, and no numpy array is ever stored here: vectors stay
inside the pipeline, keyed by requirement id. ``Report.to_dict`` / ``Report.from_dict``
are the one serialisation pair (the JSON report contract in the README).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = "1"

Format = Literal["txt", "md", "docx", "doc", "odt", "rtf", "pdf", "html", "csv", "xlsx", "reqif"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]
RequirementKind = Literal["functional", "quality"]
Verdict = Literal["focused", "borderline", "over-broad"]
QualityCategory = Literal[
    "security",
    "performance",
    "availability",
    "usability",
    "maintainability",
    "portability",
    "legal",
    "capacity",
    "interoperability",
    "operational",
]

DefectRule = Literal[
    "vague-term",
    "escape-clause",
    "open-ended",
    "multiple",
    "passive-no-actor",
    "comparative",
    "pronoun",
    "unmeasurable-quality",
]
CheckId = Literal["business-need", "users", "information", "change", "parts"]
CheckStatus = Literal["present", "weak", "missing"]

FORMATS: tuple[str, ...] = (
    "txt", "md", "docx", "doc", "odt", "rtf", "pdf", "html", "csv", "xlsx", "reqif",
)  # fmt: skip
VERDICTS: tuple[str, ...] = ("focused", "borderline", "over-broad")
CHECK_STATUSES: tuple[str, ...] = ("present", "weak", "missing")


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where a piece of text sits in its source file (1-based; ``None`` when unknown)."""

    page: int | None = None
    line: int | None = None
    row: int | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One structural unit of a document: a heading, paragraph, list item or table row.

    ``section`` is the heading path the block sits under (outermost first); ``ref`` is an
    identifier the source itself gives the block (an id column, a ReqIF identifier).
    """

    kind: BlockKind
    text: str
    section: tuple[str, ...] = ()
    level: int = 0
    location: Location = field(default_factory=Location)
    cells: tuple[str, ...] = ()
    ref: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecSource:
    name: str
    sha256: str
    format: Format


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecDocument:
    """A read document: its source and its blocks in document order. No NLP yet."""

    source: SpecSource
    blocks: tuple[Block, ...]
    title: str | None = None
    tabular: bool = False  # every block is one requirement row of a CSV/XLSX/ReqIF export


@dataclass(frozen=True, slots=True, kw_only=True)
class Defect:
    """A requirement-writing defect: which rule, and where in the statement's text.

    ``start``/``end`` are character offsets into the requirement's ``text``; ``quote`` is
    ``text[start:end]``.
    """

    rule: DefectRule
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A candidate statement: one sentence, list item or table row, with its context.

    ``terms`` are lemmatised content words and noun phrases (for keywords and labels);
    ``modal`` is the strongest modal verb found ("shall", "must", …) or ``None``.
    """

    text: str
    section: tuple[str, ...]
    location: Location
    block_kind: BlockKind
    ref: str | None = None
    modal: str | None = None
    terms: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    from_table: bool = False
    defects: tuple[Defect, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    id: str
    text: str
    section: str
    section_path: tuple[str, ...] = ()  # every heading above it, outermost first
    kind: RequirementKind
    category: QualityCategory | None = None
    pattern: str = "modal"  # modal · ears · user-story · table-row · list-item
    location: Location = field(default_factory=Location)
    terms: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    external_systems: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # the business objects it acts on
    problem: int | None = None
    # the quality a requirement carries, also when it is functional ("refresh every 60 s")
    quality_aspect: QualityCategory | None = None
    defects: tuple[Defect, ...] = ()  # how it is written: see ``analyser.review``


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A distinct business problem: a cluster of functional requirements."""

    id: int
    label: str
    keywords: tuple[str, ...]
    requirement_ids: tuple[str, ...]
    sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Concern:
    """A cross-cutting quality concern (security, performance, …) attached to the spec."""

    category: str
    requirement_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitPart:
    """One separately procurable part in a proposed split of an over-broad spec."""

    name: str
    problem_ids: tuple[int, ...]
    n_requirements: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Signals:
    """The measured breadth signals that the score and the reasons are built from."""

    n_requirements: int
    n_functional: int
    n_quality: int
    n_problems: int
    effective_problems: float
    largest_share: float
    spread: float
    separation: float
    breadth_index: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Breadth:
    score: float
    verdict: Verdict
    n_problems: int
    reasons: tuple[str, ...]
    split: tuple[SplitPart, ...] = ()
    signals: Signals | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One statement that a delivery-risk check rests on, where the reader can find it."""

    text: str
    section: str = ""
    location: Location = field(default_factory=Location)
    requirement_id: str | None = None  # when the statement is one of the requirements
    topic: str = ""  # which part of the check it speaks to ("retention", "training", …)

    @property
    def where(self) -> str:
        """How to find it: the requirement's id, else the heading it sits under."""
        return self.requirement_id or self.section or "prose"


@dataclass(frozen=True, slots=True, kw_only=True)
class PartCoverage:
    """For one proposed part (or the whole spec): does it have a need, users and outcomes?"""

    name: str
    problem_ids: tuple[int, ...]
    need: bool
    users: tuple[str, ...]
    outcome: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskCheck:
    """A spec-level delivery-risk check: its status, the evidence, and what to do about it.

    ``topics`` are the parts of the check that were found; ``missing_topics`` the ones that
    were not (the information check's retention, migration, …).
    """

    id: CheckId
    name: str
    status: CheckStatus
    evidence: tuple[Evidence, ...]
    recommendation: str
    topics: tuple[str, ...] = ()
    missing_topics: tuple[str, ...] = ()
    parts: tuple[PartCoverage, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleCount:
    rule: DefectRule
    requirements: int  # requirements with at least one defect of this rule
    experimental: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """The scope review: delivery-risk checks and how the requirements are written.

    The defects themselves sit on each requirement (``Requirement.defects``); ``rule_counts``
    sums them. Experimental rules are reported but did not reach the precision and recall
    the shipped rules reach on the gold set (docs/review.md).
    """

    checks: tuple[RiskCheck, ...]
    rule_counts: tuple[RuleCount, ...]
    requirements_with_defects: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What produced a report, so that two reports can be compared fairly."""

    embedder: str
    analyser_version: str
    settings_hash: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    schema_version: str = SCHEMA_VERSION
    source: SpecSource
    requirements: tuple[Requirement, ...]
    problems: tuple[Problem, ...]
    concerns: tuple[Concern, ...]
    breadth: Breadth
    settings: Settings
    title: str | None = None
    review: Review | None = None  # added in analyser 0.2; absent from older reports

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return _from_jsonable(cls, data)


# -- serialisation (private) ------------------------------------------------------------


def _to_jsonable(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_to_jsonable(item) for item in value]
    return value


def _from_jsonable(
    cls: type, data: dict[str, Any], table: Mapping[tuple[type, str], type] | None = None
) -> Any:
    """Rebuild record ``cls`` from JSON data; ``table`` says which field holds which record
    (default: the report's records)."""
    table = _NESTED if table is None else table
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        raw = data[f.name]
        nested = table.get((cls, f.name))
        if nested is not None and raw is not None:
            if isinstance(raw, list):
                kwargs[f.name] = tuple(_from_jsonable(nested, item, table) for item in raw)
            else:
                kwargs[f.name] = _from_jsonable(nested, raw, table)
        elif isinstance(raw, list):
            kwargs[f.name] = tuple(raw)
        else:
            kwargs[f.name] = raw
    return cls(**kwargs)


_NESTED: dict[tuple[type, str], type] = {  # which field holds which record
    (Report, "source"): SpecSource,
    (Report, "requirements"): Requirement,
    (Report, "problems"): Problem,
    (Report, "concerns"): Concern,
    (Report, "breadth"): Breadth,
    (Report, "settings"): Settings,
    (Report, "review"): Review,
    (Requirement, "location"): Location,
    (Requirement, "defects"): Defect,
    (Review, "checks"): RiskCheck,
    (Review, "rule_counts"): RuleCount,
    (RiskCheck, "evidence"): Evidence,
    (RiskCheck, "parts"): PartCoverage,
    (Evidence, "location"): Location,
    (Breadth, "split"): SplitPart,
    (Breadth, "signals"): Signals,
}
