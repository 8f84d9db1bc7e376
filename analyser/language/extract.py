"""Candidate statements → requirements: what is a requirement, of which kind, with which id.

A statement is a requirement when it uses a modal verb (shall, must, will, should, may, "is
required to"), follows an EARS template, is a user story ("As a …, I want …"), or is a row
of a requirements export. Statements in front matter (introduction, scope, glossary,
revision history, references, table of contents) and descriptive boilerplate ("This
document will describe …") are dropped. Each requirement keeps its own id where the document
gives one, otherwise gets a stable id derived from its text, and is classified as
functional or as a cross-cutting quality (security, performance, …).
"""

from __future__ import annotations

import hashlib
import re

from analyser.language.quality import classify_quality
from analyser.records import Requirement, Segment

_USER_STORY = re.compile(
    r"^\s*as an?\s+[^,]{2,80}?,?\s+I\s+(?:want|need|would like|can|wish)\b", re.I
)
_EARS = re.compile(
    r"^\s*(?:when|while|where|if|after|before|once|during)\b.{3,}?,\s*(?:then\s+)?the\b.+\b(?:shall|must)\b",
    re.I,
)
_FRONT_MATTER = re.compile(
    # the heading *is* one of these (after a number): "General purpose radio" is not front matter
    r"^\W*(?:appendix\s+\w+\W*)?(?:[A-Z]?\d+\.?|[IVX]+\.|[A-Z]\.)?\s*(?:the\s+)?"
    r"(?:introduction|purpose|scope|overview|glossary|definitions?|acronyms?|abbreviations?|"
    r"references?|revision|history|change log|document control|table of contents|contents|"
    r"conventions|intended audience|reading suggestions|approvals?|distribution|"
    r"out of scope|assumptions?|index|bibliography|background|current situation|context|"
    r"existing (?:system|service|arrangements))\b",
    re.I,
)
# "4.1 Introduction" opens chapter 4, which may well state requirements; only a top-level
# heading (unnumbered or numbered with one level) marks the document's own front matter.
_SUBSECTION_NUMBER = re.compile(r"^\W*\d+\.\d+")
_BOILERPLATE = re.compile(
    r"\b(?:this|the present|the following)\s+(?:document|section|chapter|specification|srs|"
    r"appendix|report|plan|table|figure)\b|\bwill be (?:described|discussed|explained|"
    r"presented|covered|defined|detailed|listed)\b|\bare described (?:below|in)\b|"
    r"\bit is (?:assumed|expected) that\b|\bfor (?:example|instance)\b.*\bcould\b|"
    # conventions ('Requirements use "shall" for …') and instructions to bidders
    r"[\"“‘']\s*(?:shall|must|should|will|may)\s*[\"”’']|"
    r"\b(?:suppliers?|bidders?|tenderers?|offerors?|respondents?)\b.{0,60}\b(?:must|shall|should)\s+"
    r"(?:quote|state|submit|respond|address|read|include|describe|explain|confirm that they)\b",
    re.I,
)
_REQUIREMENT_HEADING = re.compile(r"requirement|functional|features?\b|specific|capabilit", re.I)
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|_{3,}|\s{3,})\s*\d+\s*$")
_DEFINITION = re.compile(r"^[\w /&()-]{1,40}(?::| - | – | — )\s*(?:a|an|the|any)\b", re.I)
_STRONG_MODALS = frozenset({"shall", "must", "required"})


def extract_requirements(
    segments: tuple[Segment, ...], *, tabular: bool = False
) -> tuple[Requirement, ...]:
    """Keep the segments that are requirements and describe each as a ``Requirement``.

    ``tabular`` marks a requirements export (CSV/XLSX): every row is taken as a requirement.

    Examples:
        >>> from analyser.records import Location
        >>> def seg(text, section=("3 Requirements",)):
        ...     return Segment(text=text, section=section, location=Location(line=1),
        ...                    block_kind="paragraph", modal="shall" if "shall" in text else None)
        >>> found = extract_requirements((seg("The system shall issue parking permits."),
        ...     seg("The system shall respond within 2 seconds."),
        ...     seg("Parking is a council service.")))
        >>> [(r.kind, r.category) for r in found]
        [('functional', None), ('quality', 'performance')]
    """
    kept = [s for s in segments if tabular or _is_requirement(s)]
    if not tabular:
        outside = [s for s in kept if not _in_front_matter(s)]
        kept = outside if outside else kept
    requirements: list[Requirement] = []
    seen_texts: set[str] = set()
    used_ids: set[str] = set()
    for segment in kept:
        normalised = _normalise(segment.text)
        if normalised in seen_texts:
            continue  # a traceability table or summary repeating a requirement
        seen_texts.add(normalised)
        requirements.append(_requirement(segment, normalised, used_ids))
    return tuple(requirements)


def requirement_pattern(segment: Segment) -> str | None:
    """Which requirement form a statement follows, or ``None`` if it is not one."""
    text = segment.text
    if _USER_STORY.search(text):
        return "user-story"
    if segment.modal is None:
        return "table-row" if segment.from_table and segment.ref is not None else None
    if _EARS.search(text):
        return "ears"
    return "modal"


# -- private ----------------------------------------------------------------------------


def _is_requirement(segment: Segment) -> bool:
    text = segment.text
    if _TOC_LINE.search(text) or _BOILERPLATE.search(text):
        return False
    pattern = requirement_pattern(segment)
    if pattern is None:
        return False
    if pattern == "modal" and _DEFINITION.match(text) and segment.modal not in _STRONG_MODALS:
        return False
    return not (segment.modal == "will" and not _has_system_subject(text))


def _has_system_subject(text: str) -> bool:
    # "will" is often narrative ("Users will find…"); keep it when a system or actor is bound.
    return bool(
        re.search(
            r"\b(?:system|application|solution|software|service|portal|tool|"
            r"platform|module|interface|product|contractor|supplier|it)\s+will\b",
            text,
            re.I,
        )
    )


def _in_front_matter(segment: Segment) -> bool:
    """The innermost heading that says what a section is decides (a document title says neither)."""
    for heading in reversed(segment.section):
        if _REQUIREMENT_HEADING.search(heading):
            return False
        if _FRONT_MATTER.search(heading):
            return not _SUBSECTION_NUMBER.match(heading)
    return False


def _requirement(segment: Segment, normalised: str, used_ids: set[str]) -> Requirement:
    base = segment.ref or "R-" + hashlib.sha1(normalised.encode()).hexdigest()[:6].upper()
    identifier, n = base, 2
    while identifier in used_ids:
        identifier, n = f"{base}~{n}", n + 1
    used_ids.add(identifier)
    category = classify_quality(segment.text, segment.section)
    return Requirement(
        id=identifier,
        text=segment.text,
        section=segment.section[-1] if segment.section else "",
        section_path=segment.section,
        kind="quality" if category is not None else "functional",
        category=category,
        quality_aspect=category,
        pattern=requirement_pattern(segment) or "table-row",
        location=segment.location,
        terms=segment.terms,
        actors=segment.actors,
        external_systems=segment.systems,
        objects=segment.objects,
        defects=segment.defects,
    )


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
