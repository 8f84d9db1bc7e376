"""Rich Text Format specs (.rtf, ``striprtf``): paragraphs and table rows in order.

RTF has no wrapped lines: every paragraph (``\\par``) is one line of the plain text, and
goes through the plain-text heuristics, so numbered and ALL-CAPS headings become section
paths and bullets become list items. Table cells and rows are marked before conversion
(private-use characters stand in for ``\\cell`` and ``\\row``), so a "|" in the prose is
never taken for a cell border; rows then become table rows, or lines when they are layout.
"""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from analyser.errors import SpecReadError
from analyser.readers._grid import paragraph_lines, table_items
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.records import Block, SpecDocument, SpecSource


def read_rtf(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read an RTF spec: paragraphs by the plain-text heuristics, tables as rows."""
    text = _plain_text(data, source.name)
    blocks = build_blocks(_items(text))
    return SpecDocument(source=source, blocks=blocks, title=first_heading(blocks))


# -- private ---------------------------------------------------------------------------

_CELL_MARK, _ROW_MARK = "\ue000", "\ue001"
# \cell and \row (not \cellx, \rowd or \nestcell), each replaced by a group that prints
# one private-use character: \uN with N = code point - 65536, "?" the skipped fallback.
_CELL = re.compile(r"\\cell(?![a-z])-?\d* ?")
_ROW = re.compile(r"\\row(?![a-z])-?\d* ?")
_CELL_GROUP = r"{\\uc1\\u-8192?}"
_ROW_GROUP = r"{\\uc1\\u-8191?}"


def _plain_text(data: bytes, name: str) -> str:
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        source = data.decode("cp1252", errors="replace")
    marked = _ROW.sub(_ROW_GROUP, _CELL.sub(_CELL_GROUP, source))
    try:
        return str(rtf_to_text(marked, errors="replace"))
    except (ValueError, TypeError, LookupError, OverflowError, IndexError) as exc:
        raise SpecReadError(
            f"'{name}' is not a readable RTF document ({type(exc).__name__}: {exc}). It may "
            "be damaged: open it in Word or LibreOffice and save it again as .rtf or .docx."
        ) from exc


def _items(text: str) -> list[Block | Line]:
    """Paragraph lines, with each run of table rows turned into rows or layout lines.

    A row's text runs from the end of the previous row (or, for a table's first row,
    from the last paragraph break before its first cell) to its row mark.
    """
    items: list[Block | Line] = []
    rows: list[list[str]] = []
    chunks = text.split(_ROW_MARK)
    for index, chunk in enumerate(chunks):
        if index == len(chunks) - 1 or _CELL_MARK not in chunk:
            items.extend(table_items(rows))
            rows = []
            items.extend(paragraph_lines(chunk.replace(_CELL_MARK, " ").splitlines()))
            continue
        first, *rest = chunk.split(_CELL_MARK)
        if not rows:
            before, _, first = first.rpartition("\n")
            items.extend(paragraph_lines(before.splitlines()))
        if rest and not rest[-1].strip():
            rest.pop()
        rows.append([first, *rest])
    return items
