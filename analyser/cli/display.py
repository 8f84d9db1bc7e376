"""How the CLI shows a batch: a live progress bar on a terminal, plain lines in a log, and the
summary at the end. Presentation only; the batch itself is ``analyser.batch.run``."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from analyser import BatchProgress, BatchSummary
from analyser.errors import CODE_MEANINGS

_LOG_EVERY_SECONDS = 10.0


class BatchDisplay:
    """Progress of a batch on stderr: a bar with counts and ETA on a terminal; otherwise a
    line per failure and a status line every few seconds, so CI logs stay short."""

    def __init__(self, console: Console | None = None) -> None:
        self._console = console if console is not None else Console(stderr=True)
        self._live = self._console.is_terminal
        self._progress = Progress(
            TextColumn("[bold]scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self._console,
            disable=not self._live,
        )
        self._task: TaskID | None = None
        self._last_log = 0.0

    def __enter__(self) -> BatchDisplay:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def update(self, event: BatchProgress) -> None:
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(event.counts.items()))
        if self._task is None:
            self._task = self._progress.add_task("batch", total=event.total, counts="")
        self._progress.update(self._task, completed=event.done, counts=counts)
        if event.outcome == "failed":
            self._console.print(f"failed: {event.origin}", style="yellow", markup=False)
        elif not self._live:
            now = self._progress.get_time()
            if now - self._last_log >= _LOG_EVERY_SECONDS or event.done == event.total:
                self._last_log = now
                print(f"[{event.done}/{event.total}] {counts}", file=sys.stderr, flush=True)


def describe_summary(summary: BatchSummary, db: Path) -> str:
    """The end-of-batch summary: counts, failures by reason, the broadest specs."""
    lines = [
        f"{summary.total} specs in {_duration(summary.seconds)}: {summary.scored} scored, "
        f"{summary.reused} reused (same content as a scored spec), {summary.skipped} "
        f"skipped (already scored), {summary.failed} failed."
    ]
    if summary.failures:
        lines.append("Failed, by reason:")
        lines += [
            f"  {code}  {CODE_MEANINGS.get(code, 'other'):<36} {n:>6}"
            for code, n in summary.failures
        ]
    if summary.broadest:
        lines.append("Broadest specs:")
        lines += [
            f"  {row.score:5.1f}  {row.verdict or '':<11} {row.name}  "
            f"({row.n_problems} problems, {row.n_requirements} requirements)"
            for row in summary.broadest
        ]
    lines.append(f"Results in {db}; the league table: analyser export --db {db} --format csv")
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{seconds:.1f} s"
