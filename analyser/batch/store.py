"""The batch results database: one SQLite row per spec, committed as soon as it is known.

SQLite in WAL mode, from the standard library. Each row is keyed by the spec's origin (its path,
or ``archive.zip!/member``), and remembers the content hash, the settings hash and the analyser
version it was scored with, so a rerun can tell which specs are already done. Only the batch's
one writer writes; readers (the export, the app's Portfolio page) may read while it runs.

Examples:
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with ResultStore(pathlib.Path(folder) / "results.sqlite") as store:
    ...         store.count()
    0
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal

from analyser.errors import ResultStoreError
from analyser.records import Report
from analyser.report import from_json

SCHEMA_VERSION = 2  # 2: the scope review's counts (older databases gain the columns)
Status = Literal["scored", "failed"]


@dataclass(frozen=True, slots=True)
class SpecRecord:
    """One spec's row: what it is, how it was scored, and the result or the coded failure.

    ``score`` is the 0–100 breadth score (the share of reference specs that are narrower);
    ``top_problems`` names the largest problems with their sizes (``"Permits (31); Appeals
    (12)"``); ``n_defects`` … ``missing_checks`` count the scope review's findings (``None``
    for a spec scored by an analyser before 0.2);
    ``report_json`` is the full report in the report contract (``None`` for failures, and
    when rows are listed without reports).
    """

    origin: str
    name: str
    status: Status
    analyser_version: str
    settings_hash: str
    sha256: str | None = None
    format: str | None = None
    size_bytes: int | None = None
    error_code: str | None = None
    error_message: str | None = None
    n_requirements: int | None = None
    n_problems: int | None = None
    score: float | None = None
    verdict: str | None = None
    breadth_index: float | None = None
    top_problems: str | None = None
    n_defects: int | None = None  # writing defects found in the requirements
    n_with_defects: int | None = None  # requirements with at least one
    risks_missing: int | None = None  # delivery-risk checks whose status is "missing"
    risks_weak: int | None = None
    missing_checks: str | None = None  # their ids: "information; change"
    report_json: str | None = None
    seconds: float | None = None
    created_at: str | None = None
    updated_at: str | None = None

    def as_twin(self, origin: str, name: str) -> SpecRecord:
        """This row for another input with the same content and suffix: its origin and name,
        and its report and error message speaking of that file, not of this one."""
        report_json = self.report_json
        if report_json is not None:
            report = json.loads(report_json)
            report["source"]["name"] = name
            report_json = json.dumps(report, ensure_ascii=False)
        message = self.error_message
        if message is not None:
            message = message.replace(f"'{self.name}'", f"'{name}'").replace(self.origin, origin)
        return replace(
            self,
            origin=origin,
            name=name,
            report_json=report_json,
            error_message=message,
            seconds=0.0,
        )

    def same_run(self, sha256: str | None, settings_hash: str, analyser_version: str) -> bool:
        """Whether this row holds the result of analysing this content with these settings."""
        return (
            sha256 is not None
            and self.sha256 == sha256
            and self.settings_hash == settings_hash
            and self.analyser_version == analyser_version
        )


class ResultStore:
    """Open (creating if need be) a results database.

    Args:
        path: the SQLite file.
        read_only: open without the right to write (the file must exist).

    Raises:
        ResultStoreError: the file is not a SQLite database, is another application's
            database, was written by a newer analyser, or cannot be created.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise ResultStoreError(
                f"No results database at '{self.path}'. Create one with "
                f"'analyser batch SPECS... --db {self.path.name}'."
            )
        try:
            if read_only:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._prepare(read_only)
        except sqlite3.Error as exc:
            raise ResultStoreError(
                f"'{self.path}' cannot be used as a results database ({exc}). Give another "
                "path with --db, or remove the file if it is a damaged results database."
            ) from exc
        except OSError as exc:
            raise ResultStoreError(f"'{self.path}' cannot be created ({exc}).") from exc

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str = "uploaded.sqlite") -> ResultStore:
        """A read-only store over a database file's bytes, held in memory (an upload, say):
        nothing is written to disk."""
        store = cls.__new__(cls)
        store.path = Path(name)
        try:
            store._db = sqlite3.connect(":memory:", check_same_thread=False)
            store._db.deserialize(data)
            store._db.row_factory = sqlite3.Row
            store._prepare(read_only=True)
        except sqlite3.Error as exc:
            raise ResultStoreError(
                f"'{name}' is not a results database ({exc}). Upload the .sqlite file that "
                "'analyser batch --db' wrote."
            ) from exc
        return store

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def record(self, row: SpecRecord) -> SpecRecord:
        """Insert or replace the row of ``row.origin`` and commit it; returns the row as
        stored (with its timestamps)."""
        now = _now()
        previous = self._db.execute(
            "SELECT created_at FROM specs WHERE origin = ?", (row.origin,)
        ).fetchone()
        row = replace(row, created_at=previous[0] if previous else now, updated_at=now)
        values = asdict(row)
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        with self._db:  # one transaction per spec: a kill loses at most the specs in flight
            self._db.execute(f"INSERT OR REPLACE INTO specs ({columns}) VALUES ({marks})", values)
        return row

    def get(self, origin: str) -> SpecRecord | None:
        found = self._db.execute("SELECT * FROM specs WHERE origin = ?", (origin,)).fetchone()
        return _record(found) if found else None

    def find_scored(
        self, sha256: str, settings_hash: str, analyser_version: str, *, suffix: str = ""
    ) -> SpecRecord | None:
        """A scored row with the same content, settings and file suffix (which chooses the
        reader), under any origin: a duplicate."""
        found = self._db.execute(
            "SELECT * FROM specs WHERE sha256 = ? AND settings_hash = ? AND analyser_version = ?"
            " AND status = 'scored'",
            (sha256, settings_hash, analyser_version),
        ).fetchall()
        same = (row for row in found if Path(row["name"]).suffix.lower() == suffix.lower())
        first = next(same, None)
        return _record(first) if first else None

    def records(self, *, status: Status | None = None, reports: bool = False) -> list[SpecRecord]:
        """Rows ranked broadest first (failures last, by origin); ``reports`` also loads the
        full report JSON of each."""
        present = {row[1] for row in self._db.execute("PRAGMA table_info(specs)")}
        wanted = (f for f in _COLUMNS if f in present and (reports or f != "report_json"))
        columns = ", ".join(wanted)  # a read-only database from 0.1 lacks the review's columns
        where = "WHERE status = ?" if status else ""
        query = (
            f"SELECT {columns} FROM specs {where} "
            "ORDER BY score IS NULL, score DESC, breadth_index DESC, origin"
        )
        return [_record(row) for row in self._db.execute(query, (status,) if status else ())]

    def report(self, origin: str) -> Report:
        """The full report of a scored spec."""
        row = self.get(origin)
        if row is None or row.report_json is None:
            raise ResultStoreError(f"No report for '{origin}' in '{self.path}'.")
        return from_json(row.report_json)

    def count(self, status: Status | None = None) -> int:
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        (n,) = self._db.execute(f"SELECT COUNT(*) FROM specs {where}", args).fetchone()
        return int(n)

    def origins(self) -> Iterator[str]:
        for (origin,) in self._db.execute("SELECT origin FROM specs ORDER BY origin"):
            yield origin

    def _prepare(self, read_only: bool) -> None:
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if version > SCHEMA_VERSION:
            raise ResultStoreError(
                f"'{self.path}' was written by a newer analyser (database schema {version}; "
                f"this analyser reads {SCHEMA_VERSION}). Upgrade the analyser."
            )
        if tables and "specs" not in tables:
            raise ResultStoreError(
                f"'{self.path}' is a SQLite database, but not an analyser results database. "
                "Give another path with --db."
            )
        if read_only:
            if "specs" not in tables:
                raise ResultStoreError(f"'{self.path}' holds no results yet.")
            return
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints
        self._db.execute("PRAGMA busy_timeout = 10000")
        with self._db:
            self._db.executescript(_SCHEMA)
            present = {row[1] for row in self._db.execute("PRAGMA table_info(specs)")}
            for column, kind in _ADDED_COLUMNS:  # a database from an earlier analyser
                if column not in present:
                    self._db.execute(f"ALTER TABLE specs ADD COLUMN {column} {kind}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# -- private ----------------------------------------------------------------------------

_COLUMNS = tuple(f.name for f in fields(SpecRecord))
_SCHEMA = """
CREATE TABLE IF NOT EXISTS specs (
    origin TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scored', 'failed')),
    analyser_version TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    sha256 TEXT,
    format TEXT,
    size_bytes INTEGER,
    error_code TEXT,
    error_message TEXT,
    n_requirements INTEGER,
    n_problems INTEGER,
    score REAL,
    verdict TEXT,
    breadth_index REAL,
    top_problems TEXT,
    n_defects INTEGER,
    n_with_defects INTEGER,
    risks_missing INTEGER,
    risks_weak INTEGER,
    missing_checks TEXT,
    report_json TEXT,
    seconds REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS specs_by_content ON specs (sha256, settings_hash);
CREATE INDEX IF NOT EXISTS specs_by_score ON specs (score DESC);
"""


_ADDED_COLUMNS = (  # schema 2
    ("n_defects", "INTEGER"),
    ("n_with_defects", "INTEGER"),
    ("risks_missing", "INTEGER"),
    ("risks_weak", "INTEGER"),
    ("missing_checks", "TEXT"),
)


def _record(row: sqlite3.Row) -> SpecRecord:
    return SpecRecord(**{key: row[key] for key in row.keys()})  # noqa: SIM118 (sqlite3.Row)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
