"""Run the analyser on every real PURE document and tabulate the outcome.

For each original document: the report's verdict, problem count and requirement count, or the
coded error that stopped it; beside it, the reader's label from ``pure/breadth-labels.csv``.
Prints a Markdown table (``docs/real-documents.md`` is made from it).

    python -m bench.real_documents [--data ../shared/data]
"""

from __future__ import annotations

import csv
import time

from analyser import Analyser, AnalyserError
from bench._data import data_from_arguments


def main() -> None:
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is None:
        return
    labels_path = data / "pure" / "breadth-labels.csv"
    with labels_path.open(encoding="utf-8") as stream:
        labels = {row["document"]: row for row in csv.DictReader(stream)}
    analyser = Analyser().load()
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
            print(f"| {path.name} | error {str(error)[:6]} | | | | {expected} | {seconds:.1f} |")
            continue
        seconds = time.perf_counter() - start
        breadth = report.breadth
        print(
            f"| {path.name} | report | {len(report.requirements)} | {breadth.n_problems} "
            f"| {breadth.verdict} | {expected} | {seconds:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
