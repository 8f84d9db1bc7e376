"""Markdown specs (.md): ATX and setext headings, lists, pipe tables, paragraphs.

Lines that are not Markdown structure go through the shared plain-text logic, so
numbered headings ("3.2 Payments") are found too: many .md files are converted PDFs.
"""

from __future__ import annotations

import re

from analyser.readers._columns import document_table
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import clean_text, decode_text
from analyser.records import Block, Location, SpecDocument, SpecSource


def read_markdown(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a Markdown spec into blocks with section paths."""
    lines = decode_text(data, name=source.name).splitlines()
    blocks = build_blocks(_items(lines))
    return SpecDocument(source=source, blocks=blocks, title=first_heading(blocks))


def strip_inline(text: str) -> str:
    """Drop inline Markdown markup: emphasis, code, links, images, HTML tags, escapes."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


# -- private ---------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_QUOTE = re.compile(r"^\s*>\s?")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`+([^`]+)`+"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
)


def _items(lines: list[str]) -> list[Block | Line]:
    """Markdown structure → ready-made blocks; everything else → plain lines."""
    items: list[Block | Line] = []
    index = 0
    while index < len(lines):
        index = _take(lines, index, items)
    return items


def _take(lines: list[str], index: int, items: list[Block | Line]) -> int:
    """Consume the construct starting at ``index``; return the next index to read."""
    line = lines[index]
    location = Location(line=index + 1)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if _FENCE.match(line):
        return _take_fence(lines, index, items)
    if _is_table_line(line, following):
        return _take_table(lines, index, items)
    heading = _ATX.match(line)
    if heading:
        text = clean_text(strip_inline(heading[2] or ""))
        if text:
            items.append(Block(kind="heading", text=text, level=len(heading[1]), location=location))
        return index + 1
    if line.strip() and _SETEXT.match(following) and not _RULE.match(line):
        level = 1 if following.strip().startswith("=") else 2
        text = clean_text(strip_inline(_QUOTE.sub("", line)))
        items.append(Block(kind="heading", text=text, level=level, location=location))
        return index + 2
    if _RULE.match(line) or _COMMENT.match(line):
        items.append(Line("", location))
        return index + 1
    items.append(Line(strip_inline(_QUOTE.sub("", line)), location))
    return index + 1


def _take_fence(lines: list[str], index: int, items: list[Block | Line]) -> int:
    fence = _FENCE.match(lines[index])
    marker = fence[1] if fence else "```"
    end = index + 1
    while end < len(lines) and not lines[end].lstrip().startswith(marker):
        end += 1
    body = "\n".join(line.rstrip() for line in lines[index + 1 : end]).strip("\n")
    if body.strip():
        items.append(Block(kind="paragraph", text=body, location=Location(line=index + 2)))
    return end + 1


def _is_table_line(line: str, following: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return True
    return "|" in stripped and bool(_SEPARATOR.match(following)) and "-" in following


def _take_table(lines: list[str], index: int, items: list[Block | Line]) -> int:
    rows: list[tuple[list[str], Location]] = []
    end = index
    while end < len(lines) and lines[end].strip() and "|" in lines[end]:
        if not _SEPARATOR.match(lines[end]):
            rows.append((_cells(lines[end]), Location(line=end + 1)))
        end += 1
    items.extend(document_table(rows))
    return end


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    parts = re.split(r"(?<!\\)\|", stripped)
    return [strip_inline(part.replace("\\|", "|")).strip() for part in parts]
