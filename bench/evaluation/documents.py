"""A structured mix → a real-looking specification (Markdown or Word).

Front matter, then one chapter per system in the mix's order, its requirements in the system's
own order, grouped into sub-sections by feature where the data labels features, then a closing
chapter of the quality requirements. Clause numbers (``3.2.4``) identify the requirements, as
they do in many tenders. Headings are neutral ("Requirements area B", "Topic 2"): they say where
a writer drew a line, never which system a chapter came from, so the analyser gets the
document's shape as evidence but not the answer.
"""

from __future__ import annotations

import datetime
import io
import string
import zipfile
from collections.abc import Iterator

from bench.evaluation.mixes import Mix, MixRow

_INTRODUCTION = (
    "This specification sets out the requirements for the system to be procured. Each "
    "requirement has a clause number; the supplier shall state for each clause whether the "
    "proposed solution meets it."
)
Chapter = tuple[str, list[tuple[str | None, list[str]]]]
_WHEN = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def render_document(mix: Mix) -> bytes:
    chapters = list(_chapters(mix))
    if mix.format == "docx":
        return _docx(mix, chapters)
    return _markdown(mix, chapters)


def _chapters(mix: Mix) -> Iterator[Chapter]:
    """(heading, [(sub-heading or None, [numbered requirement lines])]), numbered from 2."""
    functional = [row for row in mix.rows if row.functional]
    if mix.family == "long-focused":
        units = _by_feature(functional)  # one system: each feature a chapter
        parts: list[list[tuple[str | None, list[MixRow]]]] = [[(None, rows)] for _, rows in units]
    else:
        parts = []
        for system in mix.systems:
            rows = [row for row in functional if row.system == system]
            features = _by_feature(rows)
            named = len(features) > 1 and all(label is not None for label, _ in features)
            parts.append(
                [
                    (f"Topic {n}" if named else None, group)
                    for n, (_, group) in enumerate(features, start=1)
                ]
                if named
                else [(None, rows)]
            )
    for number, sections in enumerate(parts, start=2):
        heading = f"{number} Requirements area {_letter(number - 2)}"
        body = []
        for sub, (title, rows) in enumerate(sections, start=1):
            prefix = f"{number}.{sub}" if title else f"{number}"
            sub_heading = f"{number}.{sub} {title}" if title else None
            body.append(
                (sub_heading, [f"{prefix}.{n} {row.text}" for n, row in enumerate(rows, start=1)])
            )
        yield heading, body
    quality = [row for row in mix.rows if not row.functional]
    if quality:
        number = len(parts) + 2
        yield (
            f"{number} Non-functional requirements",
            [(None, [f"{number}.{n} {row.text}" for n, row in enumerate(quality, start=1)])],
        )


def _by_feature(rows: list[MixRow]) -> list[tuple[str | None, list[MixRow]]]:
    """Rows grouped by feature label in order of first appearance; features of fewer than three
    rows go together at the end (a writer would not give one story a chapter of its own)."""
    groups: dict[str | None, list[MixRow]] = {}
    for row in rows:
        groups.setdefault(row.feature, []).append(row)
    large = [(label, group) for label, group in groups.items() if len(group) >= 3]
    small = [row for label, group in groups.items() if len(group) < 3 for row in group]
    if small:
        large.append((None if not large else "other", small))
    return large or [(None, rows)]


def _letter(index: int) -> str:
    letters = string.ascii_uppercase
    return (
        letters[index]
        if index < len(letters)
        else f"{letters[index // 26 - 1]}{letters[index % 26]}"
    )


def _markdown(mix: Mix, chapters: list[Chapter]) -> bytes:
    lines = [
        f"# Requirements specification {mix.name.upper()}",
        "",
        "## 1 Introduction",
        "",
        _INTRODUCTION,
    ]
    for heading, sections in chapters:
        lines += ["", f"## {heading}"]
        for sub_heading, requirements in sections:
            if sub_heading:
                lines += ["", f"### {sub_heading}"]
            for requirement in requirements:
                lines += ["", requirement]
    return ("\n".join(lines) + "\n").encode()


def _docx(mix: Mix, chapters: list[Chapter]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(f"Requirements specification {mix.name.upper()}", level=0)
    document.add_heading("1 Introduction", level=1)
    document.add_paragraph(_INTRODUCTION)
    for heading, sections in chapters:
        document.add_heading(heading, level=1)
        for sub_heading, requirements in sections:
            if sub_heading:
                document.add_heading(sub_heading, level=2)
            for requirement in requirements:
                document.add_paragraph(requirement)
    document.core_properties.created = document.core_properties.modified = _WHEN
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps: one mix always renders the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)),
                            source.read(info.filename))  # fmt: skip
    return out.getvalue()
