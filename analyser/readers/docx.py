"""Word specs (.docx, python-docx): paragraphs and tables in document order."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from analyser.errors import SpecReadError
from analyser.readers._archive import check_package
from analyser.readers._columns import document_table
from analyser.readers._structure import Line, build_blocks, classify_line, first_heading
from analyser.readers._text import clean_text
from analyser.records import Block, Location, SpecDocument, SpecSource


def read_docx(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a .docx: heading styles → headings, list styles/numbering → list items,
    table rows → ``table_row`` blocks; other paragraphs by the shared text heuristics."""
    document = _open(data, source.name)
    items: list[Block | Line] = []
    for element in _body_elements(document.element.body):
        if element.tag == _TABLE:
            items.extend(document_table(_table_rows(element)))
        else:
            items.append(_paragraph_item(element, Paragraph(element, document)))
    blocks = build_blocks(items, join=False)
    title = clean_text(document.core_properties.title or "") or first_heading(blocks)
    return SpecDocument(source=source, blocks=blocks, title=title)


# -- private ---------------------------------------------------------------------------

_ADVICE = (
    "It may be damaged or truncated: open it in Word or LibreOffice and save it again as .docx."
)
_PARAGRAPH = qn("w:p")
_TABLE = qn("w:tbl")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_TEXT_PARTS = (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"))
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$")


def _open(data: bytes, name: str) -> Any:
    check_package(data, name=name, advice=_ADVICE)
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, XMLSyntaxError, ValueError) as exc:
        raise SpecReadError(
            f"'{name}' is not a readable Word document ({exc or type(exc).__name__}). {_ADVICE}"
        ) from exc


def _body_elements(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in document order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag in (_PARAGRAPH, _TABLE):
            yield child
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _body_elements(content)


def _paragraph_item(element: Any, paragraph: Paragraph) -> Block | Line:
    text = clean_text(_element_text(element))
    style = _style_names(paragraph)
    if not text:
        return Line("")
    level = _heading_level(element, style)
    if level:
        return Block(kind="heading", text=text, level=level)
    if style and style[0].startswith("toc"):
        return Block(kind="paragraph", text=text)
    if _is_list(element, paragraph, style):
        shape = classify_line(text)
        body = shape.body if shape.kind == "list_item" else text
        return Block(kind="list_item", text=body)
    return Line(text)


def _style_names(paragraph: Paragraph) -> list[str]:
    """The paragraph's style name and its base styles' names, lower-case."""
    names: list[str] = []
    style = paragraph.style
    while style is not None and len(names) < 5:
        names.append((style.name or "").lower())
        style = style.base_style
    return names


def _heading_level(element: Any, style: list[str]) -> int | None:
    for name in style:
        if name == "title":
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return max(1, int(match[1]))
    outline = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    if outline and str(outline[0]).isdigit() and int(outline[0]) < 9:
        return int(outline[0]) + 1
    return None


def _is_list(element: Any, paragraph: Paragraph, style: list[str]) -> bool:
    if element.xpath("./w:pPr/w:numPr"):
        return True
    if style and style[0].startswith("list"):
        return True
    style_object = paragraph.style
    return style_object is not None and bool(style_object.element.xpath("./w:pPr/w:numPr"))


def _table_rows(table: Any) -> list[tuple[list[str], Location]]:
    rows = []
    for row in table.iterchildren(qn("w:tr")):
        cells = [_cell_text(cell) for cell in row.iterchildren(qn("w:tc"))]
        rows.append((cells, Location()))
    return rows


def _cell_text(cell: Any) -> str:
    paragraphs = (_element_text(paragraph) for paragraph in cell.iter(_PARAGRAPH))
    return clean_text(" ".join(text for text in paragraphs if text.strip()))


def _element_text(element: Any) -> str:
    parts = []
    for node in element.iter(*_TEXT_PARTS):
        parts.append(node.text or "" if node.tag == _TEXT_PARTS[0] else " ")
    return "".join(parts)
