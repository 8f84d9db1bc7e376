"""Requirement exports (.csv, .xlsx): one row = one requirement.

The requirement-text column is found by its header name ("text", "requirement",
"description", …), else by content (the longest, mostly multi-word cells). An id column
gives ``Block.ref``; a section-like column (section, category, module, …) gives
``Block.section``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from analyser.errors import SpecReadError, TableColumnError
from analyser.readers._archive import check_package
from analyser.readers._columns import (
    find_id_column,
    find_section_column,
    find_text_column,
    id_column_by_content,
    text_column_by_content,
)
from analyser.readers._text import clean_text, decode_text
from analyser.records import Block, Location, SpecDocument, SpecSource

DELIMITERS = (",", ";", "\t", "|")
MAX_ROWS = 200_000

Row = tuple[int, list[str]]  # (1-based row number in the file, cells)


def read_csv(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a CSV export (delimiter , ; tab or | and the encoding are sniffed)."""
    text = decode_text(data, name=source.name)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(enumerate(itertools.islice(reader, MAX_ROWS), start=1))
    return _document(rows, source)


def read_xlsx(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read an Excel workbook: the sheet with a requirement column and the most rows."""
    sheets = _xlsx_sheets(data, source.name)
    failure: TableColumnError | None = None
    candidates: list[SpecDocument] = []
    for rows in sheets:
        try:
            document = _document(rows, source)
        except TableColumnError as exc:
            failure = failure or exc
            continue
        if document.blocks:
            candidates.append(document)
    if candidates:
        return max(candidates, key=lambda document: len(document.blocks))
    if failure is not None:
        raise failure
    return SpecDocument(source=source, blocks=(), tabular=True)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number (> 1) of
    fields; "," when none does (a one-column file)."""
    sample = text[:65536].splitlines()[:50]
    best: tuple[float, int, str] = (0.0, 0, ",")
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter) if any(row)]
        if not counts:
            continue
        width, n_rows = Counter(counts).most_common(1)[0]
        consistency = n_rows / len(counts)
        if width > 1 and consistency >= 0.6 and (consistency, width) > best[:2]:
            best = (consistency, width, delimiter)
    return best[2]


# -- private ---------------------------------------------------------------------------


def _document(raw_rows: Iterable[tuple[int, Sequence[Any]]], source: SpecSource) -> SpecDocument:
    rows = [(number, [_cell(value) for value in cells]) for number, cells in raw_rows]
    rows = [(number, cells) for number, cells in rows if any(cells)]
    if not rows:
        return SpecDocument(source=source, blocks=(), tabular=True)
    headers, data = _split_header(rows)
    grid = [cells for _, cells in data]
    text_column = find_text_column(headers, grid)
    id_column = find_id_column(headers)
    if text_column is None:
        text_column = text_column_by_content(grid, skip=(id_column,))
    if text_column is None:
        raise TableColumnError(
            f"No column of requirement texts found in '{source.name}' (columns seen: "
            f"{', '.join(repr(header) for header in headers)}). Name the column that holds "
            "the requirement texts 'text' or 'requirement'."
        )
    if id_column is None:
        id_column = id_column_by_content(grid, skip=(text_column,))
    section_column = find_section_column(headers, taken=(text_column, id_column))
    blocks = tuple(
        block
        for number, cells in data
        if (block := _row_block(number, cells, text_column, id_column, section_column))
    )
    return SpecDocument(source=source, blocks=blocks, tabular=True)


def _split_header(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """The header names and the data rows; generated names when there is no header row."""
    width = max(len(cells) for _, cells in rows)
    first = rows[0][1] + [""] * (width - len(rows[0][1]))
    if _is_header(first, [cells for _, cells in rows[1:]]):
        names = [name or f"column {index}" for index, name in enumerate(first, start=1)]
        return names, rows[1:]
    return [f"column {index}" for index in range(1, width + 1)], rows


def _is_header(first: list[str], rest: list[list[str]]) -> bool:
    if not rest:
        return False
    filled = [cell for cell in first if cell]
    if any(len(cell.split()) > 4 or len(cell) > 40 or _is_number(cell) for cell in filled):
        return False
    if find_text_column(first) is not None or find_id_column(first) is not None:
        return True
    column = text_column_by_content(rest, skip=())
    if column is None or column >= len(first):
        return True
    longest = sorted(len(row[column]) for row in rest if column < len(row) and row[column])
    return bool(longest) and len(first[column]) < 0.5 * longest[len(longest) // 2]


def _row_block(
    number: int, cells: list[str], text: int, ref: int | None, section: int | None
) -> Block | None:
    value = cells[text] if text < len(cells) else ""
    if not value:
        return None
    ref_value = cells[ref] if ref is not None and ref < len(cells) else ""
    section_value = cells[section] if section is not None and section < len(cells) else ""
    return Block(
        kind="table_row",
        text=value,
        ref=ref_value or None,
        cells=tuple(cells),
        section=(section_value,) if section_value else (),
        location=Location(row=number),
    )


_XLSX_ADVICE = (
    "It may be damaged or truncated: open it in Excel or LibreOffice and save it again as "
    ".xlsx, or export the sheet as CSV."
)


def _xlsx_sheets(data: bytes, name: str) -> list[list[Row]]:
    check_package(data, name=name, advice=_XLSX_ADVICE)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SpecReadError(
            f"'{name}' is not a readable Excel workbook ({exc or type(exc).__name__}). "
            + _XLSX_ADVICE
        ) from exc
    try:
        return [_sheet_rows(sheet) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            break
        rows.append((number, list(values)))
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return clean_text(str(value))


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True
