"""Plain lines → blocks, and heading levels → section paths.

Layout and regular expressions only (no NLP). Readers hand over a sequence of plain
``Line``s, possibly interleaved with ready-made ``Block``s (a styled docx heading, a
table row), and get back blocks with their section paths:

- headings: numbered ("3.2 Payments", "3.2. Payments", "A.1 Glossary"), "SECTION 4 – …",
  and short ALL-CAPS lines (level 0 = "one below the last explicit level", fixed up by
  ``with_sections``);
- list items: "- ", "* ", "• ", "1.", "a)", "(i)", … (the marker is dropped);
- paragraphs: wrapped lines joined; a blank line, a short line ending a sentence, or the
  start of a heading or list item ends one; "require-" + "ment" → "requirement".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from analyser.readers._text import clean_text
from analyser.records import Block, BlockKind, Location


class Line(NamedTuple):
    """One physical line of text and where it came from."""

    text: str
    location: Location = Location()


class Shape(NamedTuple):
    """What a single line looks like on its own: its kind, heading level and body text."""

    kind: str  # heading · list_item · start · toc · text
    level: int = 0
    body: str = ""
    number: int | None = None  # the "7" of "7." (list or single-level heading)


def build_blocks(items: Iterable[Block | Line], *, join: bool = True) -> tuple[Block, ...]:
    """Turn runs of lines into blocks (keeping ready-made blocks) and assign sections.

    With ``join=False`` every non-blank line is its own block (docx paragraphs).
    """
    items = list(items)
    width = typical_width(item.text for item in items if isinstance(item, Line))
    builder = _Builder(width=width, join=join)
    for index, item in enumerate(items):
        if isinstance(item, Block):
            builder.add_block(item)
        else:
            builder.add_line(item, partial(_next_text, items, index))
    return with_sections(builder.finish())


def with_sections(blocks: Iterable[Block]) -> tuple[Block, ...]:
    """Give each block the heading path it sits under (a heading's path ends with itself).

    Headings of level 0 (unnumbered ALL-CAPS lines) become one level below the last heading
    with an explicit level, or level 1 before any. Blocks that already carry a section
    (table rows from a section column) keep it.
    """
    path: list[tuple[int, str]] = []
    explicit = 0
    result: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            level = block.level or explicit + 1
            if block.level:
                explicit = block.level
            number = _section_number(block.text)
            while path and (path[-1][0] >= level or _outside(number, path[-1][1])):
                path.pop()
            path.append((level, block.text))
            block = replace(block, level=level, section=tuple(text for _, text in path))
        elif not block.section:
            block = replace(block, section=tuple(text for _, text in path))
        result.append(block)
    return tuple(result)


def _section_number(text: str) -> str | None:
    match = _HEADING_NUMBER.match(text)
    return match.group(1) if match else None


def _outside(number: str | None, parent: str) -> bool:
    """A numbered heading cannot sit under a numbered parent that is not its prefix
    ("2.1 Referrals" does not belong under "1 Introduction" when "2 …" was missed)."""
    parent_number = _section_number(parent)
    if number is None or parent_number is None:
        return False
    return not number.startswith(parent_number + ".")


def classify_line(text: str) -> Shape:
    """Say what one cleaned line looks like, without context."""
    if _TOC_LINE.search(text):
        return Shape("toc", body=text)
    numbered = None if _CAPTION.match(text) else _NUMBERED.match(text)
    if numbered and _is_heading_title(numbered["title"]) and not _is_glued_acronym(numbered):
        number = numbered["num"]
        level = len(re.sub(r"(?:\.0)+$", "", number).split("."))
        single = int(number) if number.isdigit() else None
        body = f"{text[: numbered.start('title')].rstrip()} {numbered['title']}"
        return Shape("heading", level=level, body=body, number=single)
    named = _NAMED_SECTION.match(text)
    if named and (not named["title"] or _is_heading_title(named["title"])):
        return Shape("heading", level=1, body=text)
    marker = _LIST_MARKER.match(text)
    if marker:
        digits = marker["digits"]
        return Shape("list_item", body=text[marker.end() :], number=int(digits) if digits else None)
    if _is_caps_heading(text) and not _CAPTION.match(text):
        return Shape("heading", level=0, body=text)
    if _BLOCK_START.match(text):
        return Shape("start", body=text)
    return Shape("text", body=text)


def typical_width(texts: Iterable[str]) -> int:
    """The 90th-percentile length of the non-blank lines (at least 40)."""
    lengths = sorted(len(text.strip()) for text in texts if text.strip())
    if not lengths:
        return 80
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def first_heading(blocks: Iterable[Block]) -> str | None:
    """The text of the first heading, or ``None``."""
    return next((block.text for block in blocks if block.kind == "heading"), None)


# -- private ---------------------------------------------------------------------------

_Lookahead = Callable[[], "str | None"]
_TERMINAL = (".", "!", "?", ":", ";")
_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,3})*)\.?\s")
_MODAL = re.compile(r"\b(?:shall|must|should|will|may|can|cannot|is|are|was|were)\b")
_TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*\S{0,12}\s*$|\.{8,}|…\s*\d{1,4}\s*$")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}\. [A-Z]")
_PAGE_REFERENCE = re.compile(r"[A-Za-z)]\s+\d{1,4}$")
_CAPTION = re.compile(r"^(?:table|figure|fig\.|exhibit|diagram|chart)\s+[\dA-Z]", re.IGNORECASE)
_NUMBERED = re.compile(  # "3.2 Payments", "3.2. Payments", glued: "1.5SRS …", "2GENERAL …"
    r"^(?P<num>(?:[1-9]\d?|[A-Z](?=\.\d)|[IVX]{1,4}(?=\.\s))(?:\.\d{1,3})*[a-z]?)\.?"
    r"(?:\s+|(?<=\.\d)(?=[A-Z])|(?<=\.\d\d)(?=[A-Z])|(?<=^\d)(?=[A-Z][A-Za-z]{2}))"
    r"(?P<title>\S.*)$"
)
_NAMED_SECTION = re.compile(
    r"^(?:section|chapter|part|appendix|annex)\s+(?:\d{1,2}|[A-Z]|[IVXLC]{1,6})\b[.:]?"
    r"(?:\s*[-–—:.]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(
    r"^(?:[-*+•·▪◦‣○●■□➢➤►✓✔→]|o(?=\s+[A-Z])|\(?(?P<digits>\d{1,3})[.)]"
    r"|\(?[a-z][.)]|\(?[ivx]{1,5}[.)]|\([A-Za-z0-9]{1,4}\))\s+(?=\S)"
)
_DATE_TITLE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4}\b", re.I
)
_NOT_CAPS_HEADING = re.compile(r"^[\d&]|[_=+{}<>*#@|\\\[\]]")
_BULLET = re.compile(r"^[-*+•·▪◦‣○●■□➢➤►✓✔→]\s")
_BLOCK_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,3})+\.?"
    r"|\[?[A-Z][A-Za-z]{0,9}(?:[-_][A-Za-z]{1,8})*[-_.]?\d+(?:[.-]\d+)*[a-z]?\]?[:.)]?)"
    r"\s+(?=[A-Z\"'(\[])"
)


def _is_heading_title(title: str) -> bool:
    words = title.split()
    return (
        title[:1].isupper()
        and not _SENTENCE_BREAK.search(title)
        and not _DATE_TITLE.match(title)
        and len(words) <= 12
        and len(title) <= 100
        and not title.endswith((".", ",", ";"))
        and sum(char.isalpha() for char in title) >= 2
        and not _MODAL.search(title)
    )


def _is_glued_acronym(numbered: re.Match[str]) -> bool:
    """ "3GPP Third Generation …" is an acronym, "2GENERAL DESCRIPTION" a glued heading."""
    if numbered.start("title") != numbered.end("num") or "." in numbered["num"]:
        return False
    title = numbered["title"]
    first = title.split()[0]
    return not (title.isupper() or first[1:].islower())


def _is_caps_heading(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 4 or not all(char.isupper() for char in letters):
        return False
    words = text.split()
    if _NOT_CAPS_HEADING.search(text):
        return False
    if len(words) == 1 and (len(letters) < 5 or not text.rstrip(":").isalpha()):
        return False  # a lone acronym ("HATS", "(JVM)") is more often a table cell
    return (
        len(words) <= 10
        and len(letters) >= 0.5 * len(text.replace(" ", ""))
        and bool(re.search(r"[^\W\d_]{3,}", text))
        and not text.endswith((".", ",", ";"))
        and not _MODAL.search(text.lower())
    )


def _is_contents_entry(text: str, after: str | None, *, after_contents: bool) -> bool:
    """A heading-like line that is really a contents entry: followed by dot leaders (it
    was wrapped), or a numbered line ending in a page number ("1 Introduction 3") next
    to other contents entries."""
    following = classify_line(after) if after is not None else None
    if following is not None and following.kind == "toc":
        return True
    if not _PAGE_REFERENCE.search(text):
        return False
    if after_contents:
        return True
    paged = following is not None and after is not None and _PAGE_REFERENCE.search(after)
    return bool(paged) and following is not None and following.level > 0


def _next_text(items: Sequence[Block | Line], index: int) -> str | None:
    """The next non-blank line after ``index``, unless a ready-made block comes first."""
    for item in items[index + 1 : index + 20]:
        if isinstance(item, Block):
            return None
        text = clean_text(item.text)
        if text:
            return text
    return None


class _Builder:
    """Accumulates lines into blocks; one open paragraph or list item at a time."""

    def __init__(self, *, width: int, join: bool) -> None:
        self.blocks: list[Block] = []
        self._join = join
        self._short = int(0.6 * width)
        self._kind: BlockKind | None = None
        self._text = ""
        self._last = ""
        self._location = Location()
        self._last_number: int | None = None
        self._in_contents = False

    def add_block(self, block: Block) -> None:
        self._flush()
        self._last_number = None
        self._in_contents = False
        self.blocks.append(block)

    def add_line(self, line: Line, following: _Lookahead) -> None:
        text = clean_text(line.text)
        if not text:
            self._flush()
        elif self._continues(text):
            self._append(text)
        else:
            shape = self._shape(text, following)
            if (
                shape.kind == "text"
                and self._kind is not None
                and self._join
                and (len(self._last) >= self._short)
            ):
                self._append(text)
            else:
                self._start(shape, text, line.location)

    def finish(self) -> list[Block]:
        self._flush()
        return self.blocks

    def _continues(self, text: str) -> bool:
        """True when ``text`` carries on the open block (a wrapped line)."""
        if self._kind is None or not self._join or _BULLET.match(text):
            return False
        if _BLOCK_START.match(text):  # "1.4. The tag …", "FR-12 The system …"
            return False
        previous = self._last
        if previous.endswith(_TERMINAL):
            return False
        return len(previous) >= self._short or text[:1].islower()

    def _shape(self, text: str, following: _Lookahead) -> Shape:
        """Classify a line that starts a block, using its neighbours for headings."""
        shape = classify_line(text)
        if shape.kind != "heading":
            return shape
        after = following()
        if self._join and _is_contents_entry(text, after, after_contents=self._in_contents):
            return Shape("toc", body=text)
        if self._join and shape.level > 0 and after is not None and after[:1].islower():
            return Shape("start", body=text)  # "1.2.1 The … defines the" + "requirements …"
        if shape.level == 0:
            return shape if not self._join or self._leads_text(after) else Shape("text", body=text)
        if shape.number is not None:
            next_number = classify_line(after).number if after else None
            in_run = self._last_number is not None and shape.number == self._last_number + 1
            if in_run or next_number == shape.number + 1:  # "1. Foo" "2. Bar": a list
                body = _LIST_MARKER.sub("", text, count=1) or text
                return Shape("list_item", body=body, number=shape.number)
        return shape

    def _leads_text(self, after: str | None) -> bool:
        """True when the line after an ALL-CAPS line is body text, a list or a heading
        (diagram labels and table headers are followed by more fragments)."""
        if after is None:
            return False
        shape = classify_line(after)
        if shape.kind in ("list_item", "toc", "start") or shape.level > 0:
            return True
        return len(after) >= self._short

    def _start(self, shape: Shape, text: str, location: Location) -> None:
        self._flush()
        self._in_contents = shape.kind == "toc"
        if shape.kind in ("heading", "toc"):
            kind: BlockKind = "heading" if shape.kind == "heading" else "paragraph"
            self.blocks.append(
                Block(kind=kind, text=shape.body or text, level=shape.level, location=location)
            )
            if shape.kind == "heading":
                self._last_number = None
            return
        self._kind = "list_item" if shape.kind == "list_item" else "paragraph"
        self._text = self._last = shape.body or text
        self._location = location
        if shape.kind == "list_item":
            self._last_number = shape.number

    def _append(self, text: str) -> None:
        if self._text.endswith("-") and self._text[-2:-1].isalpha() and text[:1].islower():
            self._text = self._text[:-1] + text
        else:
            self._text = f"{self._text} {text}"
        self._last = text

    def _flush(self) -> None:
        if self._kind is not None and self._text:
            self.blocks.append(Block(kind=self._kind, text=self._text, location=self._location))
        self._kind = None
        self._text = self._last = ""
