"""The PDF reader: PDFium's text with the layout put back, and pypdf kept as the alternative.

PDFs are made for real with fpdf2; both readers read them in this process's child (the
reading budget's isolation), as every face does.
"""

from __future__ import annotations

import re

import pytest
from fpdf import FPDF

from analyser import ReadBudget, ReadBudgetError, read_spec
from analyser.config import PDF_READERS
from analyser.records import SpecDocument

from .conftest import SAMPLES
from .test_readers import PDF_EXPECTED, PDF_PAGES, make_pdf

MODAL = re.compile(r"\b(?:shall|must|should|will|may)\b", re.I)


def read_pdf(data: bytes, reader: str = "pdfium", **budget: int) -> SpecDocument:
    return read_spec(
        "spec.pdf", data=data, name="spec.pdf", pdf_reader=reader, budget=ReadBudget(**budget)
    )


@pytest.mark.parametrize("reader", PDF_READERS)
def test_both_readers_find_headings_paragraphs_and_pages(reader: str) -> None:
    document = read_pdf(make_pdf(PDF_PAGES), reader)
    assert [(b.kind, b.text, b.section, b.location.page) for b in document.blocks] == PDF_EXPECTED
    assert document.title == "Payments Spec"


@pytest.mark.parametrize(
    "name", ["arts-council-grants-portal.pdf", "outpatients-rostering-and-pharmacy.pdf"]
)
def test_pdfium_keeps_every_requirement_statement_that_pypdf_finds(name: str) -> None:
    """PDFium's blocks are pypdf's, or finer (a note after a requirement is its own
    paragraph when the PDF leaves a gap): no statement is lost or merged with another."""
    texts = {
        reader: [b.text for b in read_spec(SAMPLES / name, pdf_reader=reader).blocks]
        for reader in PDF_READERS
    }
    statements = {
        reader: [text for text in found if MODAL.search(text)] for reader, found in texts.items()
    }
    assert len(statements["pdfium"]) >= len(statements["pypdf"]) >= 30
    for text in statements["pdfium"]:
        assert any(text in whole for whole in statements["pypdf"]), text


def _layout_pdf() -> bytes:
    """A heading, a paragraph wrapped over three lines, a paragraph gap, a second paragraph,
    and a table row of three cells on one baseline."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 8, "1 Registration of permits", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        120,
        5,
        "The system shall record every permit application with the applicant's name, the "
        "site address and the date it was received, and it shall keep the record for "
        "seven years after the permit ends.",
    )
    pdf.ln(6)
    pdf.multi_cell(120, 5, "The system shall notify the applicant when a permit is issued.")
    pdf.ln(6)
    y = pdf.get_y()
    for x, text in ((20, "R7"), (45, "The system shall export permits."), (160, "High")):
        pdf.set_xy(x, y)
        pdf.cell(30, 5, text)
    return bytes(pdf.output())


def test_pdfium_keeps_paragraph_gaps_and_joins_wrapped_lines_and_table_cells() -> None:
    document = read_pdf(_layout_pdf())
    found = [(b.kind, b.text) for b in document.blocks]
    assert found[0] == ("heading", "1 Registration of permits")
    assert found[1][1].startswith("The system shall record every permit application")
    assert found[1][1].endswith("seven years after the permit ends.")  # three lines, one block
    assert found[2][1] == "The system shall notify the applicant when a permit is issued."
    assert found[3][1] == "R7 The system shall export permits. High"  # one row, one line
    assert len(found) == 4


def test_a_word_broken_at_the_line_end_is_joined() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("The system shall keep every require-", "ment of the permit register."):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for reader in PDF_READERS:
        text = " ".join(b.text for b in read_pdf(bytes(pdf.output()), reader).blocks)
        assert "every requirement of the permit register" in text, reader


@pytest.mark.parametrize("reader", PDF_READERS)
def test_the_page_limit_stops_before_reading_and_says_how_to_raise_it(reader: str) -> None:
    with pytest.raises(ReadBudgetError, match="--max-pages") as raised:
        read_pdf(make_pdf(PDF_PAGES), reader, pages=2)
    assert raised.value.limit == "pages" and raised.value.code == "A013"
    assert "3 pages" in raised.value.message
    assert len(read_pdf(make_pdf(PDF_PAGES), reader, pages=3).blocks) == len(PDF_EXPECTED)


@pytest.mark.parametrize("reader", PDF_READERS)
def test_the_character_limit_counts_extracted_text(reader: str) -> None:
    with pytest.raises(ReadBudgetError, match="--max-chars") as raised:
        read_pdf(make_pdf(PDF_PAGES), reader, characters=100)
    assert raised.value.limit == "characters"
