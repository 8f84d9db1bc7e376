"""Build the .docx and .pdf sample specifications from ``_content.py``.

Run from the repository root:

    .venv/bin/python sample_specs/build_documents.py

The output is deterministic: document metadata carries fixed dates, PDF creation
dates are fixed, and the .docx zip members are rewritten with a fixed timestamp,
so rebuilding produces the same bytes for the same library versions.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _content  # noqa: E402

# Fixed document dates (the issue date of each fictional document).
DATES = {
    "food-hygiene-inspections.docx": dt.datetime(2024, 10, 9, 9, 0, 0, tzinfo=dt.UTC),
    "unified-citizen-platform.docx": dt.datetime(2023, 11, 30, 9, 0, 0, tzinfo=dt.UTC),
    "arts-council-grants-portal.pdf": dt.datetime(2024, 7, 22, 9, 0, 0, tzinfo=dt.UTC),
    "outpatients-rostering-and-pharmacy.pdf": dt.datetime(2025, 2, 5, 9, 0, 0, tzinfo=dt.UTC),
}
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- docx


def _add_field(paragraph, instr: str) -> None:
    """Append a simple Word field (PAGE, NUMPAGES) to a paragraph."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _restart_numbering(doc, paragraph) -> int:
    """Give a List Number list its own numbering instance so it restarts at 1."""
    numbering = doc.part.numbering_part.element
    style_num_pr = doc.styles["List Number"].element.pPr.numPr
    base_num_id = style_num_pr.numId.val
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(base_num_id):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    existing = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    new_id = max(existing) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), abstract_id)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), str(new_id))
    num_pr.append(ilvl)
    num_pr.append(num_id)
    p_pr.append(num_pr)
    return new_id


def _set_num(paragraph, num_id: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(nid)
    p_pr.append(num_pr)


def build_docx(spec: dict, out: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    section = doc.sections[0]
    section.page_height = Cm(29.7)
    section.page_width = Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    header_p = section.header.paragraphs[0]
    header_p.text = spec["header"]
    header_p.runs[0].font.size = Pt(8)
    footer_p = section.footer.paragraphs[0]
    footer_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer_p.add_run("Page ")
    _add_field(footer_p, "PAGE")
    footer_p.add_run(" of ")
    _add_field(footer_p, "NUMPAGES")

    for kind, text in spec["title_page"]:
        style = {"title": "Title", "subtitle": "Subtitle", "line": "Normal"}[kind]
        p = doc.add_paragraph(text, style=style)
        if kind == "line":
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    usable = section.page_width - section.left_margin - section.right_margin
    for block in spec["blocks"]:
        kind = block[0]
        if kind == "h1":
            doc.add_heading(block[1], level=1)
        elif kind == "h2":
            doc.add_heading(block[1], level=2)
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "note":
            p = doc.add_paragraph()
            p.add_run(block[1]).italic = True
        elif kind == "bullets":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "numbered":
            num_id = None
            for i, item in enumerate(block[1]):
                p = doc.add_paragraph(item, style="List Number")
                if i == 0:
                    num_id = _restart_numbering(doc, p)
                else:
                    _set_num(p, num_id)
        elif kind == "req":
            p = doc.add_paragraph()
            p.add_run(block[1]).bold = True
            p.add_run("\t" + block[2])
            p.paragraph_format.left_indent = Cm(2.0)
            p.paragraph_format.first_line_indent = Cm(-2.0)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(2.0))
        elif kind == "toc":
            for entry, page in block[1]:
                p = doc.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                p.paragraph_format.tab_stops.add_tab_stop(
                    usable, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
                )
                indent = entry.split(" ", 1)[0].count(".")
                p.paragraph_format.left_indent = Cm(0.6 * indent)
                p.add_run(f"{entry}\t{page}")
        elif kind == "table":
            header, rows, widths = block[1], block[2], block[3]
            table = doc.add_table(rows=1 + len(rows), cols=len(header))
            table.style = doc.styles["Table Grid"]
            total = sum(widths)
            col_widths = [int(usable * w / total) for w in widths]
            for r, cells in enumerate([header] + rows):
                for c, value in enumerate(cells):
                    cell = table.rows[r].cells[c]
                    cell.width = col_widths[c]
                    cell.text = value
                    if r == 0:
                        cell.paragraphs[0].runs[0].bold = True
            doc.add_paragraph()
        elif kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    when = DATES[spec["filename"]].replace(tzinfo=None)
    props = doc.core_properties
    props.title = spec["meta"]["title"]
    props.author = spec["meta"]["author"]
    props.subject = spec["meta"]["subject"]
    props.keywords = spec["meta"]["keywords"]
    props.last_modified_by = spec["meta"]["author"]
    props.comments = (
        "Fictional sample specification written for the scope-creep analyser (Apache-2.0)."
    )
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when

    buffer = io.BytesIO()
    doc.save(buffer)
    _write_deterministic_zip(buffer.getvalue(), out)


def _write_deterministic_zip(data: bytes, out: Path) -> None:
    """Rewrite a zip with fixed member timestamps and attributes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename))
    out.write_bytes(target.getvalue())


# --------------------------------------------------------------------------- pdf


class SpecPDF(FPDF):
    def __init__(self, header_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.header_text = header_text
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_text_color(0, 0, 0)
        self.ln(6)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def _check_latin1(text: str, where: str) -> str:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:
        raise ValueError(f"non latin-1 character in {where}: {text!r}") from exc
    return text


def build_pdf(spec: dict, out: Path) -> None:
    """Render twice: the first pass finds the page of every heading so the
    table-of-contents lines carry the real page numbers."""
    pages = _render_pdf(spec, None).heading_pages
    _render_pdf(spec, pages).output(str(out))


def _render_pdf(spec: dict, toc_pages: dict | None) -> SpecPDF:
    pdf = SpecPDF(_check_latin1(spec["header"], "header"))
    meta = spec["meta"]
    pdf.set_title(meta["title"])
    pdf.set_author(meta["author"])
    pdf.set_subject(meta["subject"])
    pdf.set_keywords(meta["keywords"])
    pdf.set_creator("sample_specs/build_documents.py")
    pdf.set_creation_date(DATES[spec["filename"]])
    pdf.alias_nb_pages()
    pdf.heading_pages = {}
    pdf.add_page()
    body_w = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.ln(35)
    for kind, text in spec["title_page"]:
        _check_latin1(text, "title page")
        if kind == "title":
            pdf.set_font("Helvetica", "B", 22)
            pdf.multi_cell(0, 11, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
        elif kind == "subtitle":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()

    def para(text, style="", size=10, h=5):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, h, _check_latin1(text, "paragraph"), new_x="LMARGIN", new_y="NEXT")

    def hanging(label, text, label_w, indent=0):
        _check_latin1(label + text, "list item")
        if pdf.get_y() + 10 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(pdf.l_margin + indent)
        pdf.set_font("Helvetica", "B" if label_w > 10 else "", 10)
        pdf.cell(label_w, 5, label)
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(body_w - indent - label_w, 5, text, new_x="LMARGIN", new_y="NEXT")

    for block in spec["blocks"]:
        kind = block[0]
        if kind == "h1":
            if pdf.get_y() + 25 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.ln(4)
            pdf.heading_pages[block[1]] = pdf.page_no()
            para(block[1], "B", 14, 8)
            pdf.ln(1)
        elif kind == "h2":
            if pdf.get_y() + 20 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.ln(2)
            pdf.heading_pages[block[1]] = pdf.page_no()
            para(block[1], "B", 11, 7)
        elif kind == "p":
            para(block[1])
            pdf.ln(2)
        elif kind == "note":
            para(block[1], "I")
            pdf.ln(2)
        elif kind == "bullets":
            for item in block[1]:
                hanging("-", item, 5, indent=4)
                pdf.ln(1)
            pdf.ln(1)
        elif kind == "numbered":
            for i, item in enumerate(block[1], 1):
                hanging(f"{i}.", item, 7, indent=2)
                pdf.ln(1)
            pdf.ln(1)
        elif kind == "req":
            hanging(block[1], block[2], 18)
            pdf.ln(2)
        elif kind == "toc":
            pdf.set_font("Helvetica", "", 10)
            for entry, page in block[1]:
                _check_latin1(entry, "toc")
                indent = 6 * entry.split(" ", 1)[0].count(".")
                page_s = str(toc_pages.get(entry, page) if toc_pages else page)
                avail = body_w - indent - pdf.get_string_width(entry + " " + page_s) - 2
                dots = "." * max(3, int(avail / pdf.get_string_width(".")))
                pdf.set_x(pdf.l_margin + indent)
                pdf.cell(0, 5.5, f"{entry} {dots} {page_s}", new_x="LMARGIN", new_y="NEXT")
        elif kind == "table":
            header, rows, widths = block[1], block[2], block[3]
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=tuple(widths), line_height=5, text_align="LEFT") as table:
                for cells in [header] + rows:
                    row = table.row()
                    for value in cells:
                        row.cell(_check_latin1(value, "table"))
            pdf.ln(3)
        elif kind == "pagebreak":
            pdf.add_page()
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    if toc_pages is not None:
        for block in spec["blocks"]:
            if block[0] == "toc":
                missing = [e for e, _ in block[1] if e not in toc_pages]
                if missing:
                    raise ValueError(f"TOC entries without a heading: {missing}")
    return pdf


def main() -> None:
    for spec in _content.DOCUMENTS:
        out = HERE / spec["filename"]
        if out.suffix == ".docx":
            build_docx(spec, out)
        elif out.suffix == ".pdf":
            build_pdf(spec, out)
        else:
            raise ValueError(out)
        print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
