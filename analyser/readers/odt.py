"""OpenDocument text specs (.odt, LibreOffice Writer): ``content.xml`` in document order.

Parsed with the standard library's ElementTree. ``text:h`` (with its
``text:outline-level``) → headings; ``text:list-item`` → list items; ``table:table-row``
→ table rows; other ``text:p`` paragraphs go through the shared heuristics, one block
each. Spans, links, tabs, line breaks and ``text:s`` spaces are flattened into the text;
notes, comments, tracked deletions and generated indexes (the table of contents) are left
out. The title comes from ``meta.xml`` when it has one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator

from analyser.errors import SpecReadError
from analyser.readers._archive import open_archive, read_members
from analyser.readers._columns import document_table
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import ODT_MIMETYPE, clean_text
from analyser.records import Block, Location, SpecDocument, SpecSource


def read_odt(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read an .odt: headings, paragraphs, lists and tables of the body, in order.

    Raises:
        SpecReadError: The package is damaged, password-protected, not a text document
            (a spreadsheet or presentation), or its ``content.xml`` is missing or invalid.
    """
    content, meta = _package_parts(data, source.name)
    body = _parse(content, source.name).find(f"{_OFFICE}body/{_OFFICE}text")
    items: list[Block | Line] = []
    if body is not None:
        _walk(body, items)
    blocks = build_blocks(items, join=False)
    title = _meta_title(meta) or first_heading(blocks)
    return SpecDocument(source=source, blocks=blocks, title=title)


# -- private ---------------------------------------------------------------------------

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_ADVICE = "Open it in LibreOffice Writer and save it again as .odt (or as .docx)."
_HEADING, _PARAGRAPH, _LIST = f"{_TEXT}h", f"{_TEXT}p", f"{_TEXT}list"
_LIST_ITEMS = {f"{_TEXT}list-item", f"{_TEXT}list-header"}
_ROW, _CELLS = f"{_TABLE}table-row", {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}
_ROW_GROUPS = {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"}
_SPACES = {f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"}
_SKIPPED = {  # not part of the running text
    f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes", f"{_TEXT}table-of-content",
    f"{_TEXT}alphabetical-index", f"{_TEXT}illustration-index", f"{_TEXT}table-index",
    f"{_TEXT}object-index", f"{_TEXT}user-index", f"{_TEXT}bibliography",
    f"{_TEXT}sequence-decls", f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls",
    f"{_OFFICE}forms",
}  # fmt: skip
_PARTS = ("mimetype", "META-INF/manifest.xml", "content.xml", "meta.xml")
_MAX_COLUMNS = 64  # "table:number-columns-repeated" may say 1024 for trailing empty cells


def _package_parts(data: bytes, name: str) -> tuple[bytes, bytes | None]:
    """The bytes of content.xml and (if present) meta.xml, after the package checks."""
    with open_archive(data, name=name, advice=_ADVICE) as archive:
        members = {member.filename: member for member in archive.infolist()}
        wanted = [part for part in _PARTS if part in members]
        contents = read_members(archive, [members[part] for part in wanted], name=name)
    parts = dict(zip(wanted, contents, strict=True))
    mimetype = parts.get("mimetype", b"")[:200].decode("ascii", errors="replace").strip()
    if mimetype and not mimetype.startswith(ODT_MIMETYPE):
        raise SpecReadError(
            f"'{name}' is an OpenDocument file but not a text document ({mimetype}). "
            "Save the spec from LibreOffice Writer as .odt, or export it as .docx or PDF."
        )
    if b"encryption-data" in parts.get("META-INF/manifest.xml", b""):
        raise SpecReadError(
            f"'{name}' is password-protected. Save it again in LibreOffice Writer without a "
            "password."
        )
    if "content.xml" not in parts:
        raise SpecReadError(
            f"'{name}' has no content.xml, so it is not a complete OpenDocument text. It may "
            f"be damaged or another kind of ZIP file. {_ADVICE}"
        )
    return parts["content.xml"], parts.get("meta.xml")


def _parse(content: bytes, name: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise SpecReadError(
            f"'{name}' was refused: its content.xml declares a DOCTYPE or entities, which "
            f"OpenDocument files never need. {_ADVICE}"
        )
    try:
        return ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise SpecReadError(
            f"'{name}' is damaged: its content.xml is not well-formed XML ({exc}). {_ADVICE}"
        ) from exc


def _walk(element: ElementTree.Element, items: list[Block | Line]) -> None:
    """Collect the blocks under ``element`` in document order."""
    for child in element:
        if child.tag == _HEADING:
            items.extend(_heading(child))
        elif child.tag == _PARAGRAPH:
            items.append(Line(_inline_text(child)))
        elif child.tag == _LIST:
            items.extend(_list_items(child))
        elif child.tag == f"{_TABLE}table":
            items.extend(document_table(list(_table_rows(child))))
        elif child.tag not in _SKIPPED:
            _walk(child, items)  # sections, frames, soft page breaks, …


def _heading(element: ElementTree.Element) -> list[Block]:
    text = _inline_text(element)
    if not text:
        return []
    level = element.get(f"{_TEXT}outline-level", "1")
    return [Block(kind="heading", text=text, level=int(level) if level.isdigit() else 1)]


def _list_items(element: ElementTree.Element) -> Iterator[Block | Line]:
    """Each paragraph of a list item → a list item; headings inside lists stay headings
    (Writer numbers its chapters with an outline list); nested lists follow in order."""
    for item in element:
        if item.tag not in _LIST_ITEMS:
            continue
        for child in item:
            if child.tag == _HEADING:
                yield from _heading(child)
            elif child.tag == _PARAGRAPH and (text := _inline_text(child)):
                yield Block(kind="list_item", text=text)
            elif child.tag == _LIST:
                yield from _list_items(child)
            elif child.tag not in _SKIPPED:
                nested: list[Block | Line] = []
                _walk(child, nested)
                yield from nested


def _table_rows(table: ElementTree.Element) -> Iterator[tuple[list[str], Location]]:
    for child in table:
        if child.tag == _ROW:
            yield _row_cells(child), Location()
        elif child.tag in _ROW_GROUPS:
            yield from _table_rows(child)


def _row_cells(row: ElementTree.Element) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        texts = (_inline_text(part) for part in cell.iter() if part.tag in (_PARAGRAPH, _HEADING))
        text = " ".join(text for text in texts if text)
        repeat = cell.get(f"{_TABLE}number-columns-repeated", "1")
        count = int(repeat) if repeat.isdigit() else 1
        cells.extend([text] * max(1, min(count, _MAX_COLUMNS - len(cells))))
        if len(cells) >= _MAX_COLUMNS:
            break
    return cells


def _inline_text(element: ElementTree.Element) -> str:
    parts: list[str] = []
    _collect_inline(element, parts)
    return clean_text("".join(parts))


def _collect_inline(element: ElementTree.Element, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        if child.tag in _SPACES:
            parts.append(" ")
        elif child.tag == f"{_TEXT}number":
            parts.append(f"{child.text or ''} ")  # a heading's cached "2.1"
        elif child.tag not in _SKIPPED:
            _collect_inline(child, parts)
        parts.append(child.tail or "")


def _meta_title(meta: bytes | None) -> str | None:
    if not meta or b"<!DOCTYPE" in meta or b"<!ENTITY" in meta:
        return None
    try:
        title = ElementTree.fromstring(meta).find(f".//{_DC_TITLE}")
    except ElementTree.ParseError:
        return None
    return clean_text(title.text or "") or None if title is not None else None
