"""Reading archives safely: every member found or refused with a coded reason, nothing lost."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from analyser.batch.archive import ArchiveLimits, RejectedInput, SpecInput, discover, load
from analyser.readers import SUPPORTED_SUFFIXES

from .conftest import SAMPLES

TEXT = (SAMPLES / "parking-permits.txt").read_bytes()


def _zip(path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _by_origin(items: list[SpecInput | RejectedInput]) -> dict[str, SpecInput | RejectedInput]:
    return {item.origin.split("!/", 1)[-1]: item for item in items}


def _found(paths: list[Path], limits: ArchiveLimits | None = None) -> dict:
    return _by_origin(list(discover(paths, suffixes=SUPPORTED_SUFFIXES, limits=limits)))


def test_folders_are_searched_recursively_and_junk_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_bytes(TEXT)
    (tmp_path / "top.md").write_bytes(TEXT)
    (tmp_path / "Thumbs.db").write_bytes(b"junk")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "top.md").write_bytes(b"resource fork")
    specs = list(discover([tmp_path], suffixes=SUPPORTED_SUFFIXES))
    assert [Path(s.origin).relative_to(tmp_path).as_posix() for s in specs] == [
        "a/b/deep.txt",
        "top.md",
    ]
    everything = list(discover([tmp_path], suffixes=SUPPORTED_SUFFIXES, everything=True))
    names = sorted(Path(s.origin).name for s in everything)
    assert names == ["deep.txt", "figure.png", "top.md"]  # junk and resource forks are not


def test_members_of_a_zip_and_of_a_zip_inside_it_are_read_in_memory(tmp_path: Path) -> None:
    inner = _zip_bytes({"inner/spec.txt": TEXT})
    archive = _zip(
        tmp_path / "specs.zip",
        {"2004/first.txt": TEXT, "nested.zip": inner, "notes/readme.png": b"\x89PNG"},
    )
    found = _found([archive])
    assert set(found) == {"2004/first.txt", "nested.zip!/inner/spec.txt"}
    nested = found["nested.zip!/inner/spec.txt"]
    assert isinstance(nested, SpecInput) and nested.members == ("nested.zip", "inner/spec.txt")
    assert nested.origin == f"{archive}!/nested.zip!/inner/spec.txt"
    assert load(nested) == TEXT
    assert load(found["2004/first.txt"]) == TEXT  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs.zip"]  # nothing unpacked


def test_a_member_whose_path_leaves_the_archive_is_refused(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "evil.zip",
        {"../../outside.txt": TEXT, "/etc/absolute.txt": TEXT, "fine.txt": TEXT},
    )
    found = _found([archive])
    for name in ("../../outside.txt", "/etc/absolute.txt"):
        item = found[name]
        assert isinstance(item, RejectedInput) and item.error.code == "A010"
        assert "leaves the archive" in item.error.message
    assert isinstance(found["fine.txt"], SpecInput)
    assert not (tmp_path.parent / "outside.txt").exists()


def test_a_zip_bomb_member_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"0" * (20 * 2**20), "ok.txt": TEXT})
    found = _found([archive])
    bomb = found["bomb.txt"]
    assert isinstance(bomb, RejectedInput) and bomb.error.code == "A010"
    assert "compressed" in bomb.error.message and "zip bomb" in bomb.error.message
    assert isinstance(found["ok.txt"], SpecInput)


def test_an_oversized_member_is_refused_with_the_limit(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "big.zip", {"big.txt": TEXT * 10}, compression=zipfile.ZIP_STORED)
    limits = ArchiveLimits(max_file_bytes=len(TEXT))
    item = _found([archive], limits)["big.txt"]
    assert isinstance(item, RejectedInput) and item.error.code == "A009"
    assert "the limit is" in item.error.message


def test_an_archive_past_its_total_budget_records_every_unread_member(tmp_path: Path) -> None:
    members = {f"spec-{i}.txt": TEXT for i in range(5)}
    archive = _zip(tmp_path / "many.zip", members, compression=zipfile.ZIP_STORED)
    limits = ArchiveLimits(max_archive_bytes=int(len(TEXT) * 2.5))
    found = _found([archive], limits)
    assert {name.rsplit("!/", 1)[-1] for name in found} == set(members)  # read, or refused
    codes = [getattr(found[name], "error", None) for name in sorted(members)]
    assert codes[:2] == [None, None]
    assert all(error is not None and error.code == "A010" for error in codes[2:])


def test_archives_nested_two_deep_and_damaged_ones_are_refused(tmp_path: Path) -> None:
    two_deep = _zip_bytes({"middle.zip": _zip_bytes({"spec.txt": TEXT})})
    archive = _zip(tmp_path / "deep.zip", {"outer.zip": two_deep, "broken.zip": b"PK\x03\x04xx"})
    found = _found([archive])
    deep = found["outer.zip!/middle.zip"]
    assert isinstance(deep, RejectedInput) and deep.error.code == "A010"
    broken = found["broken.zip"]
    assert isinstance(broken, RejectedInput) and broken.error.code == "A003"
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(_zip_bytes({"spec.txt": TEXT})[:100])
    (item,) = discover([truncated], suffixes=SUPPORTED_SUFFIXES)
    assert isinstance(item, RejectedInput) and item.error.code == "A003"


def test_an_encrypted_member_is_refused_with_advice(tmp_path: Path) -> None:
    data = bytearray(_zip_bytes({"secret.txt": TEXT}))
    # Set the encryption flag, as a password-protected archive does, in both headers.
    data[6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    item = _found([path])["secret.txt"]
    assert isinstance(item, RejectedInput) and item.error.code == "A003"
    assert "encrypted" in item.error.message


def test_too_large_and_missing_files_are_coded(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT * 3)
    (item,) = discover([big], suffixes=SUPPORTED_SUFFIXES)
    with pytest.raises(Exception, match=r"^\[A009\]"):
        load(item, ArchiveLimits(max_file_bytes=len(TEXT)))  # type: ignore[arg-type]
    (missing,) = discover([tmp_path / "nope.txt"], suffixes=SUPPORTED_SUFFIXES)
    with pytest.raises(Exception, match=r"^\[A001\]"):
        load(missing)  # type: ignore[arg-type]
