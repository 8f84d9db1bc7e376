"""The read stage for ReqIF (.reqif/.reqifz), OpenDocument text (.odt), RTF and Word 97–2003
(.doc): structure, ids and coded errors.

ReqIF, ODT and RTF files are written by hand into ``tmp_path`` or memory. There is no .doc
writer here, so .doc tests read the real PURE documents beside the repository (never
writing there) and skip, saying why, when that folder or the ``antiword`` program is absent.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from analyser import Analyser
from analyser.errors import (
    AnalyserError,
    SpecReadError,
    UnsafeArchiveError,
    UnsupportedFormatError,
)
from analyser.readers import read_spec
from analyser.readers._archive import MAX_UNCOMPRESSED
from analyser.records import SpecDocument

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None,
    reason="antiword is not installed (sudo apt-get install antiword)",
)


def read_bytes(name: str, data: bytes) -> SpecDocument:
    return read_spec(name, data=data, name=name)


def outline(document: SpecDocument) -> list[tuple[str, str, tuple[str, ...], str | None]]:
    return [(block.kind, block.text, block.section, block.ref) for block in document.blocks]


# -- ReqIF -----------------------------------------------------------------------------

REQIF_HEAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"
        xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <THE-HEADER>
    <REQ-IF-HEADER IDENTIFIER="header">
      <CREATION-TIME>2024-05-01T10:00:00Z</CREATION-TIME>
      <REQ-IF-TOOL-ID>hand</REQ-IF-TOOL-ID>
      <REQ-IF-VERSION>1.0</REQ-IF-VERSION>
      <SOURCE-TOOL-ID>hand</SOURCE-TOOL-ID>
      <TITLE>Parking permits export</TITLE>
    </REQ-IF-HEADER>
  </THE-HEADER>
  <CORE-CONTENT>
    <REQ-IF-CONTENT>
      <DATATYPES>
        <DATATYPE-DEFINITION-STRING IDENTIFIER="dt-string" LAST-CHANGE="2024-05-01T10:00:00Z"
            LONG-NAME="String" MAX-LENGTH="4000"/>
        <DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-xhtml" LAST-CHANGE="2024-05-01T10:00:00Z"
            LONG-NAME="XHTML"/>
      </DATATYPES>
      <SPEC-TYPES>
        <SPEC-OBJECT-TYPE IDENTIFIER="type-requirement" LAST-CHANGE="2024-05-01T10:00:00Z"
            LONG-NAME="Requirement Type">
          <SPEC-ATTRIBUTES>
            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="att-chapter"
                LAST-CHANGE="2024-05-01T10:00:00Z" LONG-NAME="ReqIF.ChapterName">
              <TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>
            </ATTRIBUTE-DEFINITION-STRING>
            <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="att-text"
                LAST-CHANGE="2024-05-01T10:00:00Z" LONG-NAME="ReqIF.Text">
              <TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-xhtml</DATATYPE-DEFINITION-XHTML-REF></TYPE>
            </ATTRIBUTE-DEFINITION-XHTML>
            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="att-foreign-id"
                LAST-CHANGE="2024-05-01T10:00:00Z" LONG-NAME="ReqIF.ForeignID">
              <TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>
            </ATTRIBUTE-DEFINITION-STRING>
          </SPEC-ATTRIBUTES>
        </SPEC-OBJECT-TYPE>
        <SPECIFICATION-TYPE IDENTIFIER="type-specification" LAST-CHANGE="2024-05-01T10:00:00Z"
            LONG-NAME="Specification Type"/>
      </SPEC-TYPES>
      <SPEC-OBJECTS>
"""
REQIF_TAIL = """\
    </REQ-IF-CONTENT>
  </CORE-CONTENT>
</REQ-IF>
"""
# (object identifier, chapter name, XHTML text, foreign id, children)
REQIF_TREE = [
    ("ch-apply", "Applications", None, None, [
        ("req-1", None, "<xhtml:div><xhtml:p>The portal <xhtml:b>shall</xhtml:b> let residents "
         "apply for a parking permit online.</xhtml:p></xhtml:div>", "PP-1", []),
        ("req-2", None, "<xhtml:div><xhtml:p>The portal shall check the vehicle with the "
         "DVLA:</xhtml:p><xhtml:ul><xhtml:li>its registration</xhtml:li><xhtml:li>its tax "
         "status</xhtml:li></xhtml:ul></xhtml:div>", "PP-2", []),
    ]),
    ("ch-pay", "Payments", None, None, [
        ("req-3", None, "<xhtml:div>The portal shall accept card payments.</xhtml:div>",
         "PAY-1", []),
        ("ch-refund", "Refunds", None, None, [
            ("req-4", None, "<xhtml:div>The portal shall refund a cancelled permit within "
             "5&#160;days.</xhtml:div>", None, []),
        ]),
    ]),
]  # fmt: skip


def reqif_xml(tree: list | None = None, *, name: str = "Parking permit portal") -> str:
    """A ReqIF 1.0 document with one specification whose hierarchy is ``tree``."""
    tree = REQIF_TREE if tree is None else tree
    objects: list[str] = []

    def spec_object(identifier: str, chapter: str | None, text: str | None, foreign: str | None):
        values = []
        if chapter is not None:
            values.append(
                f'<ATTRIBUTE-VALUE-STRING THE-VALUE="{chapter}"><DEFINITION>'
                "<ATTRIBUTE-DEFINITION-STRING-REF>att-chapter</ATTRIBUTE-DEFINITION-STRING-REF>"
                "</DEFINITION></ATTRIBUTE-VALUE-STRING>"
            )
        if text is not None:
            values.append(
                "<ATTRIBUTE-VALUE-XHTML><DEFINITION>"
                "<ATTRIBUTE-DEFINITION-XHTML-REF>att-text</ATTRIBUTE-DEFINITION-XHTML-REF>"
                f"</DEFINITION><THE-VALUE>{text}</THE-VALUE></ATTRIBUTE-VALUE-XHTML>"
            )
        if foreign is not None:
            values.append(
                f'<ATTRIBUTE-VALUE-STRING THE-VALUE="{foreign}"><DEFINITION>'
                "<ATTRIBUTE-DEFINITION-STRING-REF>att-foreign-id"
                "</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>"
            )
        objects.append(
            f'<SPEC-OBJECT IDENTIFIER="{identifier}" LAST-CHANGE="2024-05-01T10:00:00Z">'
            "<TYPE><SPEC-OBJECT-TYPE-REF>type-requirement</SPEC-OBJECT-TYPE-REF></TYPE>"
            f"<VALUES>{''.join(values)}</VALUES></SPEC-OBJECT>\n"
        )

    def hierarchy(nodes: list) -> str:
        parts = []
        for identifier, chapter, text, foreign, children in nodes:
            spec_object(identifier, chapter, text, foreign)
            inner = f"<CHILDREN>{hierarchy(children)}</CHILDREN>" if children else ""
            parts.append(
                f'<SPEC-HIERARCHY IDENTIFIER="h-{identifier}" LAST-CHANGE="2024-05-01T10:00:00Z">'
                f"<OBJECT><SPEC-OBJECT-REF>{identifier}</SPEC-OBJECT-REF></OBJECT>{inner}"
                "</SPEC-HIERARCHY>"
            )
        return "".join(parts)

    children = hierarchy(tree)
    specification = (
        "<SPECIFICATIONS>"
        f'<SPECIFICATION IDENTIFIER="spec-{len(name)}" LAST-CHANGE="2024-05-01T10:00:00Z" '
        f'LONG-NAME="{name}"><TYPE><SPECIFICATION-TYPE-REF>type-specification'
        f"</SPECIFICATION-TYPE-REF></TYPE><CHILDREN>{children}</CHILDREN></SPECIFICATION>"
        "</SPECIFICATIONS>\n"
    )
    return REQIF_HEAD + "".join(objects) + "</SPEC-OBJECTS>\n" + specification + REQIF_TAIL


def make_zip(members: dict[str, bytes], *, stored: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


APPLY, PAY = ("Applications",), ("Payments",)
REQIF_EXPECTED = [
    ("heading", "Applications", APPLY, None),
    ("paragraph", "The portal shall let residents apply for a parking permit online.", APPLY,
     "PP-1"),
    ("paragraph", "The portal shall check the vehicle with the DVLA: its registration its tax "
     "status", APPLY, "PP-2"),
    ("heading", "Payments", PAY, None),
    ("paragraph", "The portal shall accept card payments.", PAY, "PAY-1"),
    ("heading", "Refunds", (*PAY, "Refunds"), None),
    ("paragraph", "The portal shall refund a cancelled permit within 5 days.",
     (*PAY, "Refunds"), "req-4"),
]  # fmt: skip


def test_reqif_chapters_become_sections_and_object_ids_become_refs(tmp_path: Path) -> None:
    path = tmp_path / "permits.reqif"
    path.write_text(reqif_xml(), encoding="utf-8")
    document = read_spec(path)
    assert document.source.format == "reqif"
    assert document.title == "Parking permit portal"
    assert outline(document) == REQIF_EXPECTED


def test_reqifz_reads_its_reqif_members_and_ignores_attachments(tmp_path: Path) -> None:
    members = {
        "permits.reqif": reqif_xml().encode(),
        "files/diagram.png": b"\x89PNG\r\n\x1a\n" + bytes(300),
        "files/notes.xml": b"<notes>not a spec</notes>",
    }
    path = tmp_path / "permits.reqifz"
    path.write_bytes(make_zip(members))
    document = read_spec(path)
    assert document.source.format == "reqif"
    assert outline(document) == REQIF_EXPECTED


def test_several_specifications_each_become_a_top_level_heading() -> None:
    second = [("ch-fees", "Fees", None, None, [
        ("fee-1", None, "<xhtml:p>The council shall set the permit fees.</xhtml:p>", "FEE-1", []),
    ])]  # fmt: skip
    data = make_zip(
        {
            "a/permits.reqif": reqif_xml().encode(),
            "b/fees.reqif": reqif_xml(second, name="Fees").encode(),
        }
    )
    document = read_bytes("bundle.reqifz", data)
    sections = {block.ref: block.section for block in document.blocks if block.ref}
    assert sections["PP-1"] == ("Parking permit portal", "Applications")
    assert sections["FEE-1"] == ("Fees", "Fees")
    assert document.title == "Parking permits export"  # the header's, as no single spec names it


def test_reqif_requirements_keep_their_ids_and_sections(fast_analyser: Analyser) -> None:
    report = fast_analyser.analyse_bytes(reqif_xml().encode(), name="permits.reqif")
    found = {(requirement.id, requirement.section) for requirement in report.requirements}
    assert found == {
        ("PP-1", "Applications"),
        ("PP-2", "Applications"),
        ("PAY-1", "Payments"),
        ("req-4", "Refunds"),
    }


def test_reqif_objects_with_children_are_headings_only_when_their_text_is_a_title() -> None:
    tree = [
        ("title", None, "<xhtml:p>Renewals</xhtml:p>", "T-1", [
            ("parent", None, "<xhtml:p>The portal shall remind holders before expiry.</xhtml:p>",
             "REN-1", [
                ("child", None, "<xhtml:p>The reminder shall be sent by email.</xhtml:p>",
                 "REN-2", []),
            ]),
        ]),
    ]  # fmt: skip
    document = read_bytes("renewals.reqif", reqif_xml(tree).encode())
    assert outline(document) == [
        ("heading", "Renewals", ("Renewals",), None),
        ("paragraph", "The portal shall remind holders before expiry.", ("Renewals",), "REN-1"),
        ("paragraph", "The reminder shall be sent by email.", ("Renewals",), "REN-2"),
    ]


@pytest.mark.parametrize("member", ["../evil.reqif", "/etc/evil.reqif", "C:/evil.reqif"])
def test_reqifz_with_an_unsafe_member_path_is_refused(member: str) -> None:
    data = make_zip({"spec.reqif": reqif_xml().encode(), member: reqif_xml().encode()})
    with pytest.raises(UnsafeArchiveError, match=r"^\[A010\] .*unsafe path") as caught:
        read_bytes("upload.reqifz", data)
    assert member in str(caught.value)


def test_reqifz_that_unpacks_beyond_the_cap_is_refused() -> None:
    buffer = io.BytesIO()
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("bomb.reqif", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_UNCOMPRESSED // len(chunk) + 1):
            member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < MAX_UNCOMPRESSED // 100  # a small upload, a huge declared size
    with pytest.raises(UnsafeArchiveError, match=r"^\[A010\] .*more than 200 MB"):
        read_bytes("bomb.reqifz", data)


def test_reqifz_without_a_reqif_file_says_so() -> None:
    data = make_zip({"readme.txt": b"The system shall run.", "img/a.png": b"\x89PNG"})
    with pytest.raises(SpecReadError, match=r"^\[A003\] .*holds no \.reqif file"):
        read_bytes("empty.reqifz", data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (reqif_xml()[:-40], "not well-formed XML"),
        ('<?xml version="1.0"?><SPEC><REQ/></SPEC>', "not ReqIF"),
        (
            '<?xml version="1.0"?><!DOCTYPE R [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<REQ-IF>&x;</REQ-IF>",
            "DOCTYPE",
        ),
        (reqif_xml().replace('IDENTIFIER="req-3" ', ""), "ReqIF schema"),
    ],
    ids=["truncated", "other-xml", "external-entity", "object-without-identifier"],
)
def test_malformed_reqif_is_a_coded_read_error(data: str, message: str) -> None:
    with pytest.raises(SpecReadError, match=rf"^\[A003\] .*{message}"):
        read_bytes("broken.reqif", data.encode())


# -- OpenDocument text -----------------------------------------------------------------

ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
ODT_BODY = """\
<text:sequence-decls/>
<text:table-of-content><text:index-body>
  <text:p>1 Applications 2</text:p><text:p>2 Payments 3</text:p>
</text:index-body></text:table-of-content>
<text:h text:outline-level="1">Parking permit portal</text:h>
<text:p>This specification covers resident parking permits.</text:p>
<text:h text:outline-level="2"><text:span>Applica</text:span>tions</text:h>
<text:p>The portal <text:span>shall</text:span> let residents<text:s text:c="3"/>apply<text:tab/>\
online.<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>A \
footnote.</text:p></text:note-body></text:note></text:p>
<text:p>Each applicant needs:<text:line-break/>a vehicle registered at the address.</text:p>
<text:list>
  <text:list-item><text:p>The portal shall show the permit price.</text:p></text:list-item>
  <text:list-item><text:p>The portal shall email a receipt.</text:p>
    <text:list><text:list-item><text:p>with the permit number</text:p></text:list-item></text:list>
  </text:list-item>
</text:list>
<text:section text:name="payments">
<text:h text:outline-level="2">Payments</text:h>
<table:table table:name="Requirements">
  <table:table-column table:number-columns-repeated="2"/>
  <table:table-header-rows><table:table-row>
    <table:table-cell><text:p>ID</text:p></table:table-cell>
    <table:table-cell><text:p>Requirement</text:p></table:table-cell>
  </table:table-row></table:table-header-rows>
  <table:table-row>
    <table:table-cell><text:p>PAY-1</text:p></table:table-cell>
    <table:table-cell><text:p>The portal shall accept card payments.</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell><text:p>PAY-2</text:p></table:table-cell>
    <table:table-cell><text:p>The portal shall <text:a>refund</text:a> a cancelled \
permit.</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="1000"/>
  </table:table-row>
</table:table>
</text:section>
"""


def make_odt(
    body: str = ODT_BODY,
    *,
    title: str = "Permits",
    mimetype: bytes = b"application/vnd.oasis.opendocument.text",
    manifest: bytes = b"",
) -> bytes:
    """An .odt package as LibreOffice writes it: "mimetype" first and stored."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NAMESPACES} '
        f'office:version="1.3"><office:body><office:text>{body}</office:text></office:body>'
        "</office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
        f"<dc:title>{title}</dc:title></office:meta></office:document-meta>"
    )
    members = {
        "mimetype": mimetype,
        "content.xml": content.encode(),
        "meta.xml": meta.encode(),
        "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        + manifest
        + b"</manifest:manifest>",
    }
    return make_zip(members, stored=("mimetype",))


PORTAL = ("Parking permit portal",)
ODT_APPLY, ODT_PAY = (*PORTAL, "Applications"), (*PORTAL, "Payments")
ODT_EXPECTED = [
    ("heading", "Parking permit portal", PORTAL, None),
    ("paragraph", "This specification covers resident parking permits.", PORTAL, None),
    ("heading", "Applications", ODT_APPLY, None),
    ("paragraph", "The portal shall let residents apply online.", ODT_APPLY, None),
    ("paragraph", "Each applicant needs: a vehicle registered at the address.", ODT_APPLY, None),
    ("list_item", "The portal shall show the permit price.", ODT_APPLY, None),
    ("list_item", "The portal shall email a receipt.", ODT_APPLY, None),
    ("list_item", "with the permit number", ODT_APPLY, None),
    ("heading", "Payments", ODT_PAY, None),
    ("table_row", "ID | Requirement", ODT_PAY, None),
    ("table_row", "The portal shall accept card payments.", ODT_PAY, "PAY-1"),
    ("table_row", "The portal shall refund a cancelled permit.", ODT_PAY, "PAY-2"),
]


def test_odt_headings_paragraphs_lists_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "permits.odt"
    path.write_bytes(make_odt())
    document = read_spec(path)
    assert document.source.format == "odt"
    assert document.title == "Permits"
    assert outline(document) == ODT_EXPECTED
    assert len(document.blocks[-1].cells) <= 64  # "repeated 1000 times" is capped


def test_odt_requirements_keep_their_sections_and_table_ids(fast_analyser: Analyser) -> None:
    report = fast_analyser.analyse_bytes(make_odt(), name="permits.odt")
    found = {(requirement.text, requirement.section) for requirement in report.requirements}
    assert ("The portal shall let residents apply online.", "Applications") in found
    assert ("The portal shall email a receipt.", "Applications") in found
    ids = {requirement.id: requirement.section for requirement in report.requirements}
    assert ids["PAY-1"] == ids["PAY-2"] == "Payments"


def test_packages_are_told_apart_by_their_content() -> None:
    """ZIP packages are routed by their members, whatever the suffix claims."""
    word = docx.Document()
    word.add_paragraph("The portal shall accept card payments.")
    buffer = io.BytesIO()
    word.save(buffer)
    reqifz = make_zip({"spec.reqif": reqif_xml().encode()})
    assert read_bytes("really-odt.docx", make_odt()).source.format == "odt"
    assert read_bytes("really-docx.odt", buffer.getvalue()).source.format == "docx"
    assert read_bytes("no-suffix", make_odt()).source.format == "odt"
    assert read_bytes("export.reqifz", reqifz).source.format == "reqif"
    assert read_bytes("really-reqifz.docx", reqifz).source.format == "reqif"
    assert read_bytes("export.reqif", reqifz).source.format == "reqif"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (make_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "no content.xml"),
        (make_odt()[:300], "not a readable ZIP package"),
        (make_odt("<text:p>unclosed"), "not well-formed XML"),
        (make_odt(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"), "not a text"),
        (b"plain text renamed to odt", "not a ZIP package"),
        (make_odt(manifest=b"<manifest:encryption-data/>"), "password-protected"),
        (make_odt('<!DOCTYPE x [<!ENTITY e "boom">]><text:p>&e;</text:p>'), "DOCTYPE"),
    ],
    ids=["no-content", "truncated", "bad-xml", "spreadsheet", "not-zip", "encrypted", "dtd"],
)
def test_damaged_odt_is_a_coded_read_error_saying_what_to_do(data: bytes, message: str) -> None:
    with pytest.raises(SpecReadError, match=rf"^\[A003\] .*{message}") as caught:
        read_bytes("broken.odt", data)
    assert "LibreOffice" in str(caught.value) or "Export" in str(caught.value)


# -- RTF -------------------------------------------------------------------------------

RTF_SPEC = r"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}
{\info{\title Parking permits}}
\pard\plain 1 Introduction\par
\pard This document describes the parking permit service.\par
\pard 2 Functional requirements\par
\pard 2.1 Applications\par
\pard The portal shall let residents apply for a permit online.\par
\pard\'95\tab The portal shall show the permit price before payment.\par
\pard 2.2 Payments\par
\trowd\cellx2000\cellx7000\pard\intbl ID\cell\pard\intbl Requirement\cell\row
\trowd\cellx2000\cellx7000\pard\intbl PAY-1\cell\pard\intbl The portal shall accept card
 payments.\cell\row
\pard Prices are set by the council | not by the portal.\par
}"""
INTRO, FR = ("1 Introduction",), ("2 Functional requirements",)
RTF_EXPECTED = [
    ("heading", "1 Introduction", INTRO, None),
    ("paragraph", "This document describes the parking permit service.", INTRO, None),
    ("heading", "2 Functional requirements", FR, None),
    ("heading", "2.1 Applications", (*FR, "2.1 Applications"), None),
    ("paragraph", "The portal shall let residents apply for a permit online.",
     (*FR, "2.1 Applications"), None),
    ("list_item", "The portal shall show the permit price before payment.",
     (*FR, "2.1 Applications"), None),
    ("heading", "2.2 Payments", (*FR, "2.2 Payments"), None),
    ("table_row", "ID | Requirement", (*FR, "2.2 Payments"), None),
    ("table_row", "The portal shall accept card payments.", (*FR, "2.2 Payments"), "PAY-1"),
    ("paragraph", "Prices are set by the council | not by the portal.", (*FR, "2.2 Payments"),
     None),
]  # fmt: skip


@pytest.mark.parametrize("name", ["permits.rtf", "permits.txt", "permits.doc", "permits"])
def test_rtf_paragraphs_numbered_headings_and_tables(name: str) -> None:
    """Whatever the suffix says (.txt, .doc, none), RTF content is read as RTF."""
    document = read_bytes(name, RTF_SPEC.encode("cp1252"))
    assert document.source.format == "rtf"
    assert outline(document) == RTF_EXPECTED


def test_rtf_requirements_keep_their_sections(fast_analyser: Analyser) -> None:
    report = fast_analyser.analyse_bytes(RTF_SPEC.encode(), name="permits.rtf")
    found = {(requirement.id[:3], requirement.section) for requirement in report.requirements}
    assert ("PAY", "2.2 Payments") in found
    sections = {requirement.text: requirement.section for requirement in report.requirements}
    assert sections["The portal shall let residents apply for a permit online."] == (
        "2.1 Applications"
    )


def test_text_saved_under_a_word_processor_suffix_is_read_as_text() -> None:
    document = read_bytes("notes.rtf", b"2.1 Payments\n\nThe system shall take card payments.\n")
    assert document.source.format == "txt"
    assert outline(document)[-1][2] == ("2.1 Payments",)


# -- Word 97-2003 (.doc) ---------------------------------------------------------------


def test_doc_without_antiword_says_how_to_install_or_convert(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: antiword cannot be found
    with pytest.raises(UnsupportedFormatError, match=r"^\[A002\]") as caught:
        read_bytes("legacy.doc", OLE_MAGIC + bytes(2048))
    message = str(caught.value)
    assert "apt-get install antiword" in message
    assert "libreoffice --headless --convert-to docx" in message


@needs_antiword
@pytest.mark.parametrize("name", ["damaged.doc", "damaged", "renamed.docx"])
def test_damaged_doc_is_a_coded_read_error(name: str) -> None:
    garbage = OLE_MAGIC + random.Random(3).randbytes(4096)
    with pytest.raises(SpecReadError, match=r"^\[A003\] .*antiword: ") as caught:
        read_bytes(name, garbage)
    assert "not a Word Document" in str(caught.value)
    assert "/tmp" not in str(caught.value)  # the temporary path is not shown


def test_text_or_binary_claimed_as_doc() -> None:
    assert read_bytes("letter.doc", b"The system shall print letters.").source.format == "txt"
    with pytest.raises(SpecReadError, match=r"^\[A003\] .*not a Word 97"):
        read_bytes("old.doc", b"\xd0\xcf\x11\xe0 legacy word \x00\x01\x02")


@pytest.fixture(scope="module")
def pure_documents(shared_data: Path) -> Path:
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (sudo apt-get install antiword)")
    return shared_data / "pure" / "documents"


@pytest.mark.realdata
def test_every_pure_doc_and_rtf_original_is_read(pure_documents: Path) -> None:
    paths = sorted(
        path for path in pure_documents.iterdir() if path.suffix.lower() in (".doc", ".rtf")
    )
    assert len(paths) >= 10
    titles = {}
    for path in paths:
        document = read_spec(path)
        kinds = {block.kind for block in document.blocks}
        assert document.source.format == path.suffix.lower()[1:], path.name
        assert {"heading", "paragraph", "list_item", "table_row"} <= kinds, path.name
        assert not any(block.text.startswith("|") for block in document.blocks), path.name
        titles[path.name] = document.title
    assert titles["2000 - nasa x38.doc"] == "X-38 FTSS SRS/IRS"  # from its summary information


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "at_least"), [("2007 - e-store.doc", 100), ("2004 - e-procurement.rtf", 30)]
)
def test_pure_doc_and_rtf_through_the_analyser(
    pure_documents: Path, fast_analyser: Analyser, name: str, at_least: int
) -> None:
    report = fast_analyser.analyse_path(pure_documents / name)
    assert len(report.requirements) >= at_least
    assert report.problems
    assert all("|" not in requirement.text for requirement in report.requirements)


# -- robustness ------------------------------------------------------------------------


def _new_format_files() -> dict[str, bytes]:
    return {
        ".reqif": reqif_xml().encode(),
        ".reqifz": make_zip({"spec.reqif": reqif_xml().encode(), "a.png": bytes(100)}),
        ".odt": make_odt(),
        ".rtf": RTF_SPEC.encode(),
    }


@pytest.mark.parametrize("suffix", sorted(_new_format_files()))
def test_damaged_new_format_files_never_raise_anything_else(suffix: str) -> None:
    """Truncations and flipped bytes: a document or a coded error, nothing else."""
    data = _new_format_files()[suffix]
    rng = random.Random(suffix)
    variants = [data[: len(data) * cut // 10] for cut in (1, 3, 5, 7, 9)]
    for _ in range(12):
        damaged = bytearray(data)
        for position in rng.sample(range(len(damaged)), k=8):
            damaged[position] = rng.randrange(256)
        variants.append(bytes(damaged))
    for variant in variants:
        try:
            read_bytes("damaged" + suffix, variant)
        except AnalyserError as error:
            assert str(error).startswith("[A0")
