"""Batch throughput with one and two worker processes, and a kill-and-resume, on PURE.

Each figure sits beside its baseline from the same command: two workers against one, and the
resumed run against the rows the killed run had committed. The database is a fresh one in a
temporary folder for every run; nothing is written beside the data.

    python -m bench.batch [--data ../shared/data]
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from analyser.batch.run import run_batch
from analyser.batch.store import ResultStore
from analyser.config import AnalyserConfig
from bench._data import data_from_arguments


@dataclass(frozen=True, slots=True)
class Throughput:
    workers: int
    seconds: float
    specs: int
    scored: int
    requirements: int

    @property
    def specs_per_second(self) -> float:
        return self.specs / self.seconds

    @property
    def requirements_per_second(self) -> float:
        return self.requirements / self.seconds


@dataclass(frozen=True, slots=True)
class Resumption:
    inputs: int
    rows_at_kill: int
    rows_after: int
    distinct_after: int
    scored_after: int
    skipped_by_rerun: int
    killed_after_s: float
    rerun_s: float


def measure_throughput(folder: Path, workers: int) -> Throughput:
    """One batch over ``folder`` into a fresh database; wall time includes starting the
    workers and loading their models, as a user's run would."""
    with tempfile.TemporaryDirectory() as tmp, ResultStore(Path(tmp) / "r.sqlite") as store:
        started = time.perf_counter()
        summary = run_batch([folder], store, config=AnalyserConfig(), workers=workers)
        seconds = time.perf_counter() - started
        rows = store.records(status="scored")
    return Throughput(
        workers=workers,
        seconds=seconds,
        specs=summary.total,
        scored=summary.scored,
        requirements=sum(row.n_requirements or 0 for row in rows),
    )


def measure_resumption(folder: Path, workers: int = 2) -> Resumption:
    """Run the CLI, SIGKILL it once half the specs are committed, run it again."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "r.sqlite"
        command = [sys.executable, "-m", "analyser", "batch", str(folder), "--db", str(db)]
        command += ["--workers", str(workers)]
        inputs = sum(1 for p in folder.rglob("*") if p.is_file())
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and _rows(db) < inputs // 2:
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_after = time.perf_counter() - started
        at_kill = _rows(db)
        started = time.perf_counter()
        rerun = subprocess.run(command, capture_output=True, text=True, check=True)
        rerun_s = time.perf_counter() - started
        with sqlite3.connect(db) as connection:
            rows, distinct, scored = connection.execute(
                "SELECT COUNT(*), COUNT(DISTINCT origin), SUM(status = 'scored') FROM specs"
            ).fetchone()
    skipped = int(rerun.stdout.split(" skipped")[0].rsplit(" ", 1)[-1])
    return Resumption(inputs, at_kill, rows, distinct, scored, skipped, killed_after, rerun_s)


def run(data: Path) -> str:
    """The batch sections of docs/PERFORMANCE.md."""
    folder = data / "pure" / "documents"
    one = measure_throughput(folder, 1)
    two = measure_throughput(folder, 2)
    return section(one, two, measure_resumption(folder))


def section(one: Throughput, two: Throughput, resumed: Resumption) -> str:
    lines = [
        "## Batch throughput (`analyser batch`, PURE originals)",
        "",
        f"{one.specs} files in `pure/documents/` ({_scored(one)}), MiniLM, a fresh database "
        "each run; wall time includes starting the workers and loading their models.",
        "",
        "| workers | seconds | specs/s | requirements/s | vs 1 worker |",
        "|---|---|---|---|---|",
    ]
    for result in (one, two):
        lines.append(
            f"| {result.workers} | {result.seconds:.1f} | {result.specs_per_second:.3f} | "
            f"{result.requirements_per_second:.1f} | {one.seconds / result.seconds:.2f}× |"
        )
    lines += [
        "",
        "## Kill and resume",
        "",
        f"`analyser batch` (2 workers) on the same {resumed.inputs} files was killed with "
        f"SIGKILL after {resumed.killed_after_s:.0f} s, when {resumed.rows_at_kill} specs were "
        f"committed; the same command, rerun, skipped {resumed.skipped_by_rerun} already "
        f"scored and finished in {resumed.rerun_s:.0f} s. The database then held "
        f"{resumed.rows_after} rows for {resumed.distinct_after} distinct specs "
        f"({resumed.scored_after} scored): every file exactly once.",
        "",
    ]
    return "\n".join(lines)


def _scored(result: Throughput) -> str:
    if result.scored == result.specs:
        return "all scored"
    return f"{result.scored} scored, {result.specs - result.scored} coded failures"


def _rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM specs").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def main() -> None:
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is not None:
        print(run(data))


if __name__ == "__main__":
    main()
