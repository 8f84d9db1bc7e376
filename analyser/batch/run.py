"""Batch scoring: every spec under some paths → one row each in a results database.

The main process discovers the inputs, reads each one's bytes (through the archive limits),
hashes them, and skips what the database already holds for the same content, settings and
analyser version. The rest go to workers — this process, a pool of local processes, or a Dask
cluster — that each load the models once. Results come back to the main process, the only
writer, which commits each spec as soon as it is done: a kill loses at most the specs in
flight, and rerunning the same command completes the batch.

Examples:
    >>> import tempfile, pathlib
    >>> from analyser.config import AnalyserConfig
    >>> from analyser.batch.store import ResultStore
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     spec = pathlib.Path(folder) / "permits.txt"
    ...     _ = spec.write_text("1 Permits\\nThe system shall issue parking permits.")
    ...     with ResultStore(pathlib.Path(folder) / "results.sqlite") as store:
    ...         summary = run_batch([spec], store, config=AnalyserConfig(embedder="tfidf"))
    ...         (summary.scored, store.get(str(spec)).verdict)
    (1, 'focused')
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analyser import __version__
from analyser.batch.archive import ArchiveLimits, RejectedInput, SpecInput, discover, load
from analyser.batch.store import ResultStore, SpecRecord
from analyser.batch.workers import Task, failed_row, make_runner
from analyser.config import AnalyserConfig
from analyser.errors import AnalyserError
from analyser.pipeline import Analyser
from analyser.readers import SUPPORTED_SUFFIXES

Outcome = Literal["scored", "reused", "skipped", "failed"]
BROADEST_SHOWN = 5


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Sent after each spec: how far the batch is, and what happened to that spec."""

    done: int
    total: int
    origin: str
    outcome: Outcome
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run did. ``reused`` specs had the same content as a spec already scored
    (a duplicate) and took its result; ``skipped`` ones were scored by an earlier run."""

    total: int
    scored: int
    reused: int
    skipped: int
    failed: int
    failures: tuple[tuple[str, int], ...]
    broadest: tuple[SpecRecord, ...]
    seconds: float


def run_batch(
    paths: Iterable[str | Path],
    store: ResultStore,
    *,
    config: AnalyserConfig | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    limits: ArchiveLimits | None = None,
    retry_failed: bool = False,
    on_progress: Callable[[BatchProgress], None] | None = None,
    analyser: Analyser | None = None,
) -> BatchSummary:
    """Score every spec under ``paths`` into ``store``.

    Args:
        paths: files, folders (searched recursively) and zip archives.
        store: the results database; the only writer while the batch runs.
        config: analysis settings (default: MiniLM, default settings).
        workers: local worker processes; 1 analyses in this process.
        dask_address: the scheduler of a Dask cluster to analyse on instead (``tcp://…``).
        limits: size and archive limits.
        retry_failed: analyse again specs that failed before with the same settings.
        on_progress: called after each spec.
        analyser: an analyser already loaded in this process, used when ``workers`` is 1
            (its config then replaces ``config``).
    """
    started = time.perf_counter()
    if analyser is not None and workers == 1 and not dask_address:
        config = analyser.config
    config = config if config is not None else AnalyserConfig()
    limits = limits if limits is not None else ArchiveLimits()
    own_files = {store.path.resolve(), *(Path(f"{store.path}{s}").resolve() for s in _SIDECARS)}
    inputs = [
        item
        for item in discover(paths, suffixes=SUPPORTED_SUFFIXES, limits=limits, everything=True)
        if "!/" in item.origin or Path(item.origin).resolve() not in own_files
    ]
    counts: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    origins: list[str] = []

    def finish(row: SpecRecord, outcome: Outcome) -> None:
        if outcome != "skipped":
            store.record(row)
        counts[outcome] += 1
        origins.append(row.origin)
        if row.status == "failed" and row.error_code:
            failures[row.error_code] += 1
        if on_progress is not None:
            done = sum(counts.values())
            on_progress(BatchProgress(done, len(inputs), row.origin, outcome, dict(counts)))

    # content and suffix in flight → later inputs with the same (the suffix chooses the reader)
    twins: dict[tuple[str, str], list[Task]] = {}

    def collect(task: Task, row: SpecRecord) -> None:
        finish(row, "scored" if row.status == "scored" else "failed")
        for twin in twins.pop(_twin_key(task), []):
            copy = row.as_twin(twin.origin, twin.name)
            finish(copy, "reused" if row.status == "scored" else "failed")

    runner = make_runner(config, workers, dask_address, analyser)
    try:
        for item in inputs:
            prepared = _prepare(item, store, config, limits, retry_failed)
            if not isinstance(prepared, Task):
                finish(*prepared)
            elif _twin_key(prepared) in twins:
                twins[_twin_key(prepared)].append(prepared)
            else:
                while runner.busy():
                    collect(*runner.next_done())
                twins[_twin_key(prepared)] = []
                runner.submit(prepared)
        while runner.pending():
            collect(*runner.next_done())
    finally:
        runner.close()
    return BatchSummary(
        total=len(inputs),
        scored=counts["scored"],
        reused=counts["reused"],
        skipped=counts["skipped"],
        failed=counts["failed"],
        failures=tuple(sorted(failures.items(), key=lambda item: (-item[1], item[0]))),
        broadest=_broadest(store, set(origins)),
        seconds=time.perf_counter() - started,
    )


# -- preparing and recording ------------------------------------------------------------

_SIDECARS = ("", "-wal", "-shm", "-journal")


def _prepare(
    item: SpecInput | RejectedInput,
    store: ResultStore,
    config: AnalyserConfig,
    limits: ArchiveLimits,
    retry_failed: bool,
) -> Task | tuple[SpecRecord, Outcome]:
    """A task to analyse, or the row this input ends with here and now."""
    if isinstance(item, RejectedInput):
        return failed_row(item.origin, item.name, item.error, config), "failed"
    try:
        data = load(item, limits)
    except AnalyserError as error:
        return failed_row(item.origin, item.name, error, config, size=item.size), "failed"
    sha256 = hashlib.sha256(data).hexdigest()
    settings_hash = config.settings_hash()
    previous = store.get(item.origin)
    if previous is not None and previous.same_run(sha256, settings_hash, __version__):
        if previous.status == "scored":
            return previous, "skipped"
        if not retry_failed:  # the same content failed the same way: it stands, counted again
            return previous, "failed"
    twin = store.find_scored(sha256, settings_hash, __version__, suffix=Path(item.name).suffix)
    if twin is not None:
        return twin.as_twin(item.origin, item.name), "reused"
    return Task(item.origin, item.name, data, sha256, config)


def _twin_key(task: Task) -> tuple[str, str]:
    return task.sha256, Path(task.name).suffix.lower()


def _broadest(store: ResultStore, origins: set[str]) -> tuple[SpecRecord, ...]:
    ranked = (row for row in store.records(status="scored") if row.origin in origins)
    return tuple(row for _, row in zip(range(BROADEST_SHOWN), ranked, strict=False))
