"""ReqIF requirement exchange files: .reqif XML and .reqifz ZIP packages (``reqif`` package).

Each specification's hierarchy is walked in document order. An object with a chapter name
(``ReqIF.ChapterName``), or with children and a short, heading-like text, is a heading at
its depth; every other object with text is a paragraph whose ``ref`` is the object's own
id (``ReqIF.ForeignID``, else an id-named attribute, else its IDENTIFIER), which the
extract stage keeps as the requirement id. The text is ``ReqIF.Text`` (XHTML → plain
text), else the longest other string or XHTML value. Several specifications become
level-1 headings of their own. A .reqifz is read for its .reqif members only; attachments
are never unpacked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from lxml import etree
from reqif.models.reqif_types import SpecObjectAttributeType
from reqif.parser import ReqIFParser

from analyser.errors import SpecReadError
from analyser.readers._archive import open_archive, read_members
from analyser.readers._structure import first_heading, with_sections
from analyser.readers._text import clean_text
from analyser.records import Block, SpecDocument, SpecSource


def read_reqif(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a ReqIF file, or every .reqif file inside a .reqifz package, in order."""
    if data.startswith(_ZIP_MAGIC):
        files = _package_files(data, source.name)
    else:
        files = [(source.name, data)]
    bundles = [_parse(content, name=source.name, member=member) for member, content in files]
    specifications = [(bundle, spec) for bundle in bundles for spec in _specifications(bundle)]
    several = len(specifications) > 1
    blocks: list[Block] = []
    for bundle, specification in specifications:
        name = clean_text(specification.long_name or "")
        if several:
            blocks.append(Block(kind="heading", text=name or specification.identifier, level=1))
        blocks.extend(_hierarchy_blocks(bundle, specification.children or (), top=1 + several))
    if not specifications:
        blocks = [block for bundle in bundles for block in _loose_objects(bundle)]
    sectioned = with_sections(blocks)
    title = _title(specifications, bundles) or first_heading(sectioned)
    return SpecDocument(source=source, blocks=sectioned, title=title)


# -- private ---------------------------------------------------------------------------

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ADVICE = "Export the spec from the requirements tool again as .reqifz or .reqif."
_HEADING_NAMES = ("chaptername", "object heading", "heading")
_TEXT_NAMES = ("text", "object text", "description")
_ID_NAMES = ("foreignid", "id", "identifier", "object identifier", "req id", "requirement id")
_TITLE_NAMES = ("name", "title")
_MODAL = re.compile(r"\b(?:shall|must|should|will|may)\b", re.I)
_BLOCK_TAGS = {"div", "p", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _package_files(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The .reqif members of a .reqifz package and their bytes."""
    with open_archive(data, name=name, advice=_ADVICE) as archive:
        members = [
            member
            for member in archive.infolist()
            if member.filename.lower().endswith(".reqif") and not member.is_dir()
        ]
        if not members:
            found = ", ".join(archive.namelist()[:5]) or "nothing"
            raise SpecReadError(
                f"'{name}' holds no .reqif file (found: {found}). A .reqifz package must "
                f"contain at least one ReqIF document. {_ADVICE}"
            )
        contents = read_members(archive, members, name=name)
    return [(member.filename, content) for member, content in zip(members, contents, strict=True)]


def _parse(content: bytes, *, name: str, member: str) -> Any:
    """One ReqIF document → a ``ReqIFBundle``; entity declarations are refused."""
    where = name if member == name else f"{member}' in '{name}"
    try:
        root = etree.fromstring(content, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise SpecReadError(f"'{where}' is not well-formed XML ({exc}). {_ADVICE}") from exc
    if root.getroottree().docinfo.doctype:
        raise SpecReadError(
            f"'{where}' declares a DOCTYPE, which ReqIF files never need; it was refused "
            f"for safety. {_ADVICE}"
        )
    if etree.QName(root).localname != "REQ-IF":
        raise SpecReadError(
            f"'{where}' is XML but not ReqIF (its root element is "
            f"<{etree.QName(root).localname}>, not <REQ-IF>). {_ADVICE}"
        )
    try:
        return ReqIFParser.parse_from_string(etree.tostring(root, encoding="unicode"))
    except Exception as exc:  # the reqif package raises bare asserts and AttributeErrors
        raise SpecReadError(
            f"'{where}' does not follow the ReqIF schema ({type(exc).__name__}: {exc}). {_ADVICE}"
        ) from exc


def _specifications(bundle: Any) -> list[Any]:
    content = bundle.core_content.req_if_content if bundle.core_content else None
    return list(content.specifications or ()) if content is not None else []


def _hierarchy_blocks(bundle: Any, children: Sequence[Any], *, top: int) -> Iterator[Block]:
    """The blocks of a specification's objects, depth first, in document order."""
    stack = [(child, top) for child in reversed(children)]
    while stack:
        node, depth = stack.pop()
        spec_object = bundle.lookup.spec_objects_lookup.get(node.spec_object)
        if spec_object is not None:
            yield from _object_blocks(bundle, spec_object, depth, has_children=bool(node.children))
        stack.extend((child, depth + 1) for child in reversed(node.children or ()))


def _loose_objects(bundle: Any) -> Iterator[Block]:
    """Objects of a file without a specification hierarchy, in file order."""
    content = bundle.core_content.req_if_content if bundle.core_content else None
    for spec_object in (content.spec_objects or ()) if content is not None else ():
        yield from _object_blocks(bundle, spec_object, 1, has_children=False)


def _object_blocks(bundle: Any, spec_object: Any, depth: int, *, has_children: bool) -> list[Block]:
    values = _named_values(bundle, spec_object)
    heading = _first(values, _HEADING_NAMES)
    title = _first(values, _TITLE_NAMES)
    text = _first(values, _TEXT_NAMES) or _longest_other(values)
    ref = _first(values, _ID_NAMES) or spec_object.identifier
    if not heading and has_children:
        if text and _looks_like_heading(text) and not title:
            heading, text = text, ""
        else:
            heading = title if title != text else ""
    blocks = []
    if heading:
        blocks.append(Block(kind="heading", text=heading, level=depth))
    if not heading and not text:
        text = title
    if text and text != heading:
        blocks.append(Block(kind="paragraph", text=text, ref=ref))
    return blocks


def _named_values(bundle: Any, spec_object: Any) -> dict[str, tuple[str, bool]]:
    """Attribute long name (lower case, "ReqIF." dropped) → (plain text, is it prose?)."""
    spec_type = bundle.lookup.spec_types_lookup.get(spec_object.spec_object_type)
    definitions = getattr(spec_type, "attribute_map", None) or {}
    values: dict[str, tuple[str, bool]] = {}
    for attribute in spec_object.attributes:
        kind = attribute.attribute_type
        if kind == SpecObjectAttributeType.XHTML:
            text = _xhtml_text(attribute.xml_node)
        elif kind in (SpecObjectAttributeType.STRING, SpecObjectAttributeType.INTEGER):
            text = clean_text(str(attribute.value))
        else:
            continue  # enumerations, dates, reals, booleans: not text
        definition = definitions.get(attribute.definition_ref)
        long_name = (definition.long_name if definition else None) or attribute.definition_ref
        key = long_name.lower().removeprefix("reqif.").strip()
        if text:
            values[key] = (text, kind != SpecObjectAttributeType.INTEGER)
    return values


def _first(values: dict[str, tuple[str, bool]], names: Sequence[str]) -> str:
    return next((values[name][0] for name in names if name in values), "")


def _longest_other(values: dict[str, tuple[str, bool]]) -> str:
    known = {*_HEADING_NAMES, *_ID_NAMES, *_TITLE_NAMES}
    prose = [
        text
        for key, (text, is_prose) in values.items()
        if is_prose and key not in known and not key.startswith(("foreign", "chapter", "prefix"))
    ]
    return max(prose, key=len, default="")


def _looks_like_heading(text: str) -> bool:
    return (
        len(text.split()) <= 12
        and not text.endswith((".", ":", ";", "?", "!"))
        and not _MODAL.search(text)
    )


def _xhtml_text(value: Any) -> str:
    """The plain text of an ATTRIBUTE-VALUE-XHTML element (block elements → spaces)."""
    the_value = value.find("THE-VALUE") if value is not None else None
    if the_value is None:
        return ""
    parts: list[str] = []
    for event, element in etree.iterwalk(the_value, events=("start", "end")):
        is_element = isinstance(element.tag, str)
        is_block = is_element and etree.QName(element).localname in _BLOCK_TAGS
        if event == "start":
            parts.append(" " if is_block else "")
            parts.append(element.text or "" if is_element else "")
        elif element is not the_value:
            parts.append(" " if is_block else "")
            parts.append(element.tail or "")
    return clean_text("".join(parts))


def _title(specifications: Sequence[tuple[Any, Any]], bundles: Sequence[Any]) -> str | None:
    if len(specifications) == 1 and specifications[0][1].long_name:
        return clean_text(specifications[0][1].long_name)
    header = bundles[0].req_if_header if bundles else None
    return clean_text(header.title or "") if header is not None and header.title else None
