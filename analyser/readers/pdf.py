"""PDF specs (pypdf): text per page, cleaned of running headers, footers and page numbers."""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from analyser.errors import EmptySpecError, SpecReadError
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import clean_text
from analyser.records import Location, SpecDocument, SpecSource

# A line within this many non-blank lines of a page's top or bottom may be a header/footer.
EDGE_LINES = 6


def read_pdf(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a text PDF page by page; numbered headings are found by the shared heuristics."""
    with _quiet_pypdf():
        reader = _open(data, source.name)
        pages = _page_texts(reader, source.name)
        title = _metadata_title(reader)
    if sum(char.isalpha() for page in pages for char in page) < 20:
        raise EmptySpecError(
            f"'{source.name}' has no extractable text: it looks like a scanned PDF. Run OCR "
            "on it first (e.g. 'ocrmypdf in.pdf out.pdf') or export the spec from its source."
        )
    blocks = build_blocks(clean_pages(pages))
    return SpecDocument(source=source, blocks=blocks, title=title or first_heading(blocks))


def clean_pages(pages: list[str]) -> list[Line]:
    """Page texts → lines with page locations, without running headers/footers and page
    numbers, with hyphenated line breaks joined ("require-" + "ment" → "requirement")."""
    split = [_page_lines(text) for text in pages]
    repeated = _running_lines(split)
    lines: list[Line] = []
    for number, page_lines in enumerate(split, start=1):
        location = Location(page=number)
        edges = _edge_indexes(page_lines)
        for index, text in enumerate(page_lines):
            if _is_page_number(text, at_edge=index in edges):
                continue
            if index in edges and _normalise(text) in repeated:
                continue
            lines.append(Line(text, location))
    return lines


# -- private ---------------------------------------------------------------------------

_HYPHENATED = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])")
_PAGE_WORDED = re.compile(
    r"^(?:page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*(?:of|/)\s*\d{1,4})$",
    re.IGNORECASE,
)
_PAGE_BARE = re.compile(
    r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]?\d{0,2}\s?[-–]\s?\d{1,4})\.?$", re.IGNORECASE
)
_GLYPH_NAME = re.compile(r"/((?:[a-z]_)+[a-z])(?=[a-z]|\b)")
_BAD_TITLE = re.compile(r"^(?:microsoft\s+\w+\s*-|untitled)|\.(?:docx?|pdf|rtf|txt)$", re.I)


def _open(data: bytes, name: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, name)
        if len(reader.pages) == 0:
            raise SpecReadError(f"'{name}' is a PDF without pages: it is damaged or truncated.")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SpecReadError(
            f"'{name}' is a damaged PDF that cannot be opened ({exc}). Export or print it to "
            "PDF again from its source and retry."
        ) from exc
    return reader


def _decrypt(reader: PdfReader, name: str) -> None:
    """Open an encrypted PDF with the empty password (owner-only protection), or fail."""
    try:
        result = reader.decrypt("")
    except (DependencyError, NotImplementedError) as exc:
        raise SpecReadError(
            f"'{name}' is encrypted with a method that cannot be opened here ({exc}). "
            "Save an unprotected copy of the PDF and retry."
        ) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise SpecReadError(
            f"'{name}' is password-protected. Save a copy without a password and retry."
        )


def _page_texts(reader: PdfReader, name: str) -> list[str]:
    """Text of each page; a page whose text cannot be extracted counts as empty."""
    texts: list[str] = []
    failure: Exception | None = None
    for page in reader.pages:
        try:
            texts.append(page.extract_text() or "")
        except FileNotDecryptedError as exc:
            raise SpecReadError(f"'{name}' is encrypted and could not be decrypted.") from exc
        except Exception as exc:  # one broken page must not lose the others
            failure = failure or exc
            texts.append("")
    if failure is not None and not any(text.strip() for text in texts):
        raise SpecReadError(
            f"'{name}': no page of this PDF could be read ({failure}). The file is probably "
            "damaged: export or print it to PDF again and retry."
        ) from failure
    return texts


def _page_lines(text: str) -> list[str]:
    text = _GLYPH_NAME.sub(lambda match: match[1].replace("_", ""), text)
    text = _HYPHENATED.sub("", text)
    return [clean_text(line) for line in text.splitlines()]


def _edge_indexes(lines: list[str]) -> set[int]:
    """Indexes of the first and last ``EDGE_LINES`` non-blank lines of a page."""
    filled = [index for index, line in enumerate(lines) if line]
    return set(filled[:EDGE_LINES]) | set(filled[-EDGE_LINES:])


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Normalised lines (digits ignored) at a page edge on at least half of the pages,
    when there are at least 3 pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_normalise(lines[index]) for index in _edge_indexes(lines)})
    threshold = max(2, math.ceil(0.5 * len(pages)))
    return {line for line, count in counts.items() if line and count >= threshold}


def _normalise(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower()).strip()


def _is_page_number(text: str, *, at_edge: bool) -> bool:
    if not text:
        return False
    if _PAGE_WORDED.match(text):
        return True
    return at_edge and bool(_PAGE_BARE.match(text))


def _metadata_title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = clean_text(str(metadata.title or "")) if metadata else ""
    except Exception:  # a broken info dictionary only loses the title
        return None
    if len(title) < 4 or _BAD_TITLE.search(title):
        return None
    return title


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings about harmless damage while one file is read."""
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)
