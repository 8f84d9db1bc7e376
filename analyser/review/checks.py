"""The delivery-risk checks: does the spec state its need, its users, its information and its
change, and does each proposed part have a case of its own?

Each check looks for topics in the document's own statements — requirements and prose alike,
and the headings they sit under — with cue patterns a reviewer can read below. A topic is
found when a statement names it; the check's status counts the topics found, with the
thresholds the gold set's labelling guide defines (information: 3 of 5 present, change: 2 of 4).
Every status comes with the statements it rests on, or with the topics that were looked for
and not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analyser.records import (
    CheckStatus,
    Evidence,
    Location,
    PartCoverage,
    Problem,
    Report,
    Requirement,
    RiskCheck,
    Segment,
)
from analyser.review.catalogue import CHECKS_BY_ID
from analyser.review.cues import (
    AMOUNT,
    BASELINE,
    CHANGE,
    GENERIC_USERS,
    INFORMATION,
    INVOLVEMENT,
    MILESTONE,
    NEED,
    NEED_HEADING,
    NOT_PROSE,
    NOT_STATEMENTS,
    OUTCOME,
    OUTCOME_HEADING,
    PROSE_WORDS,
    TABLE_OF_CONTENTS,
    THRESHOLDS,
)

EVIDENCE_PER_TOPIC = 3


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of the document, with where it is and, for a requirement, its id."""

    text: str
    section: tuple[str, ...]
    location: Location
    requirement_id: str | None = None
    quality: bool = False  # a quality requirement (response times are not business outcomes)
    prose: bool = False  # a sentence of running text, not a requirement, table row or TOC line
    table: bool = False  # a row of a table that is not a requirement ("93 % → 99 %")

    def evidence(self, topic: str) -> Evidence:
        return Evidence(
            text=self.text,
            section=self.section[-1] if self.section else "",
            location=self.location,
            requirement_id=self.requirement_id,
            topic=topic,
        )


def statements_of(
    segments: Iterable[Segment], requirements: Sequence[Requirement]
) -> tuple[Statement, ...]:
    """Every candidate sentence of the document; those that are requirements carry their id."""
    ids = {_normalise(r.text): r for r in requirements}
    found: list[Statement] = []
    for segment in segments:
        if any(NOT_STATEMENTS.search(heading) for heading in segment.section):
            continue  # a glossary's "DVLA: Driver and Vehicle Licensing Agency" says nothing
        if TABLE_OF_CONTENTS.search(segment.text):
            continue  # "Submission and validation .......... 6"
        requirement = ids.get(_normalise(segment.text))
        prose = (
            requirement is None
            and segment.block_kind in ("paragraph", "list_item")
            and len(segment.text.split()) >= PROSE_WORDS
            and NOT_PROSE.search(segment.text) is None
        )
        found.append(
            Statement(
                text=segment.text,
                section=segment.section,
                location=segment.location,
                requirement_id=requirement.id if requirement is not None else None,
                quality=requirement is not None and requirement.kind == "quality",
                prose=prose,
                table=requirement is None and segment.block_kind == "table_row",
            )
        )
    return tuple(found)


def run_checks(report: Report, statements: Sequence[Statement]) -> tuple[RiskCheck, ...]:
    """The five delivery-risk checks, in the catalogue's order."""
    needs = [s for s in statements if _states_need(s)]
    outcomes = [s for s in statements if _states_outcome(s)]
    return (
        _need_check(needs, outcomes),
        _users_check(report, statements),
        _topics_check("information", INFORMATION, statements),
        _topics_check("change", CHANGE, statements),
        _parts_check(report, needs, outcomes),
    )


# -- private ----------------------------------------------------------------------------


def _states_need(statement: Statement) -> bool:
    """A need is the document's own: its prose says why (a requirement's "so that" is the
    reason for that one requirement, not the business need)."""
    if not statement.prose:
        return False
    heading = statement.section[-1] if statement.section else ""
    return NEED.search(statement.text) is not None or NEED_HEADING.search(heading) is not None


def _states_outcome(statement: Statement) -> bool:
    """A measurable outcome in the document's prose: a target with an amount, or the
    problem measured today (a baseline to beat: "renewals fail one time in eight")."""
    if not (statement.prose or statement.table) or AMOUNT.search(statement.text) is None:
        return False
    text = statement.text
    heading = statement.section[-1] if statement.section else ""
    if BASELINE.search(text) is None and MILESTONE.search(text) is not None:
        return False
    return (
        OUTCOME.search(text) is not None
        or BASELINE.search(text) is not None
        or OUTCOME_HEADING.search(heading) is not None  # a row of "Success measures"
    )


def _need_check(needs: list[Statement], outcomes: list[Statement]) -> RiskCheck:
    found = [topic for topic, hits in (("need", needs), ("outcome", outcomes)) if hits]
    status: CheckStatus = "present" if len(found) == 2 else "weak" if found else "missing"
    evidence = [s.evidence("need") for s in _prose_first(needs)[:EVIDENCE_PER_TOPIC]]
    evidence += [s.evidence("outcome") for s in _prose_first(outcomes)[:EVIDENCE_PER_TOPIC]]
    return _check("business-need", status, evidence, found)


def _users_check(report: Report, statements: Sequence[Statement]) -> RiskCheck:
    named = _named_users(report.requirements)
    involved = [s for s in statements if INVOLVEMENT.search(s.text)]
    involved += [
        s for s in statements if s not in involved and INVOLVEMENT.search(" ".join(s.section))
    ]
    found = [topic for topic, hit in (("named users", named), ("involvement", involved)) if hit]
    status: CheckStatus = "present" if len(found) == 2 else "weak" if found else "missing"
    evidence = [
        Evidence(text=f"User groups named in the requirements: {', '.join(named[:12])}.",
                 topic="named users")
    ] if named else []  # fmt: skip
    evidence += [s.evidence("involvement") for s in involved[:EVIDENCE_PER_TOPIC]]
    return _check("users", status, evidence, found)


def _topics_check(
    check: str, cues: dict[str, re.Pattern[str]], statements: Sequence[Statement]
) -> RiskCheck:
    evidence: list[Evidence] = []
    found: list[str] = []
    for topic, cue in cues.items():
        hits = [s for s in statements if cue.search(s.text)]
        if not hits:
            hits = [s for s in statements if s.section and cue.search(s.section[-1])]
        if hits:
            found.append(topic)
            evidence += [s.evidence(topic) for s in hits[:EVIDENCE_PER_TOPIC]]
    present_at, weak_at = THRESHOLDS[check]
    status: CheckStatus = (
        "present" if len(found) >= present_at else "weak" if len(found) >= weak_at else "missing"
    )
    return _check(check, status, evidence, found)


def _parts_check(report: Report, needs: list[Statement], outcomes: list[Statement]) -> RiskCheck:
    by_id = {r.id: r for r in report.requirements}
    problems = {p.id: p for p in report.problems}
    split = report.breadth.split
    parts: list[PartCoverage] = []
    if len(split) <= 1:
        parts.append(
            PartCoverage(
                name=split[0].name if split else "The whole specification",
                problem_ids=tuple(problems),
                need=bool(needs),
                users=_named_users(report.requirements),
                outcome=bool(outcomes),
            )
        )
    else:
        for part in split:
            members = [
                by_id[rid] for pid in part.problem_ids for rid in problems[pid].requirement_ids
            ]
            words = _part_words(members, [problems[pid] for pid in part.problem_ids])
            parts.append(
                PartCoverage(
                    name=part.name,
                    problem_ids=part.problem_ids,
                    need=any(_speaks_of(s, words) for s in needs),
                    users=_named_users(members),
                    outcome=any(_speaks_of(s, words) for s in outcomes),
                )
            )
    if all(p.need and p.users and p.outcome for p in parts):
        status: CheckStatus = "present"
    elif all(p.need or p.outcome for p in parts):
        status = "weak"
    else:
        status = "missing"
    evidence = [
        Evidence(
            text=f"Need {'stated' if p.need else 'not found'}; users "
            f"{', '.join(p.users[:6]) if p.users else 'not named'}; outcome "
            f"{'stated' if p.outcome else 'not found'}.",
            topic=p.name,
        )
        for p in parts
    ]
    found = [p.name for p in parts if p.need and p.users and p.outcome]
    missing = [p.name for p in parts if not (p.need and p.users and p.outcome)]
    return RiskCheck(
        id="parts",
        name=CHECKS_BY_ID["parts"].name,
        status=status,
        evidence=tuple(evidence),
        recommendation=CHECKS_BY_ID["parts"].advice[status],
        topics=tuple(found),
        missing_topics=tuple(missing),
        parts=tuple(parts),
    )


def _check(
    check: str, status: CheckStatus, evidence: list[Evidence], found: list[str]
) -> RiskCheck:
    definition = CHECKS_BY_ID[check]
    missing = tuple(t for t in definition.topics if t not in found)
    advice = definition.advice[status]
    if missing and status != "missing":
        advice += f" Not found: {', '.join(missing)}."
    return RiskCheck(
        id=definition.id,
        name=definition.name,
        status=status,
        evidence=tuple(evidence),
        recommendation=advice,
        topics=tuple(found),
        missing_topics=missing,
    )


def _named_users(requirements: Iterable[Requirement]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for requirement in requirements:
        for actor in requirement.actors:
            if actor.lower() not in GENERIC_USERS:
                counts[actor] = counts.get(actor, 0) + 1
    return tuple(sorted(counts, key=lambda actor: (-counts[actor], actor)))


def _part_words(members: list[Requirement], problems: list[Problem]) -> set[str]:
    words: set[str] = set()
    for problem in problems:
        words.update(_words(problem.label))
        for keyword in problem.keywords:
            words.update(_words(keyword))
    for requirement in members:
        for section in requirement.section_path[-1:]:
            words.update(_words(section))
    return words - _STOP


def _speaks_of(statement: Statement, words: set[str]) -> bool:
    return bool(_words(statement.text) & words) or bool(
        statement.section and _words(statement.section[-1]) & words
    )


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", text.lower())}


_STOP = {
    "system", "service", "shall", "must", "will", "should", "with", "from", "that", "this",
    "each", "their", "have", "requirement", "management", "data", "record", "detail", "user",
    "function", "general", "other", "support", "provide",
}  # fmt: skip


def _prose_first(statements: list[Statement]) -> list[Statement]:
    return sorted(statements, key=lambda s: s.requirement_id is not None)


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
