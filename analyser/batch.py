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
    >>> from analyser.store import ResultStore
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     spec = pathlib.Path(folder) / "permits.txt"
    ...     _ = spec.write_text("1 Permits\\nThe system shall issue parking permits.")
    ...     with ResultStore(pathlib.Path(folder) / "results.sqlite") as store:
    ...         summary = run_batch([spec], store, config=AnalyserConfig(embedder="tfidf"))
    ...         (summary.scored, store.get(str(spec)).verdict)
    (1, 'focused')
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from analyser import __version__
from analyser.archive import ArchiveLimits, RejectedInput, SpecInput, discover, load
from analyser.config import AnalyserConfig
from analyser.errors import AnalyserError, AnalysisCrashError, ConfigError
from analyser.pipeline import Analyser
from analyser.readers import SUPPORTED_SUFFIXES
from analyser.records import Report
from analyser.report import to_json
from analyser.store import ResultStore, SpecRecord

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


@dataclass(frozen=True, slots=True)
class Task:
    """One spec sent to a worker: its bytes travel with it, so a worker on another machine
    needs no access to the files."""

    origin: str
    name: str
    data: bytes
    sha256: str
    config: AnalyserConfig


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

    twins: dict[str, list[Task]] = {}  # content in flight → later inputs with that content

    def collect(task: Task, row: SpecRecord) -> None:
        finish(row, "scored" if row.status == "scored" else "failed")
        for twin in twins.pop(task.sha256, []):
            copy = replace(row, origin=twin.origin, name=twin.name, seconds=0.0)
            finish(copy, "reused" if row.status == "scored" else "failed")

    runner = _make_runner(config, workers, dask_address, analyser)
    try:
        for item in inputs:
            prepared = _prepare(item, store, config, limits, retry_failed)
            if not isinstance(prepared, Task):
                finish(*prepared)
            elif prepared.sha256 in twins:
                twins[prepared.sha256].append(prepared)
            else:
                while runner.busy():
                    collect(*runner.next_done())
                twins[prepared.sha256] = []
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


def analyse_task(task: Task, analyser: Analyser | None = None) -> SpecRecord:
    """Analyse one spec in a worker (models loaded once per process) → its database row.
    Never raises: a failure is a row with a coded reason."""
    started = time.perf_counter()
    try:
        analyser = analyser if analyser is not None else _analyser(task.config)
        report = analyser.analyse_bytes(task.data, name=task.name)
    except AnalyserError as error:
        return _failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)
    except Exception as exc:  # a bug must cost one spec, not the batch
        crash = AnalysisCrashError(
            f"Analysing '{task.name}' failed unexpectedly ({type(exc).__name__}: {exc}). "
            "This is a bug in the analyser: please report it with the file if you can."
        )
        return _failed_row(task.origin, task.name, crash, task.config, sha256=task.sha256)
    return _scored_row(task, report, time.perf_counter() - started)


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
        return _failed_row(item.origin, item.name, item.error, config), "failed"
    try:
        data = load(item, limits)
    except AnalyserError as error:
        return _failed_row(item.origin, item.name, error, config, size=item.size), "failed"
    sha256 = hashlib.sha256(data).hexdigest()
    settings_hash = config.settings_hash()
    previous = store.get(item.origin)
    if previous is not None and previous.same_run(sha256, settings_hash, __version__):
        if previous.status == "scored":
            return previous, "skipped"
        if not retry_failed:  # the same content failed the same way: it stands, counted again
            return previous, "failed"
    twin = store.find_scored(sha256, settings_hash, __version__)
    if twin is not None:
        return replace(twin, origin=item.origin, name=item.name, seconds=0.0), "reused"
    return Task(item.origin, item.name, data, sha256, config)


def _scored_row(task: Task, report: Report, seconds: float) -> SpecRecord:
    return SpecRecord(
        origin=task.origin,
        name=task.name,
        status="scored",
        analyser_version=report.settings.analyser_version,
        settings_hash=report.settings.settings_hash,
        sha256=task.sha256,
        format=report.source.format,
        size_bytes=len(task.data),
        n_requirements=len(report.requirements),
        n_problems=report.breadth.n_problems,
        score=report.breadth.score,
        verdict=report.breadth.verdict,
        breadth_index=report.breadth.signals.breadth_index if report.breadth.signals else None,
        top_problems=top_problems(report),
        report_json=to_json(report, indent=None),
        seconds=round(seconds, 3),
    )


def top_problems(report: Report, n: int = 3) -> str:
    """The ``n`` largest problems with their sizes: ``"Permits (31); Appeals (12)"``."""
    ranked = sorted(report.problems, key=lambda p: (-len(p.requirement_ids), p.id))[:n]
    return "; ".join(f"{p.label} ({len(p.requirement_ids)})" for p in ranked)


def _failed_row(
    origin: str,
    name: str,
    error: AnalyserError,
    config: AnalyserConfig,
    *,
    sha256: str | None = None,
    size: int | None = None,
) -> SpecRecord:
    return SpecRecord(
        origin=origin,
        name=name,
        status="failed",
        analyser_version=__version__,
        settings_hash=config.settings_hash(),
        sha256=sha256,
        format=Path(name).suffix.lower().lstrip(".") or None,
        size_bytes=size,
        error_code=error.code,
        error_message=error.message,
    )


def _broadest(store: ResultStore, origins: set[str]) -> tuple[SpecRecord, ...]:
    ranked = (row for row in store.records(status="scored") if row.origin in origins)
    return tuple(row for _, row in zip(range(BROADEST_SHOWN), ranked, strict=False))


# -- workers ----------------------------------------------------------------------------

_ANALYSERS: dict[str, Analyser] = {}
_LOCK = threading.Lock()


def _analyser(config: AnalyserConfig) -> Analyser:
    """This process's analyser for ``config``, loaded on first use."""
    key = f"{config.settings_hash()}:{config.threads}"
    with _LOCK:
        if key not in _ANALYSERS:
            _ANALYSERS[key] = Analyser(config).load()
        return _ANALYSERS[key]


def _load_worker(config: AnalyserConfig) -> None:
    """Load the models as a worker starts. A failure (a missing model, say) is raised again,
    with its code, by the first task, which records it as that spec's failure."""
    with contextlib.suppress(Exception):
        _analyser(config)


class _Runner(Protocol):
    def submit(self, task: Task) -> None: ...
    def busy(self) -> bool: ...
    def pending(self) -> int: ...
    def next_done(self) -> tuple[Task, SpecRecord]: ...
    def close(self) -> None: ...


def _make_runner(
    config: AnalyserConfig, workers: int, dask_address: str | None, analyser: Analyser | None
) -> _Runner:
    if dask_address:
        return _DaskRunner(config, dask_address)
    if workers > 1:
        return _PoolRunner(config, workers)
    return _InProcessRunner(analyser)


class _InProcessRunner:
    def __init__(self, analyser: Analyser | None) -> None:
        self._analyser = analyser
        self._queue: deque[Task] = deque()

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def busy(self) -> bool:
        return bool(self._queue)

    def pending(self) -> int:
        return len(self._queue)

    def next_done(self) -> tuple[Task, SpecRecord]:
        task = self._queue.popleft()
        return task, analyse_task(task, self._analyser)

    def close(self) -> None:
        self._queue.clear()


class _PoolRunner:
    """Local worker processes (spawned, so no model state is shared by forking).

    A worker that dies breaks the pool and takes every spec in flight with it. Those specs
    become suspects: each runs again alone in a fresh pool, so a spec that kills a worker
    when nothing else is running is the cause and is recorded as failed (A011), and the
    specs that were only beside it are scored as usual.
    """

    def __init__(
        self,
        config: AnalyserConfig,
        workers: int,
        work: Callable[[Task], SpecRecord] = analyse_task,
    ) -> None:
        threads = max(1, (os.cpu_count() or workers) // workers)
        self._config = replace(config, threads=threads)
        self._workers = workers
        self._work = work
        self._pool = self._start()
        self._futures: dict[Future[SpecRecord], Task] = {}
        self._suspects: deque[Task] = deque()
        self._done: deque[tuple[Task, SpecRecord]] = deque()

    def submit(self, task: Task) -> None:
        task = replace(task, config=self._config)
        self._futures[self._pool.submit(self._work, task)] = task

    def busy(self) -> bool:
        return bool(self._suspects) or len(self._futures) >= 2 * self._workers

    def pending(self) -> int:
        return len(self._futures) + len(self._suspects) + len(self._done)

    def next_done(self) -> tuple[Task, SpecRecord]:
        while not self._done:
            if self._suspects and not self._futures:
                self.submit(self._suspects.popleft())
            alone = len(self._futures) == 1  # a crash now has one possible cause
            finished, _ = wait(self._futures, return_when=FIRST_COMPLETED)
            broken: list[Task] = []
            for future in finished:
                task = self._futures.pop(future)
                try:
                    self._done.append((task, future.result()))
                except BrokenProcessPool:
                    broken.append(task)
            if not broken:
                continue
            broken += self._futures.values()  # every task still in the pool is lost with it
            self._futures.clear()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            if alone and len(broken) == 1:
                self._done.append((broken[0], self._crashed(broken[0])))
            else:
                self._suspects.extend(broken)
        return self._done.popleft()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_worker,
            initargs=(self._config,),
        )

    def _crashed(self, task: Task) -> SpecRecord:
        error = AnalysisCrashError(
            f"The worker process died while analysing '{task.name}' on its own (out of "
            "memory, or a crash in a native library). Rerun with --retry-failed."
        )
        return _failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)


class _DaskRunner:
    """Tasks on an existing Dask cluster; results still come back here to be written."""

    def __init__(self, config: AnalyserConfig, address: str) -> None:
        try:
            from distributed import Client, as_completed
        except ImportError as exc:  # pragma: no cover - distributed is a pinned dependency
            raise ConfigError(f"Dask distributed is not installed ({exc}).") from exc
        try:
            self._client = Client(address, timeout="20s")
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"No Dask scheduler answers at '{address}' ({exc}). Check the address "
                "(tcp://host:8786) and that the scheduler is running."
            ) from exc
        self._config = config
        self._slots = max(1, 2 * sum(self._client.nthreads().values()))
        self._completed: Any = as_completed()
        self._tasks: dict[Any, Task] = {}

    def submit(self, task: Task) -> None:
        future = self._client.submit(analyse_task, task, pure=False, retries=1)
        self._tasks[future.key] = task
        self._completed.add(future)

    def busy(self) -> bool:
        return len(self._tasks) >= self._slots

    def pending(self) -> int:
        return len(self._tasks)

    def next_done(self) -> tuple[Task, SpecRecord]:
        future = next(self._completed)
        task = self._tasks.pop(future.key)
        try:
            return task, future.result()
        except Exception as exc:  # a worker lost for good, or the cluster gone
            error = AnalysisCrashError(
                f"The Dask cluster could not analyse '{task.name}' ({type(exc).__name__}: "
                f"{exc}). Rerun with --retry-failed to try again."
            )
            return task, _failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)

    def close(self) -> None:
        self._client.close()
