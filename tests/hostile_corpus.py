"""Hostile input files for the read stage and the batch face, generated at test time.

``build(folder)`` writes every case (empty and random files, broken Office packages, XML
external entities and entity expansion, damaged and looping PDFs, huge and deeply nested
text, lying and exploding ZIP archives, awkward file names) and returns them as ``Case``
records; nothing binary is committed. ``build_batch_folder`` makes a folder holding a
symlink loop, a FIFO, a dangling symlink and an unreadable file.

Run ``python -m tests.hostile_corpus OUT_DIR [--light]`` to write the corpus by hand; it
prints every case, the time taken and the peak RSS.
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import random
import re
import resource
import stat
import struct
import sys
import time
import zipfile
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

SECRET = "HOSTILE-SECRET-7f3a9c"

SUFFIXES = (
    ".txt", ".md", ".docx", ".doc", ".odt", ".rtf", ".pdf", ".html", ".htm", ".csv",
    ".xlsx", ".reqif", ".reqifz", ".zip",
)  # fmt: skip
GROUPS = (
    "empty", "bytes", "office", "xxe", "pdf", "size", "encoding", "nesting", "table", "zip",
    "names", "batch",
)  # fmt: skip

ELF_SUFFIXES = (".pdf", ".docx", ".txt")

SHALL_LINES = (
    "The system shall record permits.",
    "The system shall notify the applicant by email when a permit is issued.",
    "The system shall keep an audit log of every change to a permit.",
)
SHALL_TEXT = "\n".join(SHALL_LINES) + "\n"

MB = 1024 * 1024
NESTING_DEPTH = 100_000

Content = bytes | Callable[[Path], object]
Entry = tuple[str, str, str, Content]  # name, file name, note, bytes or a writer


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input: where it was written and what it is."""

    name: str
    path: Path
    group: str
    heavy: bool
    note: str


def build(folder: Path, *, heavy: bool = True) -> list[Case]:
    """Write every case into folder (created if missing) and return them.

    With ``heavy=False`` the big cases are skipped. ``folder/'secret.txt'`` holds
    ``SECRET``; the XXE cases point at it by absolute ``file://`` URL.
    """
    folder = Path(folder).absolute()
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "secret.txt"
    _clear(secret)
    secret.write_text(SECRET + "\n", encoding="utf-8")
    corpus = _Corpus(folder, heavy=heavy)
    _empty_cases(corpus)
    _bytes_cases(corpus)
    _office_cases(corpus)
    _xxe_cases(corpus, secret.as_uri())
    _pdf_cases(corpus)
    _size_cases(corpus)
    _encoding_cases(corpus)
    _nesting_cases(corpus)
    _table_cases(corpus)
    _zip_cases(corpus)
    _name_cases(corpus)
    _batch_case(corpus)
    return corpus.cases


def build_batch_folder(folder: Path) -> Path:
    """A folder for the batch face: three normal text specs, a symlink loop ('loop' → '.'),
    a FIFO ('pipe.txt'), a dangling symlink ('gone.md') and a chmod-000 file ('locked.txt').
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs = {
        "permits.txt": SHALL_TEXT,
        "parking.md": "# Parking\n\n" + SHALL_TEXT.replace("permits", "parking bays"),
        "fees.txt": SHALL_TEXT.replace("permits", "fees"),
    }
    for name, text in specs.items():
        _clear(folder / name)
        (folder / name).write_text(text, encoding="utf-8")
    _clear(folder / "loop")
    os.symlink(".", folder / "loop", target_is_directory=True)
    _clear(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.txt")
    _clear(folder / "gone.md")
    os.symlink("never-written.md", folder / "gone.md")
    locked = folder / "locked.txt"
    _clear(locked)
    locked.write_text(SHALL_TEXT, encoding="utf-8")
    locked.chmod(0)
    return folder


# -- the corpus ------------------------------------------------------------------------


class _Corpus:
    """Writes cases under ``root/<group>/`` and collects them."""

    def __init__(self, root: Path, *, heavy: bool) -> None:
        self.root = root
        self.heavy = heavy
        self.cases: list[Case] = []

    def add_all(self, group: str, entries: Iterable[Entry], *, heavy: bool = False) -> None:
        for entry in entries:
            self.add(group, *entry, heavy=heavy)

    def add(
        self, group: str, name: str, filename: str, note: str, content: Content, *, heavy: bool
    ) -> None:
        if heavy and not self.heavy:
            return
        path = self.root / group / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        _clear(path)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content(path)
        self.cases.append(Case(name, path, group, heavy, note))


def _clear(path: Path) -> None:
    """Remove a file, symlink or FIFO left by an earlier run (folders are kept)."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()


def _randbytes(seed: str, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)


# -- empty and bytes -------------------------------------------------------------------


def _empty_cases(corpus: _Corpus) -> None:
    corpus.add_all(
        "empty", [(f"empty-{s[1:]}", f"empty{s}", f"0-byte {s} file", b"") for s in SUFFIXES]
    )
    whitespace = b" \n\n\t  \r\n \n\n"
    corpus.add_all("empty", [("empty-whitespace-txt", "whitespace.txt", "only blanks", whitespace)])


def _bytes_cases(corpus: _Corpus) -> None:
    elf = b"\x7fELF\x02\x01\x01\x00" + _randbytes("elf", 64 * 1024 - 8)
    entries: list[Entry] = [
        (f"bytes-random-{s[1:]}", f"random{s}", "64 KB of random bytes", _randbytes(s, 64 * 1024))
        for s in SUFFIXES
    ]
    entries += [(f"bytes-elf-{s[1:]}", f"elf{s}", "ELF-like executable", elf) for s in ELF_SUFFIXES]
    entries.append(("bytes-nul-txt", "nul.txt", "1 MB of NUL bytes", bytes(MB)))
    corpus.add_all("bytes", entries)


# -- ZIP packages ----------------------------------------------------------------------

_EPOCH = (1980, 1, 1, 0, 0, 0)


def _member(
    name: str, *, stored: bool = False, mode: int = stat.S_IFREG | 0o644
) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = mode << 16
    return info


def zip_bytes(members: Mapping[str, bytes | str], *, stored: Container[str] = ()) -> bytes:
    """A ZIP archive of ``members`` in order (deflated, except the names in ``stored``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(_member(name, stored=name in stored), content)
    return buffer.getvalue()


def _xml(root: str, body: str, doctype: str = "") -> str:
    """An XML document: declaration, optional DOCTYPE (named after ``root``), body."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return head + (f"<!DOCTYPE {root} [{doctype}]>\n" if doctype else "") + body


# -- docx ------------------------------------------------------------------------------

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OOXML_CT = "application/vnd.openxmlformats-officedocument"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _content_types(overrides: Mapping[str, str]) -> str:
    parts = "".join(
        f'<Override PartName="{part}" ContentType="{_OOXML_CT}.{kind}"/>'
        for part, kind in overrides.items()
    )
    return _xml(
        "Types",
        f'<Types xmlns="{_CT_NS}">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{parts}</Types>",
    )


def _relationships(targets: Mapping[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL_TYPE}/{kind}" Target="{target}"/>'
        for n, (target, kind) in enumerate(targets.items(), 1)
    )
    return _xml("Relationships", f'<Relationships xmlns="{_REL_NS}">{rels}</Relationships>')


def docx_document_xml(texts: Sequence[str], *, doctype: str = "") -> str:
    """word/document.xml with one paragraph per text (XML fragments, inserted verbatim)."""
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in texts
    )
    body = f'<w:document xmlns:w="{_W_NS}"><w:body>{paragraphs}</w:body></w:document>'
    return _xml("w:document", body, doctype)


def docx_package(document_xml: str | None) -> bytes:
    """A minimal .docx: content types, package rels and ``document_xml`` (None: left out)."""
    members: dict[str, str] = {
        "[Content_Types].xml": _content_types(
            {"/word/document.xml": "wordprocessingml.document.main+xml"}
        ),
        "_rels/.rels": _relationships({"word/document.xml": "officeDocument"}),
    }
    if document_xml is not None:
        members["word/document.xml"] = document_xml
    return zip_bytes(members)


# -- xlsx ------------------------------------------------------------------------------

_S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SST_HEAD = f'<sst xmlns="{_S_NS}" count="{{n}}" uniqueCount="{{n}}">'


def _xlsx_frame() -> dict[str, str]:
    """Every part of a minimal .xlsx but the sheet and the shared strings."""
    workbook = (
        f'<workbook xmlns="{_S_NS}" xmlns:r="{_R_NS}"><sheets>'
        '<sheet name="Requirements" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    return {
        "[Content_Types].xml": _content_types(
            {
                "/xl/workbook.xml": "spreadsheetml.sheet.main+xml",
                "/xl/worksheets/sheet1.xml": "spreadsheetml.worksheet+xml",
                "/xl/sharedStrings.xml": "spreadsheetml.sharedStrings+xml",
            }
        ),
        "_rels/.rels": _relationships({"xl/workbook.xml": "officeDocument"}),
        "xl/workbook.xml": _xml("workbook", workbook),
        "xl/_rels/workbook.xml.rels": _relationships(
            {"worksheets/sheet1.xml": "worksheet", "sharedStrings.xml": "sharedStrings"}
        ),
    }


def _xlsx_sheet(rows: Sequence[Sequence[str]], doctype: str = "") -> str:
    """sheet1.xml from rows of ready-made ``<c>`` bodies (``t`` and value), A, B, … columns."""
    xml_rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + col)}{r}" {cell}</c>' for col, cell in enumerate(cells))
        + "</row>"
        for r, cells in enumerate(rows, 1)
    )
    body = f'<worksheet xmlns="{_S_NS}"><sheetData>{xml_rows}</sheetData></worksheet>'
    return _xml("worksheet", body, doctype)


def _xlsx_strings(strings: Sequence[str], doctype: str = "") -> str:
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    return _xml("sst", _SST_HEAD.format(n=len(strings)) + items + "</sst>", doctype)


def xlsx_package(
    texts: Sequence[str], *, inline: bool = False, doctype: str = "", drop: str | None = None
) -> bytes:
    """A minimal .xlsx with columns id, requirement and one row per text (XML fragments).

    The texts are shared strings, or inline strings in the sheet when ``inline``;
    ``doctype`` goes on the part that holds them. ``drop`` names a part to leave out.
    """
    ids = [f"R-{n}" for n in range(1, len(texts) + 1)]
    strings = ["id", "requirement", *ids] + ([] if inline else list(texts))
    rows = [['t="s"><v>0</v>', 't="s"><v>1</v>']]
    for n, text in enumerate(texts):
        second = (
            f't="inlineStr"><is><t xml:space="preserve">{text}</t></is>'
            if inline
            else f't="s"><v>{2 + len(texts) + n}</v>'
        )
        rows.append([f't="s"><v>{2 + n}</v>', second])
    members = _xlsx_frame()
    members["xl/worksheets/sheet1.xml"] = _xlsx_sheet(rows, doctype if inline else "")
    members["xl/sharedStrings.xml"] = _xlsx_strings(strings, "" if inline else doctype)
    if drop is not None:
        del members[drop]
    return zip_bytes(members)


def _xlsx_strings_bomb(path: Path, size: int = 600 * MB) -> None:
    """An .xlsx whose sharedStrings.xml inflates to ``size`` bytes of ``<si><t>x</t></si>``."""
    item = b"<si><t>x</t></si>"
    chunk_items = MB // len(item)
    chunks = size // (chunk_items * len(item))
    count = 2 + chunks * chunk_items
    head = _xml("sst", _SST_HEAD.format(n=count) + "<si><t>id</t></si><si><t>requirement</t></si>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in _xlsx_frame().items():
            archive.writestr(_member(name), content)
        archive.writestr(
            _member("xl/worksheets/sheet1.xml"),
            _xlsx_sheet([['t="s"><v>0</v>', 't="s"><v>1</v>'], ['t="s"><v>2</v>']]),
        )
        with archive.open(_member("xl/sharedStrings.xml"), "w", force_zip64=True) as out:
            out.write(head.encode())
            block = item * chunk_items
            for _ in range(chunks):
                out.write(block)
            out.write(b"</sst>")


# -- odt -------------------------------------------------------------------------------

_ODT_MIME = "application/vnd.oasis.opendocument.text"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def odt_content_xml(texts: Sequence[str], *, doctype: str = "") -> str:
    """content.xml with one ``text:p`` per text (XML fragments, inserted verbatim)."""
    paragraphs = "".join(f"<text:p>{text}</text:p>" for text in texts)
    body = (
        f'<office:document-content xmlns:office="{_OFFICE_NS}" xmlns:text="{_TEXT_NS}" '
        f'office:version="1.2"><office:body><office:text>{paragraphs}'
        "</office:text></office:body></office:document-content>"
    )
    return _xml("office:document-content", body, doctype)


def odt_package(content_xml: str | None, *, manifest: bool = True) -> bytes:
    """A minimal .odt: stored mimetype first, manifest, ``content_xml`` (None: left out)."""
    members: dict[str, str] = {"mimetype": _ODT_MIME}
    if manifest:
        members["META-INF/manifest.xml"] = _xml(
            "manifest:manifest",
            f'<manifest:manifest xmlns:manifest="{_MANIFEST_NS}" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
            f'manifest:media-type="{_ODT_MIME}"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    if content_xml is not None:
        members["content.xml"] = content_xml
    return zip_bytes(members, stored={"mimetype"})


# -- ReqIF -----------------------------------------------------------------------------

_REQIF_HEAD = """\
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" \
xmlns:xhtml="http://www.w3.org/1999/xhtml">
<THE-HEADER><REQ-IF-HEADER IDENTIFIER="header">\
<CREATION-TIME>2024-05-01T10:00:00Z</CREATION-TIME><REQ-IF-TOOL-ID>hostile</REQ-IF-TOOL-ID>\
<REQ-IF-VERSION>1.0</REQ-IF-VERSION><SOURCE-TOOL-ID>hostile</SOURCE-TOOL-ID>\
<TITLE>Permits</TITLE></REQ-IF-HEADER></THE-HEADER>
<CORE-CONTENT><REQ-IF-CONTENT>
<DATATYPES><DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-xhtml" LAST-CHANGE="{t}" \
LONG-NAME="XHTML"/></DATATYPES>
<SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="type-req" LAST-CHANGE="{t}" LONG-NAME="Requirement">\
<SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="att-text" LAST-CHANGE="{t}" \
LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-xhtml\
</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML></SPEC-ATTRIBUTES>\
</SPEC-OBJECT-TYPE><SPECIFICATION-TYPE IDENTIFIER="type-spec" LAST-CHANGE="{t}" \
LONG-NAME="Specification"/></SPEC-TYPES>
"""
_REQIF_OBJECT = (
    '<SPEC-OBJECT IDENTIFIER="req-{n}" LAST-CHANGE="{t}"><TYPE><SPEC-OBJECT-TYPE-REF>'
    "type-req</SPEC-OBJECT-TYPE-REF></TYPE><VALUES><ATTRIBUTE-VALUE-XHTML><DEFINITION>"
    "<ATTRIBUTE-DEFINITION-XHTML-REF>att-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>"
    "<THE-VALUE><xhtml:div>{text}</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML></VALUES>"
    "</SPEC-OBJECT>\n"
)
_REQIF_HIERARCHY = (
    '<SPEC-HIERARCHY IDENTIFIER="h-{n}" LAST-CHANGE="{t}"><OBJECT><SPEC-OBJECT-REF>req-{n}'
    "</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>"
)
_REQIF_TIME = "2024-05-01T10:00:00Z"


def reqif_xml(texts: Sequence[str], *, doctype: str = "") -> str:
    """A ReqIF 1.0 document: one specification, one XHTML spec object per text (fragments)."""
    t = _REQIF_TIME
    objects = "".join(_REQIF_OBJECT.format(n=n, t=t, text=text) for n, text in enumerate(texts))
    children = "".join(_REQIF_HIERARCHY.format(n=n, t=t) for n in range(len(texts)))
    specification = (
        f'<SPECIFICATIONS><SPECIFICATION IDENTIFIER="spec" LAST-CHANGE="{t}" LONG-NAME="Permits">'
        "<TYPE><SPECIFICATION-TYPE-REF>type-spec</SPECIFICATION-TYPE-REF></TYPE>"
        f"<CHILDREN>{children}</CHILDREN></SPECIFICATION></SPECIFICATIONS>\n"
    )
    body = (
        _REQIF_HEAD.format(t=t)
        + f"<SPEC-OBJECTS>\n{objects}</SPEC-OBJECTS>\n{specification}"
        + "</REQ-IF-CONTENT></CORE-CONTENT>\n</REQ-IF>\n"
    )
    return _xml("REQ-IF", body, doctype)


# -- office and xxe --------------------------------------------------------------------


def _office_cases(corpus: _Corpus) -> None:
    docx = docx_package(docx_document_xml(SHALL_LINES))
    xlsx = xlsx_package(SHALL_LINES)
    odt = odt_package(odt_content_xml(SHALL_LINES))
    broken = "<w:p><w:r><w:t>The system shall record permits.</w:p></w:body>"
    hollow = zip_bytes({"[Content_Types].xml": _content_types({})})
    corpus.add_all(
        "office",
        [
            ("docx-truncated", "truncated.docx", "first half of a valid docx", _half(docx)),
            ("docx-hollow", "hollow.docx", "zip with only [Content_Types].xml", hollow),
            (
                "docx-malformed-xml",
                "malformed.docx",
                "word/document.xml is not well-formed",
                docx_package(_xml("w:document", f'<w:document xmlns:w="{_W_NS}"><w:body>{broken}')),
            ),
            ("xlsx-truncated", "truncated.xlsx", "first half of a valid xlsx", _half(xlsx)),
            ("xlsx-hollow", "hollow.xlsx", "zip with only [Content_Types].xml", hollow),
            (
                "xlsx-no-sheet",
                "no-sheet.xlsx",
                "the workbook names sheet1.xml, which is missing",
                xlsx_package(SHALL_LINES, drop="xl/worksheets/sheet1.xml"),
            ),
            ("odt-truncated", "truncated.odt", "first half of a valid odt", _half(odt)),
            (
                "odt-hollow",
                "hollow.odt",
                "zip with only the mimetype member",
                odt_package(None, manifest=False),
            ),
            (
                "odt-malformed-xml",
                "malformed.odt",
                "content.xml is not well-formed",
                odt_package(odt_content_xml(["The system shall <text:span>record permits."])),
            ),
            (
                "reqifz-no-reqif",
                "no-reqif.reqifz",
                "zip holding a readme and an image, no .reqif",
                zip_bytes({"readme.txt": SHALL_TEXT, "figure.png": _randbytes("png", 2048)}),
            ),
            (
                "doc-ole-garbage",
                "ole-garbage.doc",
                "OLE magic followed by random bytes",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _randbytes("ole", 16 * 1024),
            ),
        ],
    )


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _external_entity(uri: str) -> str:
    return f'<!ENTITY xxe SYSTEM "{uri}">'


def billion_laughs() -> str:
    """Ten entity definitions, ``lol9`` expanding to 10**9 copies of 'lol' (about 3 GB)."""
    levels = ['<!ENTITY lol0 "lol">']
    levels += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return "".join(levels)


def _xxe_cases(corpus: _Corpus, secret_uri: str) -> None:
    attacks = {
        "external": (_external_entity(secret_uri), "&xxe;", f"file entity to {secret_uri}"),
        "laughs": (billion_laughs(), "&lol9;", "billion laughs, 10**9 expansion"),
    }
    for kind, (doctype, ref, what) in attacks.items():
        texts = [f"The system shall {ref} record permits.", *SHALL_LINES[1:]]
        reqif = reqif_xml(texts, doctype=doctype).encode()
        packages = {
            "docx": ("docx", docx_package(docx_document_xml(texts, doctype=doctype))),
            "odt": ("odt", odt_package(odt_content_xml(texts, doctype=doctype))),
            "xlsx-shared": ("xlsx", xlsx_package(texts, doctype=doctype)),
            "xlsx-sheet": ("xlsx", xlsx_package(texts, inline=True, doctype=doctype)),
            "reqif": ("reqif", reqif),
            "reqifz": ("reqifz", zip_bytes({"permits.reqif": reqif})),
        }
        corpus.add_all(
            "xxe",
            [
                (f"xxe-{kind}-{label}", f"{kind}-{label}.{suffix}", f"{label}: {what}", data)
                for label, (suffix, data) in packages.items()
            ],
        )


# -- pdf -------------------------------------------------------------------------------

_PDF_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_file(bodies: Sequence[bytes]) -> bytes:
    """A PDF of numbered objects (1, 2, …; 1 is the catalog) with a correct xref table."""
    out = bytearray(_PDF_HEADER)
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("latin-1")


def _page_content(lines: Sequence[str]) -> bytes:
    shown = b" T* ".join(b"(%s) Tj" % _pdf_text(line) for line in lines)
    return b"BT /F1 11 Tf 72 720 Td 14 TL " + shown + b" ET"


def _stream(content: bytes, length: bytes | None = None) -> bytes:
    declared = length if length is not None else b"%d" % len(content)
    return b"<< /Length %s >>\nstream\n%s\nendstream" % (declared, content)


def _page(parent: int, contents: int, font: int) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (parent, font, contents)
    )


def text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A valid Helvetica PDF with one page per entry of ``pages`` (each a list of lines)."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(len(pages)))
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        _FONT,
    ]
    for n, lines in enumerate(pages):
        bodies += [_page(2, 5 + 2 * n, 3), _stream(_page_content(lines))]
    return pdf_file(bodies)


def _looping_pdf(*, kids: bool = False, parent: bool = False, length: bool = False) -> bytes:
    """A one-page PDF (page 3, font 4, content 5) whose Pages /Kids, page /Parent or
    content /Length refers to its own object."""
    kid_refs, count = (b"2 0 R 3 0 R", 2) if kids else (b"3 0 R", 1)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, count),
        _page(3 if parent else 2, 5, 4),
        _FONT,
        _stream(_page_content(SHALL_LINES), b"5 0 R" if length else None),
    ]
    return pdf_file(bodies)


def _wrong_xref(pdf: bytes) -> bytes:
    return re.sub(
        rb"(\d{10}) 00000 n",
        lambda match: b"%010d 00000 n" % (int(match.group(1)) + 17),
        pdf,
    )


def _no_xref(pdf: bytes) -> bytes:
    return pdf[: pdf.rindex(b"xref\n")] + b"trailer\n<< /Size 6 /Root 1 0"


def _encrypted_pdf(user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([SHALL_LINES]))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _many_pages_pdf(path: Path) -> None:
    pages = [[f"3.{n} The system shall record permit {n}."] for n in range(1, 1501)]
    path.write_bytes(text_pdf(pages))


def _pdf_cases(corpus: _Corpus) -> None:
    plain = text_pdf([SHALL_LINES])
    garbage = b"%PDF-1.7\n" + _randbytes("pdf-garbage", 16 * 1024)
    corpus.add_all(
        "pdf",
        [
            (
                "pdf-encrypted-user-password",
                "encrypted-user.pdf",
                "RC4-128 with user password 'pw'",
                _encrypted_pdf("pw", "owner-pw"),
            ),
            (
                "pdf-encrypted-owner-only",
                "encrypted-owner.pdf",
                "RC4-128 with an empty user password (opens with '')",
                _encrypted_pdf("", "owner-pw"),
            ),
            (
                "pdf-xref-wrong",
                "xref-wrong.pdf",
                "every xref offset 17 bytes off",
                _wrong_xref(plain),
            ),
            ("pdf-no-xref", "no-xref.pdf", "no xref table, trailer cut off", _no_xref(plain)),
            ("pdf-kids-self", "kids-self.pdf", "Pages /Kids holds itself", _looping_pdf(kids=True)),
            (
                "pdf-parent-self",
                "parent-self.pdf",
                "page /Parent is itself",
                _looping_pdf(parent=True),
            ),
            (
                "pdf-length-self",
                "length-self.pdf",
                "stream /Length is itself",
                _looping_pdf(length=True),
            ),
            ("pdf-header-garbage", "header-garbage.pdf", "'%PDF-1.7' then random bytes", garbage),
        ],
    )
    corpus.add_all(
        "pdf",
        [("pdf-1500-pages", "pages-1500.pdf", "valid, 1,500 pages of one line", _many_pages_pdf)],
        heavy=True,
    )


# -- size and encoding -----------------------------------------------------------------

_SUBJECTS = ("The system", "The portal", "The permit service", "The back office")
_ACTIONS = (
    "record every permit application",
    "notify the applicant by email",
    "keep an audit log of each change",
    "reject an expired payment card",
    "export the register as CSV every night",
)


def _requirement_block(index: int) -> bytes:
    """About 1 MB of numbered requirement lines under a section heading."""
    lines = [f"Section {index}: Permits\n"]
    size = len(lines[0])
    n = 0
    while size < MB:
        subject = _SUBJECTS[n % len(_SUBJECTS)]
        action = _ACTIONS[(n // len(_SUBJECTS)) % len(_ACTIONS)]
        lines.append(f"{index}.{n} {subject} shall {action} within {n % 59 + 2} minutes.\n")
        size += len(lines[-1])
        n += 1
    return "".join(lines).encode()


def _big_text(path: Path, size: int = 200 * MB) -> None:
    block = _requirement_block(1)
    count = size // len(block)
    heading = b"Section 1: Permits\n"

    def chunks() -> Iterable[bytes]:
        for index in range(1, count + 1):
            yield b"Section %d: Permits\n" % index + block[len(heading) :]

    _write_chunks(path, chunks())


def _one_line(path: Path, size: int = 30 * MB) -> None:
    unit = b"The system shall record permits and notify the applicant; "
    chunk = unit * (MB // len(unit))
    whole, rest = divmod(size, len(chunk))
    _write_chunks(path, [*([chunk] * whole), (unit * (rest // len(unit) + 1))[:rest]])


def _size_cases(corpus: _Corpus) -> None:
    corpus.add_all(
        "size",
        [
            ("size-200mb-txt", "big-200mb.txt", "~200 MB of requirement lines", _big_text),
            (
                "size-one-line-30mb-txt",
                "one-line-30mb.txt",
                "30 MB, one line, no newline",
                _one_line,
            ),
        ],
        heavy=True,
    )


def _encoding_cases(corpus: _Corpus) -> None:
    latin = (
        "The system shall show the café menu in the résumé view.\n"
        "The system shall accept Müller and Jürgen as surnames.\n"
        "The system shall store the Straße name with its ß.\n"
    )
    invalid = (
        b"The system shall record permits.\n"
        b"The system shall \xff\xfe notify the applicant.\n"
        b"The system shall keep \x80\xbf\x80 an audit log.\n"
        b"The system shall reject \xc0\xaf overlong \xe0\x80\xaf slashes.\n"
        b"The system shall end \xed\xa0\x80 with a lone surrogate and a cut \xe2\x82\n"
    )
    markdown = "# Permits\n\n" + SHALL_TEXT
    corpus.add_all(
        "encoding",
        [
            (
                "utf16le-bom-txt",
                "utf16le-bom.txt",
                "UTF-16 LE with BOM",
                codecs.BOM_UTF16_LE + SHALL_TEXT.encode("utf-16-le"),
            ),
            (
                "utf16be-bom-md",
                "utf16be-bom.md",
                "UTF-16 BE with BOM",
                codecs.BOM_UTF16_BE + markdown.encode("utf-16-be"),
            ),
            (
                "utf16le-no-bom-txt",
                "utf16le-no-bom.txt",
                "UTF-16 LE without a BOM",
                SHALL_TEXT.encode("utf-16-le"),
            ),
            ("latin1-txt", "latin1.txt", "Latin-1 with é, ü and ß", latin.encode("latin-1")),
            ("invalid-utf8-txt", "invalid-utf8.txt", "bad UTF-8 inside shall-lines", invalid),
        ],
    )


# -- nesting ---------------------------------------------------------------------------


def _nesting_cases(corpus: _Corpus) -> None:
    depth = NESTING_DEPTH
    line = SHALL_LINES[0]
    divs = f"<html><body>{'<div>' * depth}{line}{'</div>' * depth}</body></html>\n"
    bolds = f"<html><body><p>{'<b>' * depth}{line}</p></body></html>\n"
    rtf = "{\\rtf1\\ansi " + "{" * depth + line + "}" * depth + "}\n"
    corpus.add_all(
        "nesting",
        [
            ("html-deep-divs", "deep-divs.html", f"{depth:,} nested divs", divs.encode()),
            ("htm-unclosed-bold", "unclosed-bold.htm", f"{depth:,} unclosed <b>", bolds.encode()),
            ("rtf-deep-groups", "deep-groups.rtf", f"{depth:,} nested {{ groups", rtf.encode()),
        ],
    )


# -- tables ----------------------------------------------------------------------------


def _csv_rows(path: Path, rows: int = 300_000) -> None:
    def chunks() -> Iterable[bytes]:
        yield b"id,requirement\n"
        for start in range(1, rows + 1, 10_000):
            yield "".join(
                f"R-{n},The system shall record permit {n} for zone {n % 97}.\n"
                for n in range(start, min(start + 10_000, rows + 1))
            ).encode()

    _write_chunks(path, chunks())


def _csv_big_cell(path: Path, size: int = 50 * MB) -> None:
    unit = b'The system shall record ""permits"", quickly, and log them. '
    chunk = unit * (MB // len(unit))
    head = b'id,requirement\nR-1,"'
    tail = b'"\nR-2,The system shall notify the applicant.\n'
    _write_chunks(path, [head, *([chunk] * (size // len(chunk))), tail])


def _table_cases(corpus: _Corpus) -> None:
    broken = (
        b"id,requirement\n"
        b'R-1,"The system shall record permits.\n'
        b"R-2,The system\x00 shall notify the applicant.\n"
        b'R-3,The system shall "keep" an "audit log.\n'
        b'"R-4,The system shall export the register.""\n'
    )
    note = "a NUL byte and mismatched quotes"
    corpus.add_all("table", [("csv-nul-bad-quotes", "nul-bad-quotes.csv", note, broken)])
    corpus.add_all(
        "table",
        [
            ("csv-300k-rows", "rows-300k.csv", "300,000 rows of id,requirement", _csv_rows),
            ("csv-50mb-cell", "cell-50mb.csv", "one quoted 50 MB cell", _csv_big_cell),
            (
                "xlsx-shared-strings-bomb",
                "strings-bomb.xlsx",
                "sharedStrings.xml inflates to 600 MB",
                _xlsx_strings_bomb,
            ),
        ],
        heavy=True,
    )


# -- zip archives ----------------------------------------------------------------------


def _zeros_bomb(path: Path, size: int = 1024 * MB) -> None:
    zeros = bytes(MB)
    with (
        zipfile.ZipFile(path, "w") as archive,
        archive.open(_member("spec.txt"), "w", force_zip64=True) as out,
    ):
        for _ in range(size // MB):
            out.write(zeros)


def _nested_bomb(inner_count: int = 10, members: int = 10, member_size: int = 10 * MB) -> bytes:
    """A zip of zips, each of highly compressible shall-text members (1 GB unpacked)."""
    unit = (SHALL_LINES[0] + "\n").encode()
    text = unit * (member_size // len(unit))
    inner = zip_bytes({f"spec-{n}.txt": text for n in range(members)})
    names = [f"part-{n}.zip" for n in range(inner_count)]
    return zip_bytes(dict.fromkeys(names, inner), stored=names)


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_member("spec.txt"), SHALL_TEXT)
        link = _member("passwd.txt", stored=True, mode=stat.S_IFLNK | 0o777)
        link.create_system = 3
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def _lying_size_zip() -> bytes:
    """A zip whose central directory declares 10 bytes for a ~170-byte member."""
    data = bytearray(zip_bytes({"spec.txt": SHALL_TEXT}))
    entry = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, entry + 24, 10)
    return bytes(data)


def _many_members_zip(count: int = 30_000) -> bytes:
    return zip_bytes(
        {f"specs/spec-{n:05d}.txt": f"The system shall record permit {n}.\n" for n in range(count)}
    )


def _zip_cases(corpus: _Corpus) -> None:
    traversal = zip_bytes({"spec.txt": SHALL_TEXT, "../../evil.txt": SHALL_TEXT})
    absolute = zip_bytes({"spec.txt": SHALL_TEXT, "/tmp/evil.txt": SHALL_TEXT})
    corpus.add_all(
        "zip",
        [("zip-bomb-1gb", "bomb-1gb.zip", "spec.txt: 1 GB of zeros, deflated", _zeros_bomb)],
        heavy=True,
    )
    corpus.add_all(
        "zip",
        [
            ("zip-nested-bomb", "nested-bomb.zip", "10 zips × 10 × 10 MB members", _nested_bomb()),
            ("zip-path-traversal", "traversal.zip", "a member named ../../evil.txt", traversal),
            ("zip-absolute-path", "absolute.zip", "a member named /tmp/evil.txt", absolute),
            (
                "zip-symlink-member",
                "symlink.zip",
                "a symlink member to /etc/passwd",
                _symlink_zip(),
            ),
            (
                "zip-lying-size",
                "lying-size.zip",
                "central directory understates",
                _lying_size_zip(),
            ),
            ("zip-30k-members", "many-members.zip", "30,000 tiny members", _many_members_zip()),
        ],
    )


# -- names and batch -------------------------------------------------------------------

_AWKWARD_NAMES = {
    "name-newline": "spec\nnew.txt",
    "name-unicode": "spéc – ünïcode 规格.md",
    "name-leading-dash": "-rf.txt",
    "name-quotes": "a \"quoted\" 'name'.txt",
    "name-200-chars": "long-" + "n" * 191 + ".txt",
}


def _name_cases(corpus: _Corpus) -> None:
    corpus.add_all(
        "names",
        [
            (name, filename, f"a valid spec named {filename!r}", SHALL_TEXT.encode())
            for name, filename in _AWKWARD_NAMES.items()
        ],
    )


def _batch_case(corpus: _Corpus) -> None:
    note = "specs beside a symlink loop, a FIFO, a dangling symlink and a chmod-000 file"
    corpus.add_all("batch", [("batch-hostile-folder", "hostile", note, build_batch_folder)])


# -- command line ----------------------------------------------------------------------


def _size_of(path: Path) -> int:
    return path.lstat().st_size if not path.is_dir() or path.is_symlink() else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hostile_corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--light", action="store_true", help="skip the heavy cases")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = build(args.out_dir, heavy=not args.light)
    seconds = time.perf_counter() - started
    for case in cases:
        flag = "heavy" if case.heavy else ""
        size = _size_of(case.path)
        print(f"{case.group:9} {case.name:32} {size:>13,} {flag:5} {case.note}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(_size_of(case.path) for case in cases)
    print(f"{len(cases)} cases, {total / MB:,.1f} MB, {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
