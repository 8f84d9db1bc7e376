"""Pipeline overhead: how much our own code adds to the work of the models it runs.

For each document: *analysis* is ``Analyser.analyse_document`` (models loaded, document
already read); the baseline, *models*, is spaCy's ``nlp.pipe`` over the texts the segment stage
parses (the same pipeline and batch size) plus embedding the same functional requirements,
timed inside that analysis (``bench/_models.py``), so each document is analysed once.
The ratio analysis ÷ models is what segmenting, extracting, clustering, scoring and projecting
add; the target is at most 1.3. Reading (text extraction, pypdf for PDFs) is timed apart, as
it is not part of the ratio. Measured on every PURE document that the analyser reads and finds
requirements in, and on a synthetic spec of 1,000 requirements (``bench/synthetic.py``;
``bench/scaling.py`` gives the ratio at 5,000 and 20,000).

    python -m bench.overhead [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analyser import AnalyserError, read_spec
from analyser.records import SpecDocument
from bench._data import DEFAULT_DATA
from bench._models import TimedModels
from bench.synthetic import synthetic_document

MAX_RATIO = 1.3
SYNTHETIC_SIZES: tuple[int, ...] = (1_000,)


@dataclass(frozen=True, slots=True, kw_only=True)
class OverheadRow:
    """One document: the analysis time beside the time of its models alone."""

    document: str
    n_requirements: int
    n_functional: int
    read_s: float
    analysis_s: float
    models_s: float

    @property
    def ratio(self) -> float:
        return self.analysis_s / self.models_s


@dataclass(frozen=True, slots=True)
class Skipped:
    document: str
    reason: str


def measure_document(
    models: TimedModels, document: SpecDocument, *, name: str, read_s: float
) -> OverheadRow:
    """Time the analysis of a document already read, and its models within it."""
    models.reset()
    start = time.perf_counter()
    report = models.analyser.analyse_document(document)
    analysis_s = time.perf_counter() - start
    return OverheadRow(
        document=name,
        n_requirements=len(report.requirements),
        n_functional=sum(r.kind == "functional" for r in report.requirements),
        read_s=read_s,
        analysis_s=analysis_s,
        models_s=models.seconds,
    )


def measure_pure(
    models: TimedModels, paths: Iterable[Path]
) -> tuple[list[OverheadRow], list[Skipped]]:
    """Every document that reads and has requirements; the others with the error's code."""
    rows, skipped = [], []
    for path in paths:
        start = time.perf_counter()
        try:
            document = read_spec(path)
            read_s = time.perf_counter() - start
            rows.append(measure_document(models, document, name=path.name, read_s=read_s))
        except AnalyserError as error:
            skipped.append(Skipped(path.name, str(error)[:6]))
    return rows, skipped


def measure_synthetic(
    models: TimedModels, sizes: tuple[int, ...] = SYNTHETIC_SIZES, *, data: Path = DEFAULT_DATA
) -> list[OverheadRow]:
    rows = []
    for size in sizes:
        start = time.perf_counter()
        document = synthetic_document(size, data=data)
        read_s = time.perf_counter() - start
        rows.append(measure_document(models, document, name=f"synthetic {size:,}", read_s=read_s))
    return rows


def table(pure: list[OverheadRow], skipped: list[Skipped], synthetic: list[OverheadRow]) -> str:
    """A Markdown section: a row per document, then the overall ratio (sums over documents)."""
    lines = [
        "### Pipeline overhead",
        "",
        "Analysis time ÷ the time of its models alone on the same input (spaCy `nlp.pipe` "
        "over the same texts with the same pipeline and batch size, plus embedding the same "
        "functional requirements with MiniLM; timed inside the same analysis); target ≤ "
        f"{MAX_RATIO}. Reading (text extraction) is timed apart and not in the ratio.",
        "",
        "| document | requirements (functional) | read (s) | analysis (s) | models (s) "
        "| analysis ÷ models |",
        "|---|---|---|---|---|---|",
    ]
    for row in [*pure, *synthetic]:
        lines.append(
            f"| {row.document} | {row.n_requirements:,} ({row.n_functional:,}) "
            f"| {row.read_s:.1f} | {row.analysis_s:.2f} | {row.models_s:.2f} | {row.ratio:.2f} |"
        )
    lines.append("")
    for label, rows in (("PURE document", pure), ("synthetic spec", synthetic)):
        if rows:
            lines.append(f"- {_overall(label, rows)}")
    if pure:
        worst = max(pure, key=lambda row: row.ratio)
        lines.append(f"- Highest single-document ratio: {worst.ratio:.2f} ({worst.document}).")
    if skipped:
        listed = "; ".join(f"{s.document} ({s.reason})" for s in skipped)
        lines.append(f"- Not measured (the analyser reports an error): {listed}.")
    return "\n".join(lines) + "\n"


def run(data: Path) -> str:
    """The pipeline-overhead section of docs/PERFORMANCE.md."""
    models = TimedModels()
    models.analyser.analyse_document(synthetic_document(50, data=data))  # first-call costs
    pure, skipped = measure_pure(models, sorted((data / "pure" / "documents").iterdir()))
    return table(pure, skipped, measure_synthetic(models, data=data))


# -- private ----------------------------------------------------------------------------


def _overall(label: str, rows: list[OverheadRow]) -> str:
    analysis = sum(row.analysis_s for row in rows)
    models = sum(row.models_s for row in rows)
    reading = sum(row.read_s for row in rows)
    ratio = analysis / models
    met = "met" if ratio <= MAX_RATIO else "not met"
    counted = f"{len(rows)} {label}{'s' * (len(rows) != 1)}"
    return (
        f"Overall, {counted}: {analysis:.1f} s of analysis ÷ {models:.1f} s of models = "
        f"**{ratio:.2f}** (target ≤ {MAX_RATIO}, {met}); reading took {reading:.1f} s more."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    data: Path = parser.parse_args().data
    if not (data / "pure" / "documents").is_dir():
        print(f"skipped: the evaluation data is not at {data} (pass --data)")
        return
    print(run(data))


if __name__ == "__main__":
    main()
