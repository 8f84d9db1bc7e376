"""HTML specs (beautifulsoup4 with the stdlib "html.parser").

h1–h6 → headings, p/div → paragraphs, li → list items, tr → table rows, pre → lines.
Text outside block elements (old HTML held together by <br>) becomes plain lines for the
shared heuristics, so it still yields paragraphs and numbered headings. List items that
look like headings (Word's HTML export puts "SCOPE" in an <li>) become headings.
"""

from __future__ import annotations

import codecs

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from analyser.readers._columns import document_table
from analyser.readers._structure import Line, build_blocks, classify_line, first_heading
from analyser.readers._text import clean_text, decode_text, ensure_text
from analyser.records import Block, Location, SpecDocument, SpecSource


def read_html(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read an HTML spec (scripts, styles and navigation dropped)."""
    soup = _parse(data, source.name)
    title = clean_text(soup.title.get_text(" ")) if soup.title else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    walker = _Walker()
    walker.walk(soup.body or soup)
    blocks = build_blocks(walker.finish())
    return SpecDocument(source=source, blocks=blocks, title=title or first_heading(blocks))


# -- private ---------------------------------------------------------------------------

_DROP = ["script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object"]
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "dl", "menu", "dir"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
    "address", "center", "figure", "figcaption", "form", "fieldset", "caption", "details",
    "summary", "dt", "dd", "hr", "tbody", "thead", "tfoot", "tr", "td", "th", "body", "html",
}  # fmt: skip
_LAYOUT_MARKERS = ["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]
_LAYOUT_CELL_CHARS = 1000


def _parse(data: bytes, name: str) -> BeautifulSoup:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return BeautifulSoup(decode_text(data, name=name), "html.parser")
    ensure_text(data, name=name)
    return BeautifulSoup(data, "html.parser")


class _Walker:
    """Walks the tree in document order, collecting plain lines and ready-made blocks."""

    def __init__(self) -> None:
        self.items: list[Block | Line] = []
        self._lines: list[list[str]] = [[]]
        self._location = Location()
        self._source_line: int | None = None
        self._in_item = False
        self._has_text = False
        self._depth = 0

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, PreformattedString):  # comments, doctype, CDATA, …
                continue
            if isinstance(child, NavigableString):
                self._add_text(str(child))
            elif isinstance(child, Tag):
                self._source_line = child.sourceline or self._source_line
                self._visit(child)

    def finish(self) -> list[Block | Line]:
        self._end_paragraph()
        return self.items

    def _visit(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self._lines.append([])
        elif name in _HEADINGS:
            self._add_heading(tag)
        elif name == "table" and not _is_layout_table(tag):
            self._add_table(tag)
        elif name == "pre":
            self._end_paragraph()
            self.items.extend(Line(text, self._here()) for text in tag.get_text().splitlines())
            self.items.append(Line(""))
        elif name == "li":
            self._add_list_item(tag)
        elif name in _LISTS:
            self._end_paragraph()
            self._depth += 1
            self.walk(tag)
            self._depth -= 1
            self._end_paragraph()
        elif name in _BLOCKS or name == "table":
            self._block_boundary(tag)
        else:
            self.walk(tag)

    def _block_boundary(self, tag: Tag) -> None:
        """A block element: ends the paragraph before and after it (not inside a list item)."""
        if self._in_item and tag.name in ("p", "div"):
            self._lines[-1].append(" ")
            self.walk(tag)
            return
        self._end_paragraph()
        self.walk(tag)
        self._end_paragraph()

    def _add_text(self, text: str) -> None:
        if not self._has_text and text.strip():
            self._location = self._here()
            self._has_text = True
        self._lines[-1].append(text)

    def _add_heading(self, tag: Tag) -> None:
        self._end_paragraph()
        text = clean_text(tag.get_text(" "))
        if text:
            level = int(tag.name[1])
            self.items.append(Block(kind="heading", text=text, level=level, location=self._here()))

    def _add_table(self, tag: Tag) -> None:
        self._end_paragraph()
        rows = []
        for row in tag.find_all("tr"):
            if row.find_parent("table") is not tag:
                continue
            cells = [cell.get_text(" ") for cell in row.find_all(["td", "th"], recursive=False)]
            rows.append((cells, Location(line=row.sourceline)))
        self.items.extend(document_table(rows))

    def _add_list_item(self, tag: Tag) -> None:
        self._end_paragraph()
        outer, self._in_item = self._in_item, True
        self.walk(tag)
        self._end_paragraph()
        self._in_item = outer

    def _end_paragraph(self) -> None:
        """Emit what has been collected: one list item/heading inside <li>, else lines."""
        texts = [clean_text("".join(parts)) for parts in self._lines]
        self._lines = [[]]
        self._has_text = False
        if not any(texts):
            return
        if self._in_item:
            self.items.append(self._item_block(clean_text(" ".join(texts))))
            self._in_item = False  # later text in the same <li> is a paragraph
            return
        self.items.extend(Line(text, self._location) for text in texts)
        self.items.append(Line(""))

    def _item_block(self, text: str) -> Block:
        shape = classify_line(text)
        if shape.kind == "heading":
            level = shape.level or max(1, self._depth)
            return Block(kind="heading", text=text, level=level, location=self._location)
        body = shape.body if shape.kind == "list_item" else text
        return Block(kind="list_item", text=body, location=self._location)

    def _here(self) -> Location:
        return Location(line=self._source_line)


def _is_layout_table(table: Tag) -> bool:
    """A table used for page layout (holding headings, lists or long text), not data."""
    if table.find(_LAYOUT_MARKERS):
        return True
    return any(len(cell.get_text()) > _LAYOUT_CELL_CHARS for cell in table.find_all(["td", "th"]))
