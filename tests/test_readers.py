"""The read stage: every format → SpecDocument blocks; every failure → a coded AnalyserError.

Documents are built for real (python-docx, openpyxl, fpdf2) into memory or ``tmp_path``.
"""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from fpdf import FPDF

from analyser.errors import (
    AnalyserError,
    EmptySpecError,
    SpecNotFoundError,
    SpecReadError,
    TableColumnError,
    UnsupportedFormatError,
)
from analyser.readers import SUPPORTED_SUFFIXES, read_spec
from analyser.records import Location, SpecDocument

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PURE_DOCUMENTS = SHARED_DATA / "pure" / "documents"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def shape(document: SpecDocument) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(block.kind, block.text, block.section) for block in document.blocks]


def read_bytes(name: str, data: bytes) -> SpecDocument:
    return read_spec(name, data=data, name=name)


# -- plain text ------------------------------------------------------------------------

FR = "2 Functional requirements"
PAY = (FR, "2.1 Payments")
REP = (FR, "2.2. Reporting")

TEXT_SPEC = """\
ACME PAYMENTS PLATFORM

1 Introduction

This document specifies the payments platform. It replaces the
legacy cashier system and its manual reconciliation.

2 Functional requirements

2.1 Payments

The system shall accept card payments from
registered customers.
The system shall support:
- refunds of captured payments
- partial refunds
* voids before settlement

2.2. Reporting

1. Export daily totals.
2. Export monthly totals.
a) per merchant
(ii) per currency

SECTION 3 - Quality
• The system shall be available 99.9% of the time.
"""

TEXT_EXPECTED = [
    ("heading", "ACME PAYMENTS PLATFORM", ("ACME PAYMENTS PLATFORM",)),
    ("heading", "1 Introduction", ("1 Introduction",)),
    (
        "paragraph",
        "This document specifies the payments platform. It replaces the legacy cashier "
        "system and its manual reconciliation.",
        ("1 Introduction",),
    ),
    ("heading", FR, (FR,)),
    ("heading", "2.1 Payments", PAY),
    ("paragraph", "The system shall accept card payments from registered customers.", PAY),
    ("paragraph", "The system shall support:", PAY),
    ("list_item", "refunds of captured payments", PAY),
    ("list_item", "partial refunds", PAY),
    ("list_item", "voids before settlement", PAY),
    ("heading", "2.2. Reporting", REP),
    ("list_item", "Export daily totals.", REP),
    ("list_item", "Export monthly totals.", REP),
    ("list_item", "per merchant", REP),
    ("list_item", "per currency", REP),
    ("heading", "SECTION 3 - Quality", ("SECTION 3 - Quality",)),
    ("list_item", "The system shall be available 99.9% of the time.", ("SECTION 3 - Quality",)),
]


def test_text_blocks_and_sections() -> None:
    document = read_bytes("spec.txt", TEXT_SPEC.encode())
    assert shape(document) == TEXT_EXPECTED
    assert document.title == "ACME PAYMENTS PLATFORM"
    assert document.source.format == "txt"
    assert document.source.sha256 == hashlib.sha256(TEXT_SPEC.encode()).hexdigest()
    assert [block.location for block in document.blocks[:3]] == [
        Location(line=1),
        Location(line=3),
        Location(line=5),
    ]


@pytest.mark.parametrize(
    ("line", "kind", "level"),
    [
        ("3.2 Payments", "heading", 2),
        ("3.2. Payments", "heading", 2),
        ("3.2.1 Card payments", "heading", 3),
        ("1.0 Introduction", "heading", 1),
        ("A.1 Glossary", "heading", 2),
        ("II. System Overview", "heading", 1),
        ("1.5SRS Document Overview", "heading", 2),
        ("2GENERAL DESCRIPTION", "heading", 1),
        ("3GPP Third Generation Partnership Project", "paragraph", 0),
        ("SECTION 4 – Reporting", "heading", 1),
        ("Appendix B", "heading", 1),
        ("GENERAL DESCRIPTION", "heading", 1),
        ("3.2.1 The system shall log every payment.", "paragraph", 0),
        ("Table 3: Payment states", "paragraph", 0),
        ("12 February 2009", "paragraph", 0),
        ("Section 3 describes the payment flows", "paragraph", 0),
        ("- refunds", "list_item", 0),
        ("• refunds", "list_item", 0),
        ("1) refunds", "list_item", 0),
        ("(iv) refunds", "list_item", 0),
        ("b. refunds", "list_item", 0),
        ("1.2 Scope ........................ 4", "paragraph", 0),
    ],
)
def test_line_shapes(line: str, kind: str, level: int) -> None:
    body = "The payments platform accepts card payments from registered customers today."
    first = read_bytes("spec.txt", f"{line}\n\n{body}\n".encode()).blocks[0]
    assert (first.kind, first.level) == (kind, level)


EXTRACTED_LAYOUT = """\
Contents
1 Introduction 3
1.1 Scope 3
2 Requirements 4
1 Introduction
1.1 Scope
1.1.1 The specification defines the requirements of a radio
system for railway operations.
2 Requirements
"""


def test_contents_entries_and_numbered_paragraphs_are_not_headings() -> None:
    document = read_bytes("extracted.txt", EXTRACTED_LAYOUT.encode())
    assert shape(document) == [
        ("paragraph", "Contents", ()),
        ("paragraph", "1 Introduction 3", ()),
        ("paragraph", "1.1 Scope 3", ()),
        ("paragraph", "2 Requirements 4", ()),
        ("heading", "1 Introduction", ("1 Introduction",)),
        ("heading", "1.1 Scope", ("1 Introduction", "1.1 Scope")),
        (
            "paragraph",
            "1.1.1 The specification defines the requirements of a radio system for railway "
            "operations.",
            ("1 Introduction", "1.1 Scope"),
        ),
        ("heading", "2 Requirements", ("2 Requirements",)),
    ]


def test_glued_numbers_are_separated_in_heading_text() -> None:
    document = read_bytes("x.txt", b"1.5SRS Document Overview\nThe overview follows here.\n")
    assert document.blocks[0].text == "1.5 SRS Document Overview"


def test_text_decoding_fallbacks() -> None:
    text = "Café payments — the system shall accept ‘card’ payments."
    for data in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("cp1252")):
        assert read_bytes("spec.txt", data).blocks[0].text == text
    latin1_only = b"Payments in \x81 caf\xe9"  # 0x81 is undefined in cp1252
    assert read_bytes("spec.txt", latin1_only).blocks[0].text.endswith("café")


# -- markdown --------------------------------------------------------------------------

MD_SPEC = """\
# Payments Platform

Intro paragraph that is
wrapped over two lines.

Setext Heading
--------------

## 3 Functional requirements

### 3.2 Payments

- **Card** payments shall be accepted.
- Refunds shall be supported via the [portal](http://example.org).
1. Export daily totals.
2. Export monthly totals.

| ID | Requirement | Priority |
|----|-------------|----------|
| FR-1 | The system shall log in users. | High |
| FR-2 | The system shall log out users. | Low |

3.3 Reporting
The system shall export `CSV` files.
"""

PP = "Payments Platform"
MD_PAY = (PP, "3 Functional requirements", "3.2 Payments")
MD_EXPECTED = [
    ("heading", PP, (PP,)),
    ("paragraph", "Intro paragraph that is wrapped over two lines.", (PP,)),
    ("heading", "Setext Heading", (PP, "Setext Heading")),
    ("heading", "3 Functional requirements", (PP, "3 Functional requirements")),
    ("heading", "3.2 Payments", MD_PAY),
    ("list_item", "Card payments shall be accepted.", MD_PAY),
    ("list_item", "Refunds shall be supported via the portal.", MD_PAY),
    ("list_item", "Export daily totals.", MD_PAY),
    ("list_item", "Export monthly totals.", MD_PAY),
    ("table_row", "ID | Requirement | Priority", MD_PAY),
    ("table_row", "The system shall log in users.", MD_PAY),
    ("table_row", "The system shall log out users.", MD_PAY),
    ("heading", "3.3 Reporting", (PP, "3.3 Reporting")),
    ("paragraph", "The system shall export CSV files.", (PP, "3.3 Reporting")),
]


def test_markdown_blocks_and_sections() -> None:
    document = read_bytes("spec.md", MD_SPEC.encode())
    assert shape(document) == MD_EXPECTED
    rows = [block for block in document.blocks if block.kind == "table_row"]
    assert [row.ref for row in rows] == [None, "FR-1", "FR-2"]
    assert rows[1].cells == ("FR-1", "The system shall log in users.", "High")
    assert rows[1].location == Location(line=20)
    assert document.title == PP
    assert document.source.format == "md"


# -- docx ------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Payments Platform Specification"
    document.add_heading("Payments Platform", level=0)
    document.add_heading("1 Introduction", level=1)
    document.add_paragraph("This document specifies the payments platform.")
    document.add_heading("2 Functional requirements", level=1)
    document.add_heading("2.1 Payments", level=2)
    document.add_paragraph("The system shall accept card payments.", style="List Number")
    document.add_paragraph("The system shall support refunds.", style="List Bullet")
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("ID", "Requirement", "Priority"),
            ("FR-1", "The system shall log in users.", "High"),
            ("", "", ""),
            ("FR-2", "The system shall log out users.", "Low"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("2.2 Reporting")
    document.add_paragraph("• Daily totals shall be exported.")
    document.add_paragraph("")
    glossary = document.add_table(rows=1, cols=2)
    glossary.rows[0].cells[0].text = "PSP"
    glossary.rows[0].cells[1].text = "Payment service provider"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX_PAY = ("2 Functional requirements", "2.1 Payments")
DOCX_REP = ("2 Functional requirements", "2.2 Reporting")
DOCX_EXPECTED = [
    ("heading", "Payments Platform", ("Payments Platform",)),
    ("heading", "1 Introduction", ("1 Introduction",)),
    ("paragraph", "This document specifies the payments platform.", ("1 Introduction",)),
    ("heading", "2 Functional requirements", ("2 Functional requirements",)),
    ("heading", "2.1 Payments", DOCX_PAY),
    ("list_item", "The system shall accept card payments.", DOCX_PAY),
    ("list_item", "The system shall support refunds.", DOCX_PAY),
    ("table_row", "ID | Requirement | Priority", DOCX_PAY),
    ("table_row", "The system shall log in users.", DOCX_PAY),
    ("table_row", "The system shall log out users.", DOCX_PAY),
    ("heading", "2.2 Reporting", DOCX_REP),
    ("list_item", "Daily totals shall be exported.", DOCX_REP),
    ("table_row", "PSP | Payment service provider", DOCX_REP),
]


def test_docx_blocks_in_document_order() -> None:
    document = read_bytes("spec.docx", make_docx())
    assert shape(document) == DOCX_EXPECTED
    assert [block.level for block in document.blocks[:5]] == [1, 1, 0, 1, 2]
    rows = [block for block in document.blocks if block.kind == "table_row"]
    assert [row.ref for row in rows] == [None, "FR-1", "FR-2", None]
    assert rows[0].cells == ("ID", "Requirement", "Priority")
    assert document.title == "Payments Platform Specification"
    assert document.source.format == "docx"


# -- html ------------------------------------------------------------------------------

HTML_SPEC = """\
<html><head><title>Payments Spec</title><style>p { color: red }</style>
<script>var tracking = "The system shall track you.";</script></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<h1>Payments Platform</h1>
<p>This document specifies
   the payments platform.</p>
<h2>2.1 Payments</h2>
<ul><li>The system shall accept card payments.</li>
<li>The system shall support <b>refunds</b>.</li></ul>
<ol><li>Export daily totals.</li></ol>
<table><tr><th>ID</th><th>Requirement</th></tr>
<tr><td>FR-1</td><td>The system shall log in users.</td></tr><tr><td></td><td> </td></tr></table>
<pre>3.3 Audit
The system shall keep an audit trail.</pre>
</body></html>
"""

HTML_PAY = (PP, "2.1 Payments")
HTML_EXPECTED = [
    ("heading", PP, (PP,)),
    ("paragraph", "This document specifies the payments platform.", (PP,)),
    ("heading", "2.1 Payments", HTML_PAY),
    ("list_item", "The system shall accept card payments.", HTML_PAY),
    ("list_item", "The system shall support refunds.", HTML_PAY),
    ("list_item", "Export daily totals.", HTML_PAY),
    ("table_row", "ID | Requirement", HTML_PAY),
    ("table_row", "The system shall log in users.", HTML_PAY),
    ("heading", "3.3 Audit", (PP, "3.3 Audit")),
    ("paragraph", "The system shall keep an audit trail.", (PP, "3.3 Audit")),
]

OLD_HTML = """\
<html><body bgcolor="white">
Payments Platform Specification<br>
<br>
1 Introduction<br>
This document specifies the payments platform.<br>
<br>
2 Requirements<br>
The system shall accept card payments.<br>
The system shall support refunds.
</body></html>
"""

OLD_HTML_EXPECTED = [
    ("paragraph", "Payments Platform Specification", ()),
    ("heading", "1 Introduction", ("1 Introduction",)),
    ("paragraph", "This document specifies the payments platform.", ("1 Introduction",)),
    ("heading", "2 Requirements", ("2 Requirements",)),
    (
        "paragraph",
        "The system shall accept card payments. The system shall support refunds.",
        ("2 Requirements",),
    ),
]


@pytest.mark.parametrize(
    ("markup", "expected", "title"),
    [
        (HTML_SPEC, HTML_EXPECTED, "Payments Spec"),
        (OLD_HTML, OLD_HTML_EXPECTED, "1 Introduction"),
    ],
    ids=["modern", "old-br-only"],
)
def test_html_blocks(markup: str, expected: list, title: str) -> None:
    document = read_bytes("spec.html", markup.encode())
    assert shape(document) == expected
    assert document.title == title
    assert all("track" not in block.text and "Home" not in block.text for block in document.blocks)


def test_html_list_item_headings_from_word_export() -> None:
    markup = (
        "<ol><li><b>SCOPE</b></li><ol><li><b>IDENTIFICATION</b></li>"
        "<p>This specification establishes the functional requirements.</p></ol></ol>"
    )
    document = read_bytes("spec.htm", markup.encode("cp1252"))
    assert shape(document) == [
        ("heading", "SCOPE", ("SCOPE",)),
        ("heading", "IDENTIFICATION", ("SCOPE", "IDENTIFICATION")),
        (
            "paragraph",
            "This specification establishes the functional requirements.",
            ("SCOPE", "IDENTIFICATION"),
        ),
    ]


# -- pdf -------------------------------------------------------------------------------

PDF_PAGES = [
    [
        "1 Introduction",
        "This document specifies the payments platform and all of its require-",
        "ments for card payments.",
        "2 Functional requirements",
        "2.1 Payments",
        "The system shall accept card payments.",
    ],
    [
        "2.2 Refunds",
        "- Refunds shall be possible for 90 days.",
        "- Partial refunds shall be possible.",
    ],
    [
        "3 Quality",
        "The system shall be available 99.9% of the time.",
    ],
]


def make_pdf(pages: list[list[str]], *, header: bool = True, **encryption: str) -> bytes:
    pdf = FPDF()
    pdf.set_title("Payments Spec")
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if header:
            pdf.cell(
                0,
                6,
                "ACME Payments - Requirements Specification v1.0",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(6)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        if header:
            pdf.set_y(-20)
            pdf.cell(0, 6, f"Page {number} of {len(pages)}", new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 6, str(number), new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


PDF_PAY = ("2 Functional requirements", "2.1 Payments")
PDF_REF = ("2 Functional requirements", "2.2 Refunds")
PDF_EXPECTED = [
    ("heading", "1 Introduction", ("1 Introduction",), 1),
    (
        "paragraph",
        "This document specifies the payments platform and all of its requirements for "
        "card payments.",
        ("1 Introduction",),
        1,
    ),
    ("heading", "2 Functional requirements", ("2 Functional requirements",), 1),
    ("heading", "2.1 Payments", PDF_PAY, 1),
    ("paragraph", "The system shall accept card payments.", PDF_PAY, 1),
    ("heading", "2.2 Refunds", PDF_REF, 2),
    ("list_item", "Refunds shall be possible for 90 days.", PDF_REF, 2),
    ("list_item", "Partial refunds shall be possible.", PDF_REF, 2),
    ("heading", "3 Quality", ("3 Quality",), 3),
    ("paragraph", "The system shall be available 99.9% of the time.", ("3 Quality",), 3),
]


def test_pdf_cleaned_of_running_lines_and_page_numbers() -> None:
    document = read_bytes("spec.pdf", make_pdf(PDF_PAGES))
    found = [(b.kind, b.text, b.section, b.location.page) for b in document.blocks]
    assert found == PDF_EXPECTED
    assert document.title == "Payments Spec"
    assert document.source.format == "pdf"


def test_pdf_owner_password_only_is_read() -> None:
    data = make_pdf(PDF_PAGES, owner_password="owner")
    assert len(read_bytes("spec.pdf", data).blocks) == len(PDF_EXPECTED)


def test_pdf_with_user_password_is_a_read_error() -> None:
    data = make_pdf(PDF_PAGES, owner_password="owner", user_password="secret")
    with pytest.raises(SpecReadError, match="password"):
        read_bytes("spec.pdf", data)


def test_pdf_without_text_needs_ocr() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    with pytest.raises(EmptySpecError, match="OCR"):
        read_bytes("scan.pdf", bytes(pdf.output()))


# -- csv / xlsx ------------------------------------------------------------------------

CSV_BY_NAME = (
    "Req ID,Requirement Text,Priority,Category\n"
    'FR-1,"The system shall log in users, securely.",High,Security\n'
    ",,,\n"
    "FR-2,The system shall export reports.,Low,Reporting\n"
)
CSV_PARTIAL = (
    "Key;Story points;Short summary\n"
    "PAY-1;3;As a customer I want to pay by card\n"
    "PAY-2;5;As a clerk I want to refund a payment\n"
)
TSV_NO_HEADER = (
    "R1\tThe operator shall be able to pause the conveyor belt.\t3\n"
    "R2\tThe operator shall be able to restart the conveyor belt.\t2\n"
    "R3\tThe belt shall stop when the emergency switch is pressed.\t1\n"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            CSV_BY_NAME.encode(),
            [
                ("The system shall log in users, securely.", "FR-1", ("Security",), 2),
                ("The system shall export reports.", "FR-2", ("Reporting",), 4),
            ],
        ),
        (
            CSV_PARTIAL.encode("utf-8-sig"),
            [
                ("As a customer I want to pay by card", "PAY-1", (), 2),
                ("As a clerk I want to refund a payment", "PAY-2", (), 3),
            ],
        ),
        (
            TSV_NO_HEADER.encode(),
            [
                ("The operator shall be able to pause the conveyor belt.", "R1", (), 1),
                ("The operator shall be able to restart the conveyor belt.", "R2", (), 2),
                ("The belt shall stop when the emergency switch is pressed.", "R3", (), 3),
            ],
        ),
        (
            "ID;Description\n7;Le système doit accepter l’euro.\n".encode("cp1252"),
            [("Le système doit accepter l’euro.", "7", (), 2)],
        ),
    ],
    ids=["by-name-comma", "partial-name-semicolon-bom", "by-content-tab", "cp1252"],
)
def test_csv_columns(data: bytes, expected: list) -> None:
    document = read_bytes("export.csv", data)
    assert document.tabular
    assert all(block.kind == "table_row" for block in document.blocks)
    found = [(b.text, b.ref, b.section, b.location.row) for b in document.blocks]
    assert found == expected


def test_csv_keeps_all_cells() -> None:
    block = read_bytes("export.csv", CSV_BY_NAME.encode()).blocks[0]
    assert block.cells == ("FR-1", "The system shall log in users, securely.", "High", "Security")


def test_csv_without_text_column_names_the_columns() -> None:
    with pytest.raises(TableColumnError) as caught:
        read_bytes("numbers.csv", b"id,amount,year\n1,20,2020\n2,30,2021\n")
    message = str(caught.value)
    assert message.startswith("[A005]")
    assert "'amount'" in message and "'text'" in message and "'requirement'" in message


def make_xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_picks_the_requirements_sheet() -> None:
    data = make_xlsx(
        {
            "Cover": [["Project", "Payments"], ["Version", 2]],
            "Requirements": [
                [None, None, None],
                ["Requirement ID", "Description", "Module"],
                [101, "The system shall accept card payments.", "Payments"],
                [102, "The system shall print daily totals.", "Reporting"],
            ],
        }
    )
    document = read_bytes("export.xlsx", data)
    assert document.tabular and document.source.format == "xlsx"
    found = [(b.text, b.ref, b.section, b.location.row) for b in document.blocks]
    assert found == [
        ("The system shall accept card payments.", "101", ("Payments",), 3),
        ("The system shall print daily totals.", "102", ("Reporting",), 4),
    ]


def test_xlsx_text_column_by_content() -> None:
    rows = [
        [f"UC-{n}", n, f"The clerk shall be able to close till number {n} at night."]
        for n in range(1, 6)
    ]
    document = read_bytes("export.xlsx", make_xlsx({"Sheet": rows}))
    assert [b.ref for b in document.blocks] == ["UC-1", "UC-2", "UC-3", "UC-4", "UC-5"]
    assert document.blocks[0].text == "The clerk shall be able to close till number 1 at night."


# -- dispatch and errors ---------------------------------------------------------------


def test_sniffed_content_wins_over_a_wrong_suffix() -> None:
    assert read_bytes("spec.txt", make_pdf(PDF_PAGES)).source.format == "pdf"
    assert read_bytes("spec.doc", make_docx()).source.format == "docx"
    assert read_bytes("notes.txt", HTML_SPEC.encode()).source.format == "html"


def test_uploaded_bytes_do_not_open_the_path(tmp_path: Path) -> None:
    document = read_spec(
        tmp_path / "missing" / "x.pdf", data=b"Payments shall work.", name="upload.txt"
    )
    assert document.source.name == "upload.txt"
    assert document.source.format == "txt"


def test_reads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "spec.md"
    path.write_text(MD_SPEC)
    assert shape(read_spec(str(path))) == MD_EXPECTED


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecNotFoundError, match="does not exist"):
        read_spec(tmp_path / "nope.pdf")


@pytest.mark.parametrize(
    ("name", "data", "error", "advice"),
    [
        ("old.xls", OLE_MAGIC + bytes(600), UnsupportedFormatError, "Save it as .xlsx or CSV"),
        ("old.wpd", b"\xffWPC" + bytes(600), UnsupportedFormatError, "--convert-to docx"),
        ("renamed.xlsx", OLE_MAGIC + bytes(600), SpecReadError, "legacy Excel .xls"),
        ("export.csv", OLE_MAGIC + bytes(600), SpecReadError, "legacy Excel .xls"),
    ],
)
def test_formats_not_read_say_how_to_convert(
    name: str, data: bytes, error: type[AnalyserError], advice: str
) -> None:
    """(.doc and .rtf are read now: tests/test_readers_more.py.)"""
    with pytest.raises(error) as caught:
        read_bytes(name, data)
    assert str(caught.value).startswith(f"[{error.code}]")
    assert advice in str(caught.value)


def test_unknown_suffix_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.docx"):
        read_bytes("spec.exe", b"MZ\x90\x00")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(suffix: str, data: bytes) -> None:
    with pytest.raises(EmptySpecError, match=r"^\[A004\]"):
        read_bytes("empty" + suffix, data)


GARBAGE = random.Random(7).randbytes(4096)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_garbage_bytes_give_a_coded_error(suffix: str) -> None:
    with pytest.raises(AnalyserError) as caught:
        read_bytes("garbage" + suffix, GARBAGE)
    assert str(caught.value).startswith("[A0")


def _real_files() -> dict[str, Callable[[], bytes]]:
    return {
        ".docx": make_docx,
        ".xlsx": lambda: make_xlsx({"R": [["ID", "Requirement"], ["1", "The system shall run."]]}),
        ".pdf": lambda: make_pdf(PDF_PAGES),
        ".txt": TEXT_SPEC.encode,
        ".md": MD_SPEC.encode,
        ".html": HTML_SPEC.encode,
        ".csv": CSV_BY_NAME.encode,
    }


@pytest.mark.parametrize("suffix", sorted(_real_files()))
def test_damaged_real_files_never_raise_anything_else(suffix: str) -> None:
    """Truncations and flipped bytes: a document or a coded error, nothing else."""
    data = _real_files()[suffix]()
    rng = random.Random(suffix)
    variants = [data[: len(data) * cut // 10] for cut in (1, 3, 5, 7, 9)]
    for _ in range(12):
        damaged = bytearray(data)
        for position in rng.sample(range(len(damaged)), k=8):
            damaged[position] = rng.randrange(256)
        variants.append(bytes(damaged))
    for variant in variants:
        try:
            read_bytes("damaged" + suffix, variant)
        except AnalyserError as error:
            assert str(error).startswith("[A0")
    if suffix in (".docx", ".xlsx"):  # a cut ZIP has lost its central directory
        with pytest.raises(SpecReadError, match="save it again"):
            read_bytes("cut" + suffix, data[: len(data) // 2])
