"""Uploaded ZIP packages (.reqifz, .odt): safe member names, entry count and size caps.

A package is read in memory and never unpacked to disk. Still, a member with an absolute
or ``..`` path only comes from a crafted archive, so the whole file is refused; and every
read is capped, so that a small upload cannot expand into gigabytes (a "zip bomb").
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence

from analyser.errors import SpecReadError, UnsafeArchiveError

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes unpacked from one package (members not read: free)


def open_archive(data: bytes, *, name: str, advice: str) -> zipfile.ZipFile:
    """Open a ZIP package and check its entry count and every member's path.

    Args:
        data: The uploaded bytes.
        name: The file name, for messages.
        advice: What the user can do when the package is unreadable.

    Raises:
        SpecReadError: The bytes are not a readable ZIP archive, or hold too many entries.
        UnsafeArchiveError: A member's path is absolute or climbs out with "..".
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise SpecReadError(f"'{name}' is not a readable ZIP package ({exc}). {advice}") from exc
    if len(members) > MAX_MEMBERS:
        raise SpecReadError(
            f"'{name}' holds {len(members):,} files; at most {MAX_MEMBERS:,} are accepted. "
            "Export the spec again without unrelated attachments."
        )
    unsafe = next((m.filename for m in members if is_unsafe_path(m.filename)), None)
    if unsafe is not None:
        raise UnsafeArchiveError(
            f"'{name}' was refused: it holds a file with an unsafe path ('{unsafe}'), which "
            "only a crafted archive has. Export the spec again from the tool that made it."
        )
    return archive


def check_package(data: bytes, *, name: str, advice: str) -> None:
    """Refuse an Office package whose members would unpack to more than ``MAX_UNCOMPRESSED``
    before a library that reads it whole (python-docx, openpyxl) unpacks anything. Python's
    zipfile never reads past a member's declared size, so the declared sizes are a bound.

    Raises:
        SpecReadError, UnsafeArchiveError: as ``open_archive``; or too much data declared.
    """
    with open_archive(data, name=name, advice=advice) as archive:
        if sum(member.file_size for member in archive.infolist()) > MAX_UNCOMPRESSED:
            raise _too_large(name)


def read_members(
    archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo], *, name: str
) -> list[bytes]:
    """The uncompressed contents of ``members``, at most ``MAX_UNCOMPRESSED`` bytes in all.

    Raises:
        SpecReadError: The declared or actual sizes exceed the cap, or a member is
            encrypted, damaged or compressed with a method Python cannot read.
    """
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNCOMPRESSED:
        raise _too_large(name)
    contents: list[bytes] = []
    budget = MAX_UNCOMPRESSED
    for member in members:
        try:
            with archive.open(member) as stream:
                content = stream.read(budget + 1)
        except RuntimeError as exc:  # zipfile's "File … is encrypted, password required"
            raise SpecReadError(
                f"'{name}' is password-protected ('{member.filename}' is encrypted). "
                "Export it again without a password."
            ) from exc
        except (*_ZIP_ERRORS, NotImplementedError) as exc:
            raise SpecReadError(
                f"'{name}' is damaged: '{member.filename}' cannot be unpacked ({exc}). "
                "Export the spec again."
            ) from exc
        if len(content) > budget:
            raise _too_large(name)
        budget -= len(content)
        contents.append(content)
    return contents


# -- private ---------------------------------------------------------------------------

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError)
_DRIVE = re.compile(r"^[A-Za-z]:")


def is_unsafe_path(path: str) -> bool:
    """Whether a member path would leave the archive when unpacked: absolute, a drive
    letter, or a ``..`` step (with either kind of slash)."""
    parts = re.split(r"[/\\]", path)
    return path.startswith(("/", "\\")) or bool(_DRIVE.match(path)) or ".." in parts


def _too_large(name: str) -> UnsafeArchiveError:
    return UnsafeArchiveError(
        f"'{name}' would unpack to more than {MAX_UNCOMPRESSED // 2**20} MB, more than a "
        "spec needs (it may be a ZIP bomb). Check the file, or split the spec into smaller "
        "exports."
    )
