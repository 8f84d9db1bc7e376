"""Run the analyser on every real PURE document and tabulate the outcome.

For each original document: the report's verdict, problem count and requirement count, or the
coded error that stopped it; beside it, the reader's label from ``pure/breadth-labels.csv``.
Prints a Markdown table (``docs/real-documents.md`` is made from it).

    python -m bench.real_documents [--data ../shared/data]
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from dataclasses import dataclass

from analyser import Analyser, AnalyserError
from bench._data import data_from_arguments


@dataclass(frozen=True, slots=True)
class Outcome:
    document: str
    label: str  # the reader's breadth label, or "" when the document has none
    seconds: float
    verdict: str = ""  # empty when the analyser reported an error
    requirements: int = 0
    problems: int = 0
    error: str = ""  # the error's code, e.g. "A002"


def main() -> None:
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is None:
        return
    labels_path = data / "pure" / "breadth-labels.csv"
    with labels_path.open(encoding="utf-8") as stream:
        labels = {row["document"]: row for row in csv.DictReader(stream)}
    analyser = Analyser().load()
    outcomes: list[Outcome] = []
    print("| document | outcome | requirements | problems | verdict | label (n) | seconds |")
    print("|---|---|---|---|---|---|---|")
    for path in sorted((data / "pure" / "documents").iterdir()):
        label = labels.get(path.name)
        expected = f"{label['breadth']} ({label['n_problems']})" if label else "—"
        start = time.perf_counter()
        try:
            report = analyser.analyse_path(path)
        except AnalyserError as error:
            seconds = time.perf_counter() - start
            code = error.code
            outcomes.append(
                Outcome(path.name, label["breadth"] if label else "", seconds, error=code)
            )
            print(f"| {path.name} | error [{code}] | | | | {expected} | {seconds:.1f} |")
            continue
        seconds = time.perf_counter() - start
        breadth = report.breadth
        outcomes.append(
            Outcome(
                path.name,
                label["breadth"] if label else "",
                seconds,
                verdict=breadth.verdict,
                requirements=len(report.requirements),
                problems=breadth.n_problems,
            )
        )
        print(
            f"| {path.name} | report | {len(report.requirements)} | {breadth.n_problems} "
            f"| {breadth.verdict} | {expected} | {seconds:.1f} |",
            flush=True,
        )
    print()
    print(summary(outcomes))


def summary(outcomes: list[Outcome]) -> str:
    """Counts for the summary of docs/real-documents.md: reports and errors, the verdicts
    against the reader's labels, and the slowest documents."""
    reports = [o for o in outcomes if not o.error]
    errors = Counter(o.error for o in outcomes if o.error)
    listed = ", ".join(f"{n} [{code}]" for code, n in sorted(errors.items()))
    failed = f"{sum(errors.values())} coded errors ({listed})" if errors else "no coded errors"
    lines = [f"- {len(reports)} reports, {failed}."]
    verdicts = ("focused", "borderline", "over-broad")
    lines += ["", "| label | analysed | " + " | ".join(verdicts) + " |", "|---|---|---|---|---|"]
    for label in sorted({o.label for o in reports}):
        row = [o for o in reports if o.label == label]
        counts = Counter(o.verdict for o in row)
        lines.append(
            f"| {label or '—'} | {len(row)} | "
            + " | ".join(str(counts[v]) for v in verdicts)
            + " |"
        )
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:3]
    lines += [
        "",
        f"- Total {sum(o.seconds for o in outcomes):.0f} s for all {len(outcomes)}; slowest: "
        + "; ".join(
            f"`{o.document}` ({o.requirements} requirements, {o.seconds:.0f} s)" for o in slowest
        )
        + ".",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
