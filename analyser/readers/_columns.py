"""Which column of a table holds the requirement text, its id and its section.

Used by the CSV/XLSX reader (header names, then cell contents) and by the document
readers for tables inside a docx, HTML or Markdown file (header names only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import mean

from analyser.readers._text import clean_text
from analyser.records import Block, Location

TEXT_NAMES = (
    "requirement text",
    "requirement",
    "text",
    "statement",
    "user story",
    "story",
    "description",
    "summary",
    "req",
)
ID_NAMES = (
    "id",
    "req id",
    "requirement id",
    "key",
    "identifier",
    "ref",
    "reference",
    "#",
    "no.",
    "no",
    "nr",
    "number",
    "req no",
    "req #",
    "issue key",
)
SECTION_NAMES = ("section", "category", "module", "feature", "component", "epic")
# Names strong enough to use a document table's column as the text without an id column.
_STRONG_TEXT = {"requirement text", "requirement", "statement", "user story", "story"}
_ID_TOKENS = {"id", "identifier", "key", "ref", "#", "no", "nr"}
Rows = Sequence[Sequence[str]]
_ID_VALUE = re.compile(r"^[A-Za-z]{0,12}[-_.]?[A-Za-z]{0,6}[-_.]?\d+(?:[.\-_]\d+)*[a-z]?$")


def find_text_column(headers: Sequence[str], rows: Rows = ()) -> int | None:
    """The column whose header names the requirement text (exact, then partial match).

    A named column is skipped when ``rows`` show it holds mostly numbers (e.g. "Story points").
    """
    names = [_normalise(header) for header in headers]
    id_column = find_id_column(headers)
    for partial in (False, True):
        for wanted in TEXT_NAMES:
            candidates = [
                index
                for index, name in enumerate(names)
                if index != id_column
                and _matches(name, wanted, partial=partial)
                and (not rows or _mostly_text(_column(rows, index)))
            ]
            if candidates:
                return max(candidates, key=lambda index: _average_length(rows, index))
    return None


def find_id_column(headers: Sequence[str]) -> int | None:
    """The column whose header names an identifier ("ID", "Req ID", "Key", "#", …)."""
    names = [_normalise(header) for header in headers]
    for index, name in enumerate(names):
        if name in ID_NAMES or name.rstrip(".") in ID_NAMES:
            return index
    for index, name in enumerate(names):
        tokens = _tokens(name)
        if tokens & _ID_TOKENS and len(tokens) <= 3:
            return index
    return None


def find_section_column(headers: Sequence[str], *, taken: Sequence[int | None]) -> int | None:
    """The column that groups rows (section, category, module, feature, component, epic)."""
    names = [_normalise(header) for header in headers]
    for partial in (False, True):
        for index, name in enumerate(names):
            if index in taken:
                continue
            if any(_matches(name, wanted, partial=partial) for wanted in SECTION_NAMES):
                return index
    return None


def text_column_by_content(rows: Rows, *, skip: Sequence[int | None]) -> int | None:
    """The column with the longest cells on average, if they are mostly multi-word strings."""
    best: tuple[float, int] | None = None
    for index in range(max((len(row) for row in rows), default=0)):
        if index in skip:
            continue
        cells = [cell for cell in _column(rows, index) if cell]
        if len(cells) < max(1, len(rows) // 4) or not _mostly_words(cells, minimum_words=3):
            continue
        average = mean(len(cell) for cell in cells)
        if average >= 15 and (best is None or average > best[0]):
            best = (average, index)
    return best[1] if best else None


def id_column_by_content(rows: Rows, *, skip: Sequence[int | None]) -> int | None:
    """A column of short, unique, id-shaped values ("FR-1", "REQ_12", "3.2.1"), if any."""
    for index in range(max((len(row) for row in rows), default=0)):
        if index in skip:
            continue
        cells = [cell for cell in _column(rows, index) if cell]
        if len(cells) < max(2, len(rows) // 2) or len(set(cells)) != len(cells):
            continue
        shaped = sum(bool(_ID_VALUE.match(cell)) and len(cell) <= 24 for cell in cells)
        if shaped >= 0.9 * len(cells) and any(not cell.isdigit() for cell in cells):
            return index
    return None


def document_table(rows: Sequence[tuple[Sequence[str], Location]]) -> list[Block]:
    """Table rows of a docx/HTML/Markdown table → ``table_row`` blocks (empty rows dropped).

    When the first row is a header naming a requirement column (and an id column, unless
    the name is unambiguous, e.g. "Requirement"), later rows take that cell as their text
    and the id cell as ``ref``; otherwise the text is the non-empty cells joined by " | ".
    """
    cleaned = [(tuple(clean_text(cell) for cell in cells), location) for cells, location in rows]
    cleaned = [(cells, location) for cells, location in cleaned if any(cells)]
    if not cleaned:
        return []
    header = cleaned[0][0]
    text_column, id_column = _requirement_columns(header, [cells for cells, _ in cleaned[1:]])
    blocks = [_joined_row(header, cleaned[0][1])]
    for cells, location in cleaned[1:]:
        if text_column is None or text_column >= len(cells) or not cells[text_column]:
            blocks.append(_joined_row(cells, location))
            continue
        ref = cells[id_column] if id_column is not None and id_column < len(cells) else None
        blocks.append(
            Block(
                kind="table_row",
                text=cells[text_column],
                cells=cells,
                ref=ref or None,
                location=location,
            )
        )
    return blocks


# -- private ---------------------------------------------------------------------------


def _requirement_columns(header: Sequence[str], rows: Rows) -> tuple[int | None, int | None]:
    if not rows:
        return None, None
    text_column = find_text_column(header, rows)
    id_column = find_id_column(header)
    if text_column is None:
        return None, None
    strong = _normalise(header[text_column]) in _STRONG_TEXT
    if id_column is None and not strong:
        return None, None
    return text_column, id_column


def _joined_row(cells: Sequence[str], location: Location) -> Block:
    text = " | ".join(cell for cell in cells if cell)
    return Block(kind="table_row", text=text, cells=tuple(cells), location=location)


def _normalise(header: str) -> str:
    return " ".join(str(header).lower().replace("_", " ").split())


def _tokens(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+|#", name.replace(".", " ")))


def _matches(name: str, wanted: str, *, partial: bool) -> bool:
    if not partial:
        return name == wanted
    return set(wanted.split()) <= _tokens(name)


def _column(rows: Rows, index: int) -> list[str]:
    return [row[index] if index < len(row) else "" for row in rows]


def _mostly_text(cells: Sequence[str]) -> bool:
    filled = [cell for cell in cells if cell]
    texty = sum(sum(char.isalpha() for char in cell) >= 2 for cell in filled)
    return bool(filled) and texty >= 0.5 * len(filled)


def _average_length(rows: Rows, index: int) -> float:
    cells = [cell for cell in _column(rows, index) if cell]
    return mean(len(cell) for cell in cells) if cells else 0.0


def _mostly_words(cells: Sequence[str], *, minimum_words: int) -> bool:
    filled = [cell for cell in cells if cell]
    if not filled:
        return False
    worded = sum(len(cell.split()) >= minimum_words for cell in filled)
    return worded >= 0.6 * len(filled)
