"""The portfolio view of a results database: a league table of specs, broadest first.

Used by ``analyser export`` and by the app's Portfolio page.

Examples:
    >>> import tempfile, pathlib
    >>> from analyser.batch.store import ResultStore
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with ResultStore(pathlib.Path(folder) / "results.sqlite") as store:
    ...         list(league_table(store).columns[:4])
    ['rank', 'name', 'verdict', 'score']
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

import pandas as pd

from analyser.batch.store import ResultStore, SpecRecord
from analyser.errors import ConfigError

ExportFormat = Literal["csv", "jsonl", "parquet"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "parquet")

LEAGUE_COLUMNS = (
    "rank",
    "name",
    "verdict",
    "score",
    "portfolio_percentile",
    "breadth_index",
    "n_problems",
    "n_requirements",
    "top_problems",
    "n_with_defects",
    "n_defects",
    "risks_missing",
    "risks_weak",
    "missing_checks",
    "format",
    "origin",
    "sha256",
    "analyser_version",
    "settings_hash",
    "updated_at",
)
FAILURE_COLUMNS = ("status", "error_code", "error_message")


def league_table(store: ResultStore, *, include_failed: bool = False) -> pd.DataFrame:
    """Scored specs ranked by breadth score (1 = broadest).

    ``score`` is the spec's percentile against the packaged reference distribution (0–100);
    ``portfolio_percentile`` is its percentile within this database: the share of the scored
    specs here that score lower (ties, itself included, count half). With
    ``include_failed``, the specs that could not be scored follow, unranked, with their
    error code and message.
    """
    scored = _frame(store.records(status="scored"))
    scored["rank"] = range(1, len(scored) + 1)
    if len(scored):
        scored["portfolio_percentile"] = (
            (scored["score"].rank(method="average") - 0.5) / len(scored) * 100
        ).round(1)
    else:
        scored["portfolio_percentile"] = pd.Series(dtype=float)
    columns = list(LEAGUE_COLUMNS)
    if not include_failed:
        return scored[columns].reset_index(drop=True)
    failed = _frame(store.records(status="failed"))
    failed["rank"] = pd.NA
    failed["portfolio_percentile"] = pd.NA
    columns += FAILURE_COLUMNS
    frames = [frame[columns] for frame in (scored, failed) if len(frame)]
    if not frames:
        return scored.reindex(columns=columns)
    return pd.concat(frames, ignore_index=True)


def render_league(table: pd.DataFrame, export_format: str) -> bytes:
    """The table as CSV, JSON Lines or Parquet bytes."""
    if export_format == "csv":
        return table.to_csv(index=False).encode()
    if export_format == "jsonl":
        text = table.to_json(orient="records", lines=True, force_ascii=False)
        return (text if text.endswith("\n") or not text else text + "\n").encode()
    if export_format == "parquet":
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ConfigError(
        f"Unknown export format '{export_format}'. Choose one of: {', '.join(EXPORT_FORMATS)}."
    )


def write_league(table: pd.DataFrame, export_format: str, out: Path) -> None:
    out.write_bytes(render_league(table, export_format))


def _frame(rows: list[SpecRecord]) -> pd.DataFrame:
    columns = [c for c in (*LEAGUE_COLUMNS, *FAILURE_COLUMNS) if c not in _DERIVED]
    return pd.DataFrame(
        [{c: getattr(row, c) for c in columns} for row in rows], columns=columns
    ).astype(
        {
            "score": float,
            "breadth_index": float,
            "n_with_defects": "Int64",
            "n_defects": "Int64",
            "risks_missing": "Int64",
            "risks_weak": "Int64",
        }
    )


_DERIVED = {"rank", "portfolio_percentile"}
