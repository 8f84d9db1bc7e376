"""Where specs are analysed: a task (a spec's bytes and settings), the row it ends as, and
the runners that do the work — this process, a pool of local worker processes, or a Dask
cluster — each loading the models once per process. ``analyser.batch.run`` decides what to
analyse and writes the rows; nothing here touches the database.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from analyser import __version__
from analyser.batch.store import SpecRecord
from analyser.config import AnalyserConfig
from analyser.errors import AnalyserError, AnalysisCrashError, ConfigError
from analyser.pipeline import Analyser
from analyser.records import Report
from analyser.report import to_json


@dataclass(frozen=True, slots=True)
class Task:
    """One spec sent to a worker: its bytes travel with it, so a worker on another machine
    needs no access to the files."""

    origin: str
    name: str
    data: bytes
    sha256: str
    config: AnalyserConfig


def analyse_task(task: Task, analyser: Analyser | None = None) -> SpecRecord:
    """Analyse one spec in a worker (models loaded once per process) → its database row.
    Never raises: a failure is a row with a coded reason."""
    started = time.perf_counter()
    try:
        analyser = analyser if analyser is not None else _analyser(task.config)
        report = analyser.analyse_bytes(task.data, name=task.name)
    except AnalyserError as error:
        return failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)
    except Exception as exc:  # a bug must cost one spec, not the batch
        crash = AnalysisCrashError(
            f"Analysing '{task.name}' failed unexpectedly ({type(exc).__name__}: {exc}). "
            "This is a bug in the analyser: please report it with the file if you can."
        )
        return failed_row(task.origin, task.name, crash, task.config, sha256=task.sha256)
    return _scored_row(task, report, time.perf_counter() - started)


def _scored_row(task: Task, report: Report, seconds: float) -> SpecRecord:
    review = report.review
    missing = [c.id for c in review.checks if c.status == "missing"] if review else []
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
        n_defects=sum(len(r.defects) for r in report.requirements) if review else None,
        n_with_defects=review.requirements_with_defects if review else None,
        risks_missing=len(missing) if review else None,
        risks_weak=sum(1 for c in review.checks if c.status == "weak") if review else None,
        missing_checks="; ".join(missing) if review else None,
        report_json=to_json(report, indent=None),
        seconds=round(seconds, 3),
    )


def top_problems(report: Report, n: int = 3) -> str:
    """The ``n`` largest problems with their sizes: ``"Permits (31); Appeals (12)"``."""
    ranked = sorted(report.problems, key=lambda p: (-len(p.requirement_ids), p.id))[:n]
    return "; ".join(f"{p.label} ({len(p.requirement_ids)})" for p in ranked)


def failed_row(
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


# -- runners ----------------------------------------------------------------------------

_ANALYSERS: dict[str, Analyser] = {}
_LOCK = threading.Lock()


def _analyser(config: AnalyserConfig) -> Analyser:
    """This process's analyser for ``config``, loaded on first use."""
    key = f"{config.settings_hash()}:{config.threads}:{config.pdf_reader}:{config.budget}"
    with _LOCK:
        if key not in _ANALYSERS:
            _ANALYSERS[key] = Analyser(config).load()
        return _ANALYSERS[key]


def _load_worker(config: AnalyserConfig) -> None:
    """Load the models as a worker starts. A failure (a missing model, say) is raised again,
    with its code, by the first task, which records it as that spec's failure."""
    _exit_with_parent(os.getppid())
    with contextlib.suppress(Exception):
        _analyser(config)


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """A worker whose batch was killed (SIGKILL: no clean-up runs) ends itself within a second
    or so, instead of idling on with its models loaded."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class Runner(Protocol):
    """What ``run_batch`` drives: submit while not busy, take results as they finish."""

    def submit(self, task: Task) -> None: ...
    def busy(self) -> bool: ...
    def pending(self) -> int: ...
    def next_done(self) -> tuple[Task, SpecRecord]: ...
    def close(self) -> None: ...


def make_runner(
    config: AnalyserConfig, workers: int, dask_address: str | None, analyser: Analyser | None
) -> Runner:
    """A Dask cluster if an address is given, else local processes, else this process."""
    if dask_address:
        return DaskRunner(config, dask_address)
    if workers > 1:
        return PoolRunner(config, workers)
    return InProcessRunner(analyser)


class InProcessRunner:
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


class PoolRunner:
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
        return failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)


class DaskRunner:
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
            return task, failed_row(task.origin, task.name, error, task.config, sha256=task.sha256)

    def close(self) -> None:
        self._client.close()
