"""Bytes → text for the readers: decoding, binary detection and format sniffing."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib

from analyser.errors import SpecReadError
from analyser.readers._limits import check_characters

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# RuntimeError: an encrypted member
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHAR_FIXES = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\ufeff": None,  # stray byte-order mark
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\t": " ",
        "\x7f": "•",  # some PDF fonts map their bullet glyph to DEL
    }
)
_SPACES = re.compile(r"\s+")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def decode_text(data: bytes, *, name: str) -> str:
    """Decode a text file: BOMs first, then UTF-8, then cp1252, then latin-1; no more
    characters than the reading budget allows."""
    text = _decode(data, name=name)
    check_characters(len(text), name)
    return text


def _decode(data: bytes, *, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SpecReadError(
                f"'{name}' starts like UTF-16 text but cannot be decoded as UTF-16. "
                "Save it again as UTF-8 text."
            ) from exc
    bomless = _bomless_utf16(data)
    if bomless is not None:
        return data.decode(bomless, errors="replace")
    ensure_text(data, name=name)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def ensure_text(data: bytes, *, name: str) -> None:
    """Raise ``SpecReadError`` when bytes claimed to be text are binary (and have no BOM)."""
    if data.startswith((codecs.BOM_UTF8, *_UTF16_BOMS)) or _bomless_utf16(data):
        return
    if looks_binary(data):
        raise SpecReadError(
            f"'{name}' does not look like a text file (it contains binary data). "
            "Check that it is the right file, or export the spec as .docx, .pdf or .txt."
        )


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold NUL bytes or many control characters."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    n_control = len(sample) - len(sample.translate(None, _CONTROL))
    return n_control / len(sample) > 0.05


def _bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text saved without a byte-order mark
    (mostly Latin text: a NUL byte in almost every other position, on one side only), else
    ``None``."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 8:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.8 * half and others == 0:
            try:
                text = sample[: 2 * half].decode(encoding)
            except UnicodeDecodeError:
                return None
            printable = sum(char.isprintable() or char.isspace() for char in text)
            return encoding if printable >= 0.95 * len(text) else None
    return None


def sniff_format(data: bytes) -> str | None:
    """Guess a format from magic bytes: pdf, docx, xlsx, odt, reqif (a .reqifz package),
    zip, ole, rtf, html or None."""
    if _PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    head = data[:1024]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if _HTML_START.match(head):
        return "html"
    return None


def clean_text(text: str) -> str:
    """Collapse whitespace and fix typographic debris (ligatures, soft hyphens, NBSP,
    private-use glyphs)."""
    text = _PRIVATE_USE.sub("", text.translate(_CHAR_FIXES))
    return _SPACES.sub(" ", text).strip()


# -- private ---------------------------------------------------------------------------


def _zip_kind(data: bytes) -> str:
    """What a ZIP package holds, by its member names (and an OpenDocument's mimetype)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = _opendocument_mimetype(archive) if "mimetype" in names else ""
    except _ZIP_ERRORS:
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith(ODT_MIMETYPE):
        return "odt"
    if any(name.lower().endswith(".reqif") for name in names):
        return "reqif"
    return "zip"


def _opendocument_mimetype(archive: zipfile.ZipFile) -> str:
    """The first bytes of the "mimetype" member (never more, whatever it declares)."""
    try:
        with archive.open("mimetype") as stream:
            head = stream.read(100)
    except (*_ZIP_ERRORS, NotImplementedError):  # NotImplementedError: unknown compression
        return ""
    return head.decode("ascii", errors="replace").strip()
