"""PDF specs: text per page, cleaned of running headers, footers and page numbers.

The text comes from PDFium (``pypdfium2``), 5 to 70 times faster than pypdf on the PURE
documents and better at word spacing; pypdf is kept as the alternative engine
(``pdf_reader="pypdf"``) and as the benchmark's baseline.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from analyser.errors import EmptySpecError, SpecReadError
from analyser.readers._limits import check_characters, check_pages
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import clean_text
from analyser.records import Location, SpecDocument, SpecSource

# A line within this many non-blank lines of a page's top or bottom may be a header/footer.
EDGE_LINES = 6


def read_pdf(data: bytes, *, source: SpecSource, engine: str = "pdfium") -> SpecDocument:
    """Read a text PDF page by page; numbered headings are found by the shared heuristics.

    Args:
        engine: ``"pdfium"`` (default) or ``"pypdf"``.
    """
    if engine == "pypdf":
        pages, title = _pypdf_text(data, source.name)
    else:
        pages, title = _pdfium_text(data, source.name)
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

# PDFium is not thread-safe; each read is normally in its own process, but not on every
# platform (and not in the app's threads, should isolation be unavailable).
_PDFIUM_LOCK = threading.Lock()
# What PDFium puts in extracted text: CRLF line ends, U+FFFE for a hyphen at a line end that
# it joined to the next line, U+0002 for a soft hyphen. Between lower-case letters the hyphen
# is taken for a word broken at the line end ("require-ments"), as in a plain-text line join.
_PDFIUM_FIXES = str.maketrans({"\r": None, "\ufffe": "-", "\x02": "-"})
_BROKEN_WORD = re.compile("(?<=[a-z])[\ufffe\x02](?=[a-z])")
_LINE = re.compile(r"[^\r\n]+")
# A row further below the one before than this many times the pitch of the rows around it
# starts a new block (a paragraph or a heading), as a blank line does in plain text.
_NEW_BLOCK_PITCH = 1.3

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


def _pdfium_text(data: bytes, name: str) -> tuple[list[str], str | None]:
    """Each page's text and the metadata title, read by PDFium."""
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _pdfium_open_error(name, exc) from exc
        try:
            n_pages = len(document)
            if n_pages == 0:
                raise SpecReadError(f"'{name}' is a PDF without pages: it is damaged or truncated.")
            check_pages(n_pages, name)
            texts: list[str] = []
            n_chars = 0
            failure: Exception | None = None
            for index in range(n_pages):
                try:
                    text = _pdfium_page_text(document, index)
                except pdfium.PdfiumError as exc:  # one broken page must not lose the others
                    failure = failure or exc
                    text = ""
                n_chars += len(text)
                check_characters(n_chars, name)
                texts.append(_BROKEN_WORD.sub("", text).translate(_PDFIUM_FIXES))
            title = _pdfium_title(document)
        finally:
            document.close()
    if failure is not None and not any(text.strip() for text in texts):
        raise SpecReadError(
            f"'{name}': no page of this PDF could be read ({failure}). The file is probably "
            "damaged: export or print it to PDF again and retry."
        ) from failure
    return texts, title


def _pdfium_page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text = str(textpage.get_text_range())
            if len(text) != textpage.count_chars():  # characters beyond the BMP: no boxes
                return text
            return _laid_out(text, textpage)
        finally:
            textpage.close()
    finally:
        page.close()


def _laid_out(text: str, textpage: pdfium.PdfTextPage) -> str:
    """PDFium's lines, with the layout its text leaves out put back from the character boxes:
    pieces of one visual row (table cells) joined with a space, and a blank line where the
    text moves down further than the rows around it do (a new paragraph or heading) or jumps
    up (a new column or region)."""
    rows: list[_Row] = []
    for match in _LINE.finditer(text):
        line = match[0].strip()
        if not line:
            continue
        first = match.start() + len(match[0]) - len(match[0].lstrip())
        last = match.start() + len(match[0].rstrip()) - 1
        left, bottom, _, top = textpage.get_charbox(first, loose=True)
        right = textpage.get_charbox(last, loose=True)[2]
        row = _Row(line, left, bottom, top, right)
        if rows and row.continues(rows[-1]):
            rows[-1] = rows[-1].joined(row)
        else:
            rows.append(row)
    # The pitch from each row to the next (None where the text does not move down).
    pitches = [a.top - b.top if a.top > b.top else None for a, b in itertools.pairwise(rows)]
    lines = [rows[0].text] if rows else []
    for index, row in enumerate(rows[1:]):
        nearby = [p for p in (pitches[index - 1] if index else None, _at(pitches, index + 1)) if p]
        if row.starts_block(rows[index], pitches[index], min(nearby, default=None)):
            lines.append("")
        lines.append(row.text)
    return "\n".join(lines)


def _at(values: list[float | None], index: int) -> float | None:
    return values[index] if index < len(values) else None


class _Row(NamedTuple):
    """One visual line of a PDF page and its box (PDF units, y upwards)."""

    text: str
    left: float
    bottom: float
    top: float
    right: float
    cells: int = 1  # pieces of text on this row (more than one: a table row)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    def continues(self, above: _Row) -> bool:
        """On the same baseline, to the right of ``above``: the next cell of a table row."""
        height = min(self.height, above.height)
        return abs(self.bottom - above.bottom) < 0.3 * height and self.left > above.right

    def joined(self, other: _Row) -> _Row:
        return self._replace(
            text=f"{self.text} {other.text}", right=other.right, cells=self.cells + 1
        )

    def starts_block(self, above: _Row, pitch: float | None, nearby: float | None) -> bool:
        """Whether a blank line separates this row from the one ``above``: the text jumps up,
        or moves down by more than the pitch ``nearby`` (the smaller of the pitches before and
        after) allows, or, with nothing nearby to compare, by more than half a line."""
        height = min(self.height, above.height)
        if pitch is None:
            return self.top > above.top + 0.3 * height
        if self.cells > 1 and above.cells > 1:  # table rows: gaps come from wrapped cells
            return False
        if nearby is not None:
            return pitch > _NEW_BLOCK_PITCH * nearby
        return above.bottom - self.top > 0.5 * height


def _pdfium_open_error(name: str, exc: pdfium.PdfiumError) -> SpecReadError:
    if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
        return SpecReadError(
            f"'{name}' is password-protected. Save a copy without a password and retry."
        )
    if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
        return SpecReadError(
            f"'{name}' is encrypted with a method that cannot be opened here. Save an "
            "unprotected copy of the PDF and retry."
        )
    return SpecReadError(
        f"'{name}' is a damaged PDF that cannot be opened ({exc}). Export or print it to "
        "PDF again from its source and retry."
    )


def _pdfium_title(document: pdfium.PdfDocument) -> str | None:
    try:
        title = clean_text(str(document.get_metadata_value("Title") or ""))
    except Exception:  # a broken info dictionary only loses the title
        return None
    return _usable_title(title)


def _pypdf_text(data: bytes, name: str) -> tuple[list[str], str | None]:
    """Each page's text and the metadata title, read by pypdf."""
    with _quiet_pypdf():
        reader = _open(data, name)
        check_pages(len(reader.pages), name)
        return _page_texts(reader, name), _metadata_title(reader)


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
    n_chars = 0
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except FileNotDecryptedError as exc:
            raise SpecReadError(f"'{name}' is encrypted and could not be decrypted.") from exc
        except Exception as exc:  # one broken page must not lose the others
            failure = failure or exc
            text = ""
        n_chars += len(text)
        check_characters(n_chars, name)
        texts.append(text)
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
    when there are at least 3 pages: running headers and footers. Never the bulk of the text:
    when such lines would be most of it (one numbered statement per page), none are."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_normalise(lines[index]) for index in _edge_indexes(lines)})
    threshold = max(2, math.ceil(0.5 * len(pages)))
    running = {line for line, count in counts.items() if line and count >= threshold}
    n_lines = sum(1 for lines in pages for line in lines if line)
    n_running = sum(1 for lines in pages for line in lines if line and _normalise(line) in running)
    return running if n_running <= 0.5 * n_lines else set()


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
    return _usable_title(title)


def _usable_title(title: str) -> str | None:
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
