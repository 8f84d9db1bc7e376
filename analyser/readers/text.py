"""Plain-text specs (.txt): decoded, then the shared line → block logic."""

from __future__ import annotations

from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import decode_text
from analyser.records import Location, SpecDocument, SpecSource


def read_text(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a plain-text spec: numbered/ALL-CAPS headings, list items, wrapped paragraphs."""
    text = decode_text(data, name=source.name)
    lines = [
        Line(line, Location(line=number)) for number, line in enumerate(text.splitlines(), start=1)
    ]
    blocks = build_blocks(lines)
    return SpecDocument(source=source, blocks=blocks, title=first_heading(blocks))
