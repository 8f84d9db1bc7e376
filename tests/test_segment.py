from __future__ import annotations

import pytest

from analyser.language.segment import segment, split_leading_id
from analyser.records import Block, Location, SpecDocument, SpecSource

SOURCE = SpecSource(name="t.txt", sha256="0", format="txt")


@pytest.mark.parametrize(
    ("text", "ref", "rest"),
    [
        ("REQ-12 The system shall issue permits.", "REQ-12", "The system shall issue permits."),
        ("FR-3.1: The clerk must approve refunds.", "FR-3.1", "The clerk must approve refunds."),
        ("SRS-004 – Users may export.", "SRS-004", "Users may export."),
        ("[SRS012] The FTSS shall schedule tasks.", "SRS012", "The FTSS shall schedule tasks."),
        ("2.2.3 The system shall support calls.", "2.2.3", "The system shall support calls."),
        ("PAY-07. Refunds shall be logged.", "PAY-07", "Refunds shall be logged."),
        (
            "The operator shall confirm the booking (BK-3).",
            "BK-3",
            "The operator shall confirm the booking.",
        ),
        (
            "Windows 7 shall be supported by all clients.",
            None,
            "Windows 7 shall be supported by all clients.",
        ),
        ("A citizen may apply online.", None, "A citizen may apply online."),
        ("3.2 Payments", None, "3.2 Payments"),
    ],
)
def test_split_leading_id(text: str, ref: str | None, rest: str) -> None:
    assert split_leading_id(text) == (ref, rest)


def _document(*blocks: Block, tabular: bool = False) -> SpecDocument:
    return SpecDocument(source=SOURCE, blocks=blocks, tabular=tabular)


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # paragraphs split into sentences; the heading gives the section only
        (
            (
                Block(kind="heading", text="3 Loans", level=1),
                Block(
                    kind="paragraph",
                    text="The system shall record loans. Members may renew a loan twice.",
                    section=("3 Loans",),
                ),
            ),
            [
                ("The system shall record loans.", None, "shall", ("3 Loans",)),
                ("Members may renew a loan twice.", None, "may", ("3 Loans",)),
            ],
        ),
        # an identified block stays whole, even with two sentences
        (
            (
                Block(
                    kind="list_item",
                    text="LN-4 The system shall send reminders. Reminders go by e-mail.",
                ),
            ),
            [("The system shall send reminders. Reminders go by e-mail.", "LN-4", "shall", ())],
        ),
        # a table row: the longest cell is the statement, the id cell its ref; header skipped
        (
            (
                Block(
                    kind="table_row",
                    text="ID | Requirement | Priority",
                    cells=("ID", "Requirement", "Priority"),
                ),
                Block(
                    kind="table_row",
                    text="P-1 | The portal must accept card payments. | High",
                    cells=("P-1", "The portal must accept card payments.", "High"),
                ),
            ),
            [("The portal must accept card payments.", "P-1", "must", ())],
        ),
        # fragments under three words are not statements
        ((Block(kind="paragraph", text="See below."),), []),
    ],
)
def test_segment_structure_first(nlp, blocks, expected) -> None:
    segments = segment(_document(*blocks), nlp)
    assert [(s.text, s.ref, s.modal, s.section) for s in segments] == expected


def test_segment_keeps_location_and_terms(nlp) -> None:
    block = Block(
        kind="paragraph",
        text="The clerk shall issue a parking permit to each resident.",
        location=Location(page=3, line=14),
    )
    (only,) = segment(_document(block), nlp)
    assert only.location == Location(page=3, line=14)
    assert "parking permit" in only.terms
    assert "system" not in only.terms


def test_data_and_media_keep_their_names_in_terms(nlp) -> None:
    block = Block(
        kind="paragraph",
        text="The inspector shall export personal data and inspection data to removable media.",
        location=Location(page=1, line=1),
    )
    (only,) = segment(_document(block), nlp)
    assert {"personal data", "inspection data", "removable media"} <= set(only.terms)
    assert not any("datum" in term or "medium" in term for term in only.terms)


def test_segment_tabular_rows_are_whole(nlp) -> None:
    block = Block(
        kind="table_row",
        text="Show fines. Allow payment of fines.",
        ref="7",
        location=Location(row=2),
    )
    (only,) = segment(_document(block, tabular=True), nlp)
    assert (only.text, only.ref, only.from_table) == (
        "Show fines. Allow payment of fines.",
        "7",
        True,
    )


@pytest.mark.parametrize(
    ("text", "modal"),
    [
        ("The following services are to be supported by the network.", "required"),
        ("Each claim is required to carry a reference.", "required"),
        ("The network is to blame for the outage.", None),
        ("The clerk checks the permit.", None),
    ],
)
def test_obligation_phrases_count_as_modal(nlp, text: str, modal: str | None) -> None:
    (only,) = segment(_document(Block(kind="paragraph", text=text, location=Location())), nlp)
    assert only.modal == modal


@pytest.mark.parametrize(
    ("text", "actors", "systems"),
    [
        (
            "As a site visitor, I want to search articles, so that I find them.",
            ("site visitor",),
            (),
        ),
        (
            "Enforcement officers shall issue a PCN from a handheld device.",
            ("enforcement officer",),
            (),
        ),
        ("The system shall allow residents to apply for a permit online.", ("resident",), ()),
        ("The system shall check the vehicle registration with the DVLA.", (), ("DVLA",)),
        (
            "The platform shall exchange claim data with the Housing Benefit system.",
            (),
            ("Housing Benefit system",),
        ),
        ("The system shall import payments from SAP every night.", (), ("SAP",)),
        ("Permits shall be issued within two days.", (), ()),
        ("The clerk shall send a letter to the applicant.", ("clerk",), ()),
    ],
)
def test_actors_and_external_systems(nlp, text: str, actors: tuple, systems: tuple) -> None:
    (only,) = segment(_document(Block(kind="paragraph", text=text, location=Location())), nlp)
    assert (only.actors, only.systems) == (actors, systems)
