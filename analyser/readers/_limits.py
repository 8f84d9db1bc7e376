"""Reading within a budget (``ReadBudget``): time, PDF pages, characters and memory.

Where the platform can fork, each file is read in a child process: the parent waits for its
result on a pipe, and kills it at the time limit or when its memory grows past the memory
limit; the child also has its address space capped, so an allocation past the limit fails
inside it. A reader that hangs, loops or crashes in native code (a malformed PDF, a deeply
nested HTML or RTF, an XML bomb) therefore costs one coded error, never the process. Pages and
characters are counted by the readers themselves as they go (``check_pages``,
``check_characters``), so an oversized file stops early.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from analyser.config import ReadBudget
from analyser.errors import AnalyserError, ReadBudgetError, SpecReadError

T = TypeVar("T")

# How to raise each limit, for the error messages: the CLI flag, and the app's setting.
RAISE_WITH = {
    "seconds": "--max-seconds",
    "pages": "--max-pages",
    "characters": "--max-chars",
    "memory": "--max-memory",
}
_POLL_SECONDS = 0.05
_MB = 2**20
_CURRENT: ContextVar[ReadBudget] = ContextVar("read_budget", default=ReadBudget())  # noqa: B039 (frozen)


@dataclass(frozen=True, slots=True)
class ReadCost:
    """What reading one file cost: wall time and the reading process's peak memory (the
    child's, which includes what it shares with the parent)."""

    seconds: float
    peak_mb: float


def read_with_cost(budget: ReadBudget, name: str, read: Callable[[], T]) -> tuple[T, ReadCost]:
    """``read()`` within ``budget`` (in a child process where the platform can fork), and what
    it cost.

    Raises:
        ReadBudgetError: the time or memory limit was reached (or, from the readers, the page
            or character limit).
        SpecReadError: the reader died (a crash in native code).
        AnalyserError: whatever coded error the reader raised.
    """
    token = _CURRENT.set(budget)
    started = time.perf_counter()
    try:
        if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation
            result = read()
            return result, ReadCost(time.perf_counter() - started, _own_peak_mb())
        return _in_child(read, budget, name, started)
    finally:
        _CURRENT.reset(token)


def check_pages(n_pages: int, name: str) -> None:
    """Raise when a document has more pages than the budget in force allows."""
    limit = _CURRENT.get().pages
    if n_pages > limit:
        raise budget_error(
            "pages", name, f"it has {n_pages:,} pages; the limit is {limit:,} pages", limit
        )


def check_characters(n_chars: int, name: str) -> None:
    """Raise when more characters have been extracted than the budget in force allows."""
    limit = _CURRENT.get().characters
    if n_chars > limit:
        raise budget_error(
            "characters",
            name,
            f"it holds more than {limit:,} characters of text ({n_chars:,} so far)",
            limit,
        )


def check_size(n_bytes: int, name: str, budget: ReadBudget) -> None:
    """Raise when a file is larger than the memory it may take to read."""
    limit = budget.memory_mb
    if n_bytes > limit * _MB:
        raise budget_error(
            "memory",
            name,
            f"it is {n_bytes / _MB:,.0f} MB, more than the reading memory limit of {limit:,} MB",
            limit,
        )


def budget_error(limit: str, name: str, what: str, value: float) -> ReadBudgetError:
    flag = RAISE_WITH[limit]
    return ReadBudgetError(
        f"Reading '{name}' was stopped: {what}. If the file is trusted, raise the limit "
        f"({flag} on the command line, or under 'Reading limits' in the app), e.g. "
        f"{flag} {int(value * 2)}.",
        limit=limit,
    )


# -- private ---------------------------------------------------------------------------


def _in_child(
    read: Callable[[], T], budget: ReadBudget, name: str, started: float
) -> tuple[T, ReadCost]:
    baseline = _rss_bytes("self")
    address_cap = _vm_bytes() + budget.memory_mb * _MB
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, measured through its results
        os.close(read_fd)
        _child(read, address_cap, write_fd, _memory_error(budget, name))
    os.close(write_fd)
    try:
        payload = _collect(pid, read_fd, budget, name, baseline)
    finally:
        os.close(read_fd)
    status, peak_mb = _reap(pid)
    cost = ReadCost(time.perf_counter() - started, peak_mb)
    if not payload:
        raise _died(name, status, budget)
    kind, value = pickle.loads(payload)
    if kind == "ok":
        return value, cost
    if kind == "crash":
        raise SpecReadError(
            f"'{name}' could not be read: the reader failed unexpectedly ({value}). The file "
            "may be damaged: save or export it again and retry."
        )
    raise value


def _child(
    read: Callable[[], object], address_cap: int, write_fd: int, out_of_memory: ReadBudgetError
) -> None:  # pragma: no cover - runs in the child
    """Read, send ``("ok", result)``, ``("error", coded error)`` or ``("crash", what went
    wrong)`` up the pipe, and exit without running the parent's cleanup handlers."""
    code = 0
    with os.fdopen(write_fd, "wb") as pipe:
        try:
            with contextlib.suppress(ValueError):  # not the main thread: keep the handler
                signal.signal(signal.SIGINT, signal.SIG_DFL)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (address_cap, address_cap))
            pipe.write(_outcome(read, out_of_memory))
        except BaseException as exc:
            code = 70
            with contextlib.suppress(BaseException):
                pipe.write(pickle.dumps(("crash", f"{type(exc).__name__}: {exc}")))
    os._exit(code)


def _outcome(
    read: Callable[[], object], out_of_memory: ReadBudgetError
) -> bytes:  # pragma: no cover - in the child
    try:
        outcome: tuple[str, object] = ("ok", read())
    except AnalyserError as error:
        # Only the coded error travels: its cause may be a library's exception that cannot be
        # pickled (lxml's), and picklers that carry causes are installed by some libraries
        # (distributed installs tblib's for every exception).
        error.__cause__ = error.__context__ = error.__traceback__ = None
        outcome = ("error", error)
    except MemoryError:
        outcome = ("error", out_of_memory)
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        del outcome
        return pickle.dumps(("error", out_of_memory))


def _memory_error(budget: ReadBudget, name: str) -> ReadBudgetError:
    """The error for a reader that needs more memory than the budget: made before the fork,
    so that the child, out of memory, only has to send it."""
    return budget_error(
        "memory",
        name,
        f"reading it needed more than {budget.memory_mb:,} MB",
        budget.memory_mb,
    )


def _collect(pid: int, fd: int, budget: ReadBudget, name: str, baseline: int) -> bytes:
    """The child's pickled outcome; the child is killed at the time or memory limit."""
    deadline = time.monotonic() + budget.seconds
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise budget_error(
                    "seconds",
                    name,
                    f"it took longer than {budget.seconds:,.0f} s to read",
                    budget.seconds,
                )
            ready, _, _ = select.select([fd], [], [], min(remaining, _POLL_SECONDS))
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
            elif _rss_bytes(str(pid)) - baseline > budget.memory_mb * _MB:
                raise _memory_error(budget, name)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _reap(pid)
        raise


def _reap(pid: int) -> tuple[int, float]:
    """Wait for the child: its exit status and its peak resident memory in MB."""
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:
        return 0, 0.0
    return status, usage.ru_maxrss / 1024


def _died(name: str, status: int, budget: ReadBudget) -> SpecReadError:
    cause = (
        f"signal {signal.Signals(os.WTERMSIG(status)).name}"
        if os.WIFSIGNALED(status)
        else f"exit status {os.waitstatus_to_exitcode(status)}"
    )
    return SpecReadError(
        f"The reader stopped abruptly on '{name}' ({cause}): the file is probably malformed, "
        f"or reading it needed more than the memory limit of {budget.memory_mb:,} MB. Save or "
        "export it again and retry."
    )


def _rss_bytes(pid: str) -> int:
    """Resident memory of a process (``"self"`` or a pid), 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _vm_bytes() -> int:
    """This process's virtual size (the child's address-space cap adds the budget to it)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.RLIM_INFINITY


def _own_peak_mb() -> float:  # pragma: no cover - Windows
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
