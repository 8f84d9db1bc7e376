"""Tables that arrive as text (antiword's ``|a|b|`` lines, RTF cells) → rows or lines.

A row with text in two or more cells becomes a ``table_row`` block (through
``document_table``, so a requirements table keeps its ids). A row with a single filled
cell is layout — a paragraph or heading drawn in a box — and goes back to the plain-line
heuristics as one line per paragraph of the cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from analyser.readers._columns import document_table
from analyser.readers._structure import Line
from analyser.records import Block, Location


def table_items(rows: Iterable[Sequence[str]]) -> list[Block | Line]:
    """Rows of one table (a cell may hold several paragraphs, one per text line) → blocks
    for the real rows and plain lines for the layout rows, in order."""
    items: list[Block | Line] = []
    run: list[tuple[Sequence[str], Location]] = []
    for cells in rows:
        if sum(bool(cell.strip()) for cell in cells) >= 2:
            run.append(([" ".join(cell.split()) for cell in cells], Location()))
            continue
        items.extend(document_table(run))
        run = []
        for cell in cells:
            items.extend(paragraph_lines(cell.splitlines()))
    items.extend(document_table(run))
    return items


def paragraph_lines(texts: Iterable[str]) -> Iterator[Line]:
    """Lines that are whole paragraphs (never joined to the next): each is followed by a
    blank line, so the line heuristics still find headings and list items but do not
    mistake a long paragraph for the first half of a wrapped one."""
    for text in texts:
        if text.strip():
            yield Line(text)
            yield Line("")


def pipe_table_rows(lines: Sequence[str]) -> list[list[str]]:
    """antiword's lines of one table → logical rows.

    antiword wraps a long cell over several ``|…|`` lines; a line whose first filled column
    (of the table's first line) is empty continues the row above, cell by cell.
    """
    grid = [line.strip()[1:-1].split("|") for line in lines]
    key = next((index for index, cell in enumerate(grid[0]) if cell.strip()), 0)
    rows: list[list[str]] = []
    for cells in grid:
        continues = rows and len(cells) == len(rows[-1]) and not cells[key].strip()
        if continues:
            rows[-1] = [
                _join_wrapped(old, new.strip()) for old, new in zip(rows[-1], cells, strict=True)
            ]
        else:
            rows.append([cell.strip() for cell in cells])
    return rows


def is_pipe_line(line: str) -> bool:
    """True for an antiword table line: ``|cell|cell|``."""
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] == "|" and stripped[-1] == "|"


# -- private ---------------------------------------------------------------------------


def _join_wrapped(first: str, second: str) -> str:
    """Two wrapped pieces of one cell ("high-" + "level" stays "high-level")."""
    if not first or not second:
        return first or second
    return first + second if first.endswith("-") else f"{first} {second}"
