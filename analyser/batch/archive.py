"""Where a batch's specs come from: files, folders (recursive) and zip archives, read safely.

``discover`` lists every input without reading its content; ``load`` reads one input's bytes.
Nothing is ever extracted to disk: a zip member is read into memory through a size cap, so a
member path that leaves the archive (``../../etc/passwd``) cannot write anywhere, and it is
refused and recorded all the same. Zip archives nested in a zip are read one level deep.

Origins name an input uniquely and readably: ``specs/a.pdf``, ``specs.zip!/2004/b.docx``,
``specs.zip!/old.zip!/c.txt``.

Examples:
    >>> limits = ArchiveLimits()
    >>> limits.max_file_bytes // 2**20
    50
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from analyser.errors import (
    AnalyserError,
    SpecNotFoundError,
    SpecReadError,
    SpecTooLargeError,
    UnsafeArchiveError,
)
from analyser.readers._archive import is_unsafe_path

ARCHIVE_SUFFIXES = (".zip",)
SEPARATOR = "!/"
# Files that archives and folders carry but that are never specs: not worth a failure row.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
_JUNK_FOLDERS = frozenset({"__macosx", ".git", ".svn"})


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Caps that keep a hostile or broken archive from exhausting memory or time.

    Attributes:
        max_file_bytes: the largest single spec read (on disk or uncompressed in a zip).
        max_archive_bytes: the most uncompressed data read from one archive in all.
        max_ratio: the highest compression ratio a member may have (zip bombs reach 1000+;
            text documents rarely exceed 20).
        max_members: the most members one archive may list.
    """

    max_file_bytes: int = 50 * 2**20
    max_archive_bytes: int = 2 * 2**30
    max_ratio: float = 200.0
    max_members: int = 20_000


@dataclass(frozen=True, slots=True)
class SpecInput:
    """One spec to analyse: a file, or a member of a zip (``members`` is the chain of member
    names inside ``path``: one for a zip member, two inside a nested zip)."""

    origin: str
    name: str
    path: str
    members: tuple[str, ...] = ()
    size: int = 0


@dataclass(frozen=True, slots=True)
class RejectedInput:
    """An input refused before it could be read, with the coded reason."""

    origin: str
    name: str
    error: AnalyserError


def discover(
    paths: Iterable[str | Path],
    *,
    suffixes: tuple[str, ...],
    limits: ArchiveLimits | None = None,
    everything: bool = False,
) -> Iterator[SpecInput | RejectedInput]:
    """Every input under ``paths``, in a stable order. Files named here are always inputs (an
    unsupported one fails when read). In folders and archives, files with one of ``suffixes``
    and archives are; with ``everything``, every other file too (so that a batch can record
    what it could not read), except obvious junk such as ``Thumbs.db`` or ``__MACOSX/``."""
    limits = limits if limits is not None else ArchiveLimits()
    if everything:
        suffixes = _ANY
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not _wanted(child.name, suffixes) or _junk(child.relative_to(path).parts):
                    continue
                if child.is_file():
                    yield from _inputs_of_file(child, suffixes, limits)
                elif not child.is_dir():  # a FIFO, socket, device or dangling link: one row
                    yield RejectedInput(origin=str(child), name=child.name, error=_special(child))
        else:
            yield from _inputs_of_file(path, suffixes, limits)


def load(spec: SpecInput, limits: ArchiveLimits | None = None) -> bytes:
    """The bytes of one input, read through the limits (``AnalyserError`` on any failure)."""
    limits = limits if limits is not None else ArchiveLimits()
    if not spec.members:
        return _read_file(Path(spec.path), limits)
    source: bytes | Path = _check_file(Path(spec.path))
    for depth, member in enumerate(spec.members):
        with _open_zip(source, spec.origin) as archive:
            info = archive.getinfo(member)
            last = depth == len(spec.members) - 1
            cap = limits.max_file_bytes if last else limits.max_archive_bytes
            source = _read_member(archive, info, spec.origin, cap)
    assert isinstance(source, bytes)
    return source


def is_archive(name: str) -> bool:
    return Path(name).suffix.lower() in ARCHIVE_SUFFIXES


# -- private ----------------------------------------------------------------------------


_ANY: tuple[str, ...] = ("*",)


def _wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    return suffixes is _ANY or Path(name).suffix.lower() in suffixes or is_archive(name)


def _junk(parts: tuple[str, ...]) -> bool:
    if any(part.lower() in _JUNK_FOLDERS for part in parts[:-1]):
        return True
    name = parts[-1]
    return name.lower() in _JUNK_NAMES or name.startswith("._") or name.startswith("~$")


def _inputs_of_file(
    path: Path, suffixes: tuple[str, ...], limits: ArchiveLimits
) -> Iterator[SpecInput | RejectedInput]:
    origin = str(path)
    if not is_archive(path.name):
        yield SpecInput(origin=origin, name=path.name, path=origin, size=_size(path))
        return
    try:
        archive = _check_file(path)  # read member by member, never whole: no size cap
        yield from _members(archive, origin, origin, (), suffixes, limits)
    except AnalyserError as error:
        yield RejectedInput(origin=origin, name=path.name, error=error)


def _members(
    data: bytes | Path,
    path: str,
    origin: str,
    chain: tuple[str, ...],
    suffixes: tuple[str, ...],
    limits: ArchiveLimits,
) -> Iterator[SpecInput | RejectedInput]:
    """The spec members of one archive (``data``), and those of the archives inside it."""
    with _open_zip(data, origin) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > limits.max_members:
            raise UnsafeArchiveError(
                f"'{origin}' lists {len(infos):,} files; the limit is {limits.max_members:,}. "
                "Split the archive, or raise the limit if it is trusted."
            )
        total = 0
        over_budget: UnsafeArchiveError | None = None
        for info in infos:
            member_origin = f"{origin}{SEPARATOR}{info.filename}"
            name = PurePosixPath(info.filename).name
            if _junk(PurePosixPath(info.filename).parts) or not _wanted(name, suffixes):
                continue
            try:
                if over_budget is not None:
                    raise over_budget
                _check_member(info, member_origin, limits)
                total += info.file_size
                if total > limits.max_archive_bytes:
                    over_budget = UnsafeArchiveError(
                        f"'{origin}' expands to more than {_mb(limits.max_archive_bytes)} in "
                        f"all; from '{info.filename}' on, its members are not read."
                    )
                    raise over_budget
                if is_archive(name):
                    yield from _nested(archive, info, path, member_origin, chain, suffixes, limits)
                    continue
            except AnalyserError as error:
                yield RejectedInput(origin=member_origin, name=name, error=error)
                continue
            yield SpecInput(
                origin=member_origin,
                name=name,
                path=path,
                members=(*chain, info.filename),
                size=info.file_size,
            )


def _nested(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    path: str,
    origin: str,
    chain: tuple[str, ...],
    suffixes: tuple[str, ...],
    limits: ArchiveLimits,
) -> Iterator[SpecInput | RejectedInput]:
    if chain:
        raise UnsafeArchiveError(
            f"'{origin}' is an archive inside an archive inside an archive; only one level "
            "of nesting is read. Unpack it first."
        )
    inner = _read_member(archive, info, origin, limits.max_archive_bytes)
    try:
        yield from _members(inner, path, origin, (info.filename,), suffixes, limits)
    except AnalyserError as error:  # the nested archive as a whole is unreadable or unsafe
        yield RejectedInput(origin=origin, name=PurePosixPath(info.filename).name, error=error)


def _check_member(info: zipfile.ZipInfo, origin: str, limits: ArchiveLimits) -> None:
    if is_unsafe_path(info.filename):
        raise UnsafeArchiveError(
            f"'{origin}' has a path that leaves the archive ('{info.filename}'). It was not "
            "read: such archives are made to overwrite files when unpacked."
        )
    if info.flag_bits & 0x1:
        raise SpecReadError(
            f"'{origin}' is encrypted. Unpack it with its password and analyse the files."
        )
    if info.file_size > limits.max_file_bytes:
        raise SpecTooLargeError(
            f"'{origin}' is {_mb(info.file_size)} uncompressed; the limit is "
            f"{_mb(limits.max_file_bytes)}. Raise --max-size if the file is trusted."
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 2**20 and ratio > limits.max_ratio:
        raise UnsafeArchiveError(
            f"'{origin}' is compressed {ratio:,.0f} to 1 (the limit is "
            f"{limits.max_ratio:,.0f}): a zip bomb, or not a document. It was not read."
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str, cap: int) -> bytes:
    """Read a member through a cap: the sizes an archive declares can lie."""
    try:
        with archive.open(info) as handle:
            data = handle.read(cap + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise SpecReadError(
            f"'{origin}' could not be unpacked ({exc}). The archive may be damaged."
        ) from exc
    except NotImplementedError as exc:  # e.g. an unsupported compression method
        raise SpecReadError(f"'{origin}' uses a compression this reader lacks ({exc}).") from exc
    if len(data) > cap:
        raise UnsafeArchiveError(
            f"'{origin}' expands to more than {_mb(cap)}, more than its archive declares. "
            "It was not read."
        )
    return data


def _open_zip(source: bytes | Path, origin: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise SpecReadError(
            f"'{origin}' is not a readable zip archive ({exc}). It may be damaged or "
            "incomplete: download or create it again."
        ) from exc


def _read_file(path: Path, limits: ArchiveLimits) -> bytes:
    _check_file(path, limits.max_file_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise _open_error(path, exc) from exc
    if len(data) > limits.max_file_bytes:
        raise SpecTooLargeError(
            f"'{path}' grew past the limit of {_mb(limits.max_file_bytes)} while being read."
        )
    return data


def _check_file(path: Path, cap: int | None = None) -> Path:
    """``path``, once it is known to be a regular file no larger than ``cap``."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _open_error(path, exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise SpecNotFoundError(f"'{path}' is not a regular file.")
    if cap is not None and info.st_size > cap:
        raise SpecTooLargeError(
            f"'{path}' is {_mb(info.st_size)}; the limit is {_mb(cap)}. "
            "Raise --max-size if the file is trusted."
        )
    return path


def _special(path: Path) -> SpecNotFoundError:
    """Why a folder entry that is neither a file nor a folder is not read (it is never opened:
    reading a FIFO would wait for a writer for ever)."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):
        what = "a link to a file that does not exist"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a device or other special file"
    return SpecNotFoundError(f"'{path}' is {what}, not a regular file; it was not read.")


def _open_error(path: Path, exc: OSError) -> AnalyserError:
    if isinstance(exc, FileNotFoundError):
        return SpecNotFoundError(f"'{path}' does not exist. Check the path.")
    if isinstance(exc, PermissionError):
        return SpecReadError(f"'{path}' cannot be opened: permission denied.")
    return SpecReadError(f"'{path}' cannot be opened ({exc.strerror or exc}).")


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f} MB"
