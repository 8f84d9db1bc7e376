"""The read stage: a spec file (or uploaded bytes) → ``SpecDocument``.

One reader per format, chosen by suffix and checked against the content's magic bytes
(a ``.txt`` that is really a PDF is read as a PDF, a ``.docx`` that is really an
OpenDocument text as .odt, a ``.txt`` that is really RTF as RTF). Every failure is an
``AnalyserError`` with a code: whatever the input bytes, no other exception leaves
``read_spec``. Each file is read within a ``ReadBudget`` (time, PDF pages, characters,
memory), in a child process where the platform can fork (``_limits``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from analyser.config import ReadBudget
from analyser.errors import (
    AnalyserError,
    EmptySpecError,
    SpecNotFoundError,
    SpecReadError,
    unsupported_format,
)
from analyser.readers._limits import (
    ReadCost,
    check_characters,
    check_size,
    read_with_cost,
)
from analyser.readers._text import looks_binary, sniff_format
from analyser.readers.doc import read_doc
from analyser.readers.docx import read_docx
from analyser.readers.html import read_html
from analyser.readers.markdown import read_markdown
from analyser.readers.odt import read_odt
from analyser.readers.pdf import read_pdf
from analyser.readers.reqif import read_reqif
from analyser.readers.rtf import read_rtf
from analyser.readers.table import read_csv, read_xlsx
from analyser.readers.text import read_text
from analyser.records import Format, SpecDocument, SpecSource

__all__ = ["SUPPORTED_SUFFIXES", "ReadCost", "read_spec", "read_spec_with_cost"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".text", ".md", ".markdown", ".docx", ".doc", ".odt", ".rtf", ".pdf", ".html",
    ".htm", ".csv", ".xlsx", ".reqif", ".reqifz",
)  # fmt: skip

Reader = Callable[..., SpecDocument]


def read_spec(
    path: str | Path,
    *,
    data: bytes | None = None,
    name: str | None = None,
    budget: ReadBudget | None = None,
    pdf_reader: str = "pdfium",
) -> SpecDocument:
    """Read one spec file. With ``data`` (uploaded bytes) the path is not opened and
    ``name`` (default: the path's file name) gives the file name and its suffix.

    Args:
        budget: what reading may cost (default ``ReadBudget()``: 60 s, 2,000 PDF pages,
            10 million characters, 1,024 MB); past it, ``ReadBudgetError`` (A013).
        pdf_reader: ``"pdfium"`` or ``"pypdf"``.
    """
    return read_spec_with_cost(path, data=data, name=name, budget=budget, pdf_reader=pdf_reader)[0]


def read_spec_with_cost(
    path: str | Path,
    *,
    data: bytes | None = None,
    name: str | None = None,
    budget: ReadBudget | None = None,
    pdf_reader: str = "pdfium",
) -> tuple[SpecDocument, ReadCost]:
    """``read_spec``, and what reading cost (wall time, the reading process's peak memory)."""
    budget = budget if budget is not None else ReadBudget()
    name = name or Path(path).name
    if data is None:
        data = _read_bytes(Path(path), budget)
    check_size(len(data), name, budget)
    suffix = Path(name).suffix.lower()
    if suffix not in _FORMAT_BY_SUFFIX and suffix != "":
        raise unsupported_format(name, suffix, SUPPORTED_SUFFIXES)
    if not data.strip():
        raise EmptySpecError(f"'{name}' is empty. Check that the right file was chosen.")
    format_ = _choose_format(name, suffix, data)
    source = SpecSource(name=name, sha256=hashlib.sha256(data).hexdigest(), format=format_)
    reader = partial(read_pdf, engine=pdf_reader) if format_ == "pdf" else _READERS[format_]
    return read_with_cost(budget, name, partial(_read_checked, reader, data, source))


# -- private ---------------------------------------------------------------------------

_FORMAT_BY_SUFFIX: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx",
    ".doc": "doc", ".odt": "odt", ".rtf": "rtf", ".pdf": "pdf", ".html": "html",
    ".htm": "html", ".csv": "csv", ".xlsx": "xlsx", ".reqif": "reqif", ".reqifz": "reqif",
}  # fmt: skip
_READERS: dict[str, Reader] = {
    "txt": read_text, "md": read_markdown, "docx": read_docx, "doc": read_doc,
    "odt": read_odt, "rtf": read_rtf, "pdf": read_pdf, "html": read_html, "csv": read_csv,
    "xlsx": read_xlsx, "reqif": read_reqif,
}  # fmt: skip
# Formats recognised from the content alone (a ZIP package's members, PDF's magic bytes).
_PACKAGES: tuple[Format, ...] = ("pdf", "docx", "xlsx", "odt", "reqif")
_ZIP_PACKAGES: tuple[Format, ...] = ("docx", "xlsx", "odt", "reqif")
_PROGRAMS = {"docx": "Word", "xlsx": "Excel", "odt": "LibreOffice Writer"}


def _read_bytes(path: Path, budget: ReadBudget) -> bytes:
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # the read below says why the file cannot be opened
    check_size(size, path.name, budget)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SpecNotFoundError(f"'{path}' does not exist. Check the path.") from exc
    except IsADirectoryError as exc:
        raise SpecNotFoundError(f"'{path}' is a folder, not a spec file.") from exc
    except OSError as exc:
        raise SpecReadError(f"'{path}' cannot be opened ({exc.strerror or exc}).") from exc


def _choose_format(name: str, suffix: str, data: bytes) -> Format:
    """The suffix's format, corrected by the content's magic bytes where they disagree."""
    claimed = _FORMAT_BY_SUFFIX.get(suffix)
    sniffed = sniff_format(data)
    if sniffed in _PACKAGES:
        return _FORMAT_BY_SUFFIX["." + sniffed]
    if sniffed == "ole":
        if claimed in ("xlsx", "csv"):
            raise SpecReadError(
                f"'{name}' is a legacy Excel .xls workbook. Save it as .xlsx or CSV first."
            )
        return "doc"  # an OLE file is read as Word 97–2003; antiword says if it is not
    if sniffed == "rtf":
        return "rtf"
    if sniffed == "html" and claimed in (None, "txt", "doc"):
        return "html"
    if claimed is None:
        raise unsupported_format(name, suffix, SUPPORTED_SUFFIXES)
    if claimed in ("doc", "rtf") and not looks_binary(data):
        return "txt"  # plain text saved under a word-processor suffix
    _check_claim(name, claimed, sniffed)
    return claimed


def _check_claim(name: str, claimed: Format, sniffed: str | None) -> None:
    """Raise when the content cannot be the claimed binary format."""
    if claimed == "pdf":
        raise SpecReadError(
            f"'{name}' is not a PDF (it does not start with '%PDF'). It may be damaged, or "
            "another kind of file renamed to .pdf: export the spec to PDF again."
        )
    if claimed in _PROGRAMS and sniffed != "zip":
        raise SpecReadError(
            f"'{name}' is not a valid .{claimed} file (it is not a ZIP package). It may be "
            f"damaged, or another kind of file renamed: open it in {_PROGRAMS[claimed]} and "
            f"save it again as .{claimed}."
        )
    if claimed not in _ZIP_PACKAGES and sniffed == "zip":
        raise SpecReadError(
            f"'{name}' is a ZIP archive, not a .{claimed} file. Unpack it and read the spec "
            "files inside."
        )
    if claimed in ("doc", "rtf"):
        kind = "Word 97–2003 document" if claimed == "doc" else "RTF document"
        raise SpecReadError(
            f"'{name}' is not a {kind} (its first bytes are not a .{claimed} header). It may "
            "be damaged, or another kind of file renamed: open it in Word or LibreOffice "
            "and save it again as .docx."
        )


def _read_checked(reader: Reader, data: bytes, source: SpecSource) -> SpecDocument:
    """Read, then check the document has text, and no more characters than allowed."""
    document = _run_reader(reader, data, source)
    if not document.blocks:
        raise EmptySpecError(
            f"No text found in '{source.name}'. Check that the file holds the spec's text "
            "(not only images or an empty table)."
        )
    check_characters(sum(len(block.text) for block in document.blocks), source.name)
    return document


def _run_reader(reader: Reader, data: bytes, source: SpecSource) -> SpecDocument:
    """The one place where unexpected failures of a format reader become ``SpecReadError``
    (and running out of memory, a ``ReadBudgetError``)."""
    try:
        return reader(data, source=source)
    except AnalyserError:
        raise
    except MemoryError:
        raise  # the child process reports it as the memory limit
    except Exception as exc:
        raise SpecReadError(
            f"'{source.name}' could not be read as {source.format} "
            f"({type(exc).__name__}: {exc}). The file may be damaged: save or export it "
            "again and retry."
        ) from exc
