"""Hostile inputs through the read stage: how each one ends, and what it costs.

Builds the hostile corpus (``tests/hostile_corpus.py``: empty and random files, broken Office
packages, XML external entities and entity bombs, damaged and looping PDFs, huge and deeply
nested text, awkward names) and reads every case with ``read_spec_with_cost``, in this process,
within the default ``ReadBudget``. The ``zip`` and ``batch`` groups are left out: only the batch
(``analyser batch``) reads zip archives and folders.

Each case gives one row: read (with its number of blocks) or a coded error, and

- *seconds*: wall time around the call, so it includes the checks made before the reading
  child is forked, the fork itself and the pickled result's trip back (not only the child's
  time);
- *peak MB*: for a read, the larger of the reading child's peak RSS (``ReadCost.peak_mb``, which
  counts the pages it shares with this process) and this process's own RSS growth during the
  call. An error carries no cost, so it is measured from ``getrusage(RUSAGE_CHILDREN)
  .ru_maxrss``, the peak of the largest child waited for *so far*: when the call raised that
  maximum, the value is the child's own peak; when it did not (the child stayed below an
  earlier one, or the error came before any child was forked), the running maximum is
  recorded as an upper bound, shown as ``≤ N``;
- *secret*: whether ``SECRET`` (the token in ``secret.txt``, which the XXE cases reference)
  appears anywhere in the output: the block texts, the title or the error message.

    python -m bench.hostile [--folder DIR] [--light] [--json OUT]

``--light`` skips the heavy cases (the 200 MB text, the 1,500-page PDF, the big tables).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from analyser import AnalyserError, ReadBudgetError, read_spec_with_cost
from tests.hostile_corpus import SECRET, Case, build

# Read only by the batch (zip archives; a folder with a FIFO and a symlink loop).
BATCH_ONLY_GROUPS = ("zip", "batch")
# Kept whole when a document's text is at most this long; else its head and its tail.
EXCERPT_CHARS = 2_000
NO_CODE = "—"

Outcome = Literal["read", "error"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HostileRow:
    """One hostile case through the read stage.

    ``blocks`` is the number of blocks read (``None`` for an error); ``code`` the error's code
    (``"—"`` for a read), ``limit`` the budget limit an A013 names; ``message`` the error's
    message; ``text_excerpt`` the document's text (blocks joined by newlines), whole up to
    ``2 × EXCERPT_CHARS`` characters, else its first and last ``EXCERPT_CHARS`` around
    ``" … "``; ``peak_is_bound`` says that ``peak_mb`` is the running maximum over the
    children so far, an upper bound (see the module docstring).
    """

    case: str
    group: str
    outcome: Outcome
    blocks: int | None
    code: str
    limit: str | None
    message: str | None
    title: str | None
    text_excerpt: str | None
    seconds: float
    peak_mb: float
    peak_is_bound: bool
    secret_leaked: bool


def measure(folder: Path, *, heavy: bool) -> list[HostileRow]:
    """Build the corpus into ``folder`` and read every case the read stage takes."""
    return measure_cases(build(folder, heavy=heavy))


def measure_cases(cases: Iterable[Case]) -> list[HostileRow]:
    """One row per case, in order, leaving out the groups only the batch reads."""
    return [read_case(case) for case in cases if case.group not in BATCH_ONLY_GROUPS]


def read_case(case: Case) -> HostileRow:
    """Read one case with ``read_spec_with_cost`` and record how it ended and its cost."""
    children_before = _maxrss_mb(resource.RUSAGE_CHILDREN)
    self_before = _maxrss_mb(resource.RUSAGE_SELF)
    rss_before = _rss_mb()
    started = time.perf_counter()
    try:
        document, cost = read_spec_with_cost(case.path)
    except AnalyserError as error:
        seconds = time.perf_counter() - started
        children_after = _maxrss_mb(resource.RUSAGE_CHILDREN)
        growth = _own_growth(self_before, rss_before)
        return HostileRow(
            case=case.name,
            group=case.group,
            outcome="error",
            blocks=None,
            code=error.code,
            limit=error.limit if isinstance(error, ReadBudgetError) else None,
            message=error.message,
            title=None,
            text_excerpt=None,
            seconds=seconds,
            peak_mb=max(children_after, growth),
            peak_is_bound=children_after <= children_before and children_after > growth,
            secret_leaked=SECRET in str(error),
        )
    seconds = time.perf_counter() - started
    text = "\n".join(block.text for block in document.blocks)
    return HostileRow(
        case=case.name,
        group=case.group,
        outcome="read",
        blocks=len(document.blocks),
        code=NO_CODE,
        limit=None,
        message=None,
        title=document.title,
        text_excerpt=_excerpt(text),
        seconds=seconds,
        peak_mb=max(cost.peak_mb, _own_growth(self_before, rss_before)),
        peak_is_bound=False,
        secret_leaked=SECRET in text or SECRET in (document.title or ""),
    )


def to_markdown(rows: Sequence[HostileRow]) -> str:
    """A Markdown table: case, group, outcome, code, seconds, peak MB."""
    lines = [
        "| case | group | outcome | code | seconds | peak MB |",
        "|---|---|---|---|---:|---:|",
    ]
    for row in rows:
        outcome = "error"
        if row.blocks is not None:
            outcome = f"read ({row.blocks:,} block{'' if row.blocks == 1 else 's'})"
        code = f"{row.code} ({row.limit})" if row.limit else row.code
        peak = f"{'≤ ' if row.peak_is_bound else ''}{row.peak_mb:,.0f}"
        lines.append(
            f"| {row.case} | {row.group} | {outcome} | {code} | {row.seconds:.2f} | {peak} |"
        )
    return "\n".join(lines) + "\n"


def summary(rows: Sequence[HostileRow]) -> str:
    """One line: cases, reads, errors by code, the slowest case, the largest peak, leaks."""
    if not rows:
        return "0 cases."
    codes = Counter(row.code for row in rows if row.outcome == "error")
    by_code = ", ".join(f"{code} × {n}" for code, n in sorted(codes.items()))
    slowest = max(rows, key=lambda row: row.seconds)
    largest = max(rows, key=lambda row: row.peak_mb)
    leaks = [row.case for row in rows if row.secret_leaked]
    bound = "≤ " if largest.peak_is_bound else ""
    return (
        f"{len(rows)} cases: {len(rows) - sum(codes.values())} read, "
        f"{sum(codes.values())} errors ({by_code or 'none'}); "
        f"slowest {slowest.case} ({slowest.seconds:.1f} s); "
        f"largest peak {largest.case} ({bound}{largest.peak_mb:,.0f} MB); "
        f"secret leaks: {', '.join(leaks) if leaks else 'none'}."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.hostile",
        description=(__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="build the corpus here (default: a temporary folder, removed afterwards)",
    )
    parser.add_argument("--light", action="store_true", help="skip the heavy cases")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    if args.folder is not None:
        rows = measure(args.folder, heavy=not args.light)
    else:
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            rows = measure(Path(folder), heavy=not args.light)
    if args.json is not None:
        args.json.write_text(
            json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    print(to_markdown(rows))
    print(summary(rows))
    return 0


# -- private ----------------------------------------------------------------------------

_MB = 2**20
_PAGE_SIZE = resource.getpagesize()


def _maxrss_mb(who: int) -> float:
    """Peak RSS in MB (``ru_maxrss`` is in KB on Linux, in bytes on macOS)."""
    maxrss = resource.getrusage(who).ru_maxrss
    return maxrss / _MB if sys.platform == "darwin" else maxrss / 1024


def _rss_mb() -> float:
    """This process's current RSS in MB (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE / _MB
    except (OSError, ValueError, IndexError):
        return _maxrss_mb(resource.RUSAGE_SELF)


def _own_growth(self_before: float, rss_before: float) -> float:
    """How much this process's RSS grew during a call: from the RSS before it to its new
    peak when the call raised the peak, else to the RSS after it (a lower bound)."""
    self_after = _maxrss_mb(resource.RUSAGE_SELF)
    top = self_after if self_after > self_before else _rss_mb()
    return max(top - rss_before, 0.0)


def _excerpt(text: str) -> str:
    if len(text) <= 2 * EXCERPT_CHARS:
        return text
    return f"{text[:EXCERPT_CHARS]} … {text[-EXCERPT_CHARS:]}"


if __name__ == "__main__":
    sys.exit(main())
