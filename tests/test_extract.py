from __future__ import annotations

import pytest

from analyser.language.extract import extract_requirements
from analyser.language.quality import classify_quality
from analyser.records import Location, Segment


def _seg(
    text: str,
    *,
    section: tuple[str, ...] = ("3 Requirements",),
    modal: str | None = "auto",
    ref: str | None = None,
    from_table: bool = False,
) -> Segment:
    if modal == "auto":
        modal = next(
            (
                m
                for m in ("shall", "must", "will", "should", "may")
                if f" {m} " in f" {text.lower()} "
            ),
            None,
        )
    return Segment(
        text=text,
        section=section,
        location=Location(line=1),
        block_kind="paragraph",
        modal=modal,
        ref=ref,
        from_table=from_table,
    )


@pytest.mark.parametrize(
    ("segment", "is_requirement", "pattern"),
    [
        (_seg("The system shall issue parking permits."), True, "modal"),
        (_seg("Residents must be able to renew a permit online."), True, "modal"),
        (_seg("When a payment fails, the system shall notify the clerk."), True, "ears"),
        (_seg("If the permit expires, then the system shall suspend it."), True, "ears"),
        (
            _seg(
                "As a resident, I want to renew my permit, so that I can keep parking.",
                modal="want",
            ),
            True,
            "user-story",
        ),
        (_seg("Fines are collected by the council.", modal=None), False, None),
        (_seg("This document will describe the permit service."), False, None),
        (_seg("Section 4 will be described later."), False, None),
        (_seg("3.2 Payments .............. 12", modal=None), False, None),
        (_seg("Users will find the new portal familiar."), False, None),
        (_seg("The portal will send a receipt by e-mail."), True, "modal"),
        (
            _seg("Record payments of fines", modal=None, ref="F-2", from_table=True),
            True,
            "table-row",
        ),
        (
            _seg("The system shall issue permits.", section=("1 Introduction", "1.2 Scope")),
            True,
            "modal",
        ),
    ],
)
def test_what_is_a_requirement(segment: Segment, is_requirement: bool, pattern: str | None) -> None:
    found = extract_requirements((segment,))
    assert len(found) == int(is_requirement)
    if is_requirement:
        assert found[0].pattern == pattern


def test_front_matter_dropped_when_requirements_exist_elsewhere() -> None:
    found = extract_requirements(
        (
            _seg(
                "The new system shall replace the old one.", section=("1 Introduction", "1.2 Scope")
            ),
            _seg("The system shall issue permits.", section=("3 Functional requirements",)),
        )
    )
    assert [r.text for r in found] == ["The system shall issue permits."]


@pytest.mark.parametrize(
    ("section", "kept"),
    [
        (("Radio spec", "1 Introduction"), False),
        (("2. Scope",), False),
        (("Appendix A Glossary",), False),
        (("4 Mobile equipment", "4.1 Introduction"), True),  # a chapter's own introduction
        (("6 General purpose radio", "6.4 Controls"), True),  # "purpose" is not a heading here
        (("1 Introduction", "1.4 Project scope"), False),  # the outer heading decides
    ],
)
def test_front_matter_is_the_documents_own(section: tuple[str, ...], kept: bool) -> None:
    found = extract_requirements(
        (
            _seg("The radio shall provide a volume control.", section=section),
            _seg("The system shall issue permits.", section=("3 Functional requirements",)),
        )
    )
    assert ("The radio shall provide a volume control." in [r.text for r in found]) is kept


def test_ids_kept_generated_stable_and_unique() -> None:
    segments = (
        _seg("The system shall issue permits.", ref="REQ-1"),
        _seg("The system shall revoke permits.", ref="REQ-1"),
        _seg("The system shall print permits."),
    )
    first = extract_requirements(segments)
    again = extract_requirements(segments[::-1])
    assert [r.id for r in first][:2] == ["REQ-1", "REQ-1~2"]
    assert first[2].id.startswith("R-") and first[2].id == next(
        r.id for r in again if r.text == first[2].text
    )


def test_exact_duplicates_dropped() -> None:
    found = extract_requirements(
        (_seg("The system shall issue permits."), _seg("The system shall issue  permits."))
    )
    assert len(found) == 1


def test_tabular_rows_are_all_requirements() -> None:
    found = extract_requirements(
        (_seg("Show the fines due", modal=None, ref="1", from_table=True),), tabular=True
    )
    assert [r.id for r in found] == ["1"]


@pytest.mark.parametrize(
    ("text", "section", "category"),
    [
        ("The portal shall respond to searches within 2 seconds.", (), "performance"),
        ("The service shall be available 99.5% of the time.", (), "availability"),
        ("All personal data shall be encrypted at rest.", (), "security"),
        ("The portal shall meet WCAG 2.2 level AA.", (), "usability"),
        ("The system shall comply with the Data Protection Act 2018.", (), "legal"),
        ("The system shall let a clerk renew a loan.", (), None),
        ("The system shall allow citizens to pay via the web browser.", (), None),
        ("The system shall allow an administrator to assign roles.", ("5 Security",), "security"),
        ("The system shall issue permits.", ("3 Functional requirements",), None),
        (
            "The product shall plot the data points.",
            ("2 Constraints", "2.2 Functional Requirements"),
            None,
        ),
        ("Bills shall be produced overnight.", ("4 Non-functional requirements",), "operational"),
    ],
)
def test_quality_category(text: str, section: tuple[str, ...], category: str | None) -> None:
    assert classify_quality(text, section) == category
