"""Reading speed: PDFium against pypdf on the PURE originals, in one run.

Each document is read by both PDF readers (other formats have one reader, read once) and
analysed from each reading with the models already loaded, so the table gives, per document,
the reading time before (pypdf) and after (PDFium), the analysis time, and whether the outcome
(requirements, problems, verdict) changed. The summary is reading time as a share of analysis
time for the whole folder, with either reader.

    python -m bench.reading [--data ../shared/data]
"""

from __future__ import annotations

import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from analyser import (
    SUPPORTED_SUFFIXES,
    Analyser,
    AnalyserConfig,
    AnalyserError,
    Report,
    SpecDocument,
    read_spec_with_cost,
)
from bench._data import data_from_arguments

READERS = ("pypdf", "pdfium")
WARM_UP = Path(__file__).resolve().parents[1] / "sample_specs" / "library-loans.md"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a document's analysis gave, or the coded error."""

    requirements: int = 0
    problems: int = 0
    verdict: str = ""
    error: str = ""

    @classmethod
    def of(cls, report: Report) -> Outcome:
        return cls(len(report.requirements), report.breadth.n_problems, report.breadth.verdict)

    def __str__(self) -> str:
        if self.error:
            return self.error
        return f"{self.requirements} / {self.problems} / {self.verdict}"


@dataclass(frozen=True, slots=True)
class ReadingRow:
    """One document read by both PDF readers (the same reader twice for other formats)."""

    document: str
    pages: int | None
    read_s: dict[str, float]
    analyse_s: float  # analysis after reading, of the PDFium reading
    outcome: dict[str, Outcome]
    label: str  # breadth label (n problems), if the document has one

    @property
    def changed(self) -> bool:
        return self.outcome["pypdf"] != self.outcome["pdfium"]


def measure(folder: Path, analyser: Analyser, labels: dict[str, str]) -> list[ReadingRow]:
    """Read and analyse every spec in ``folder``, with each PDF reader."""
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    analyser.analyse_path(WARM_UP)  # first-call costs are not the first document's
    rows = []
    for path in paths:
        print(f"  {path.name}", file=sys.stderr, flush=True)
        readers = READERS if path.suffix.lower() == ".pdf" else ("pdfium",)
        read_s: dict[str, float] = {}
        outcome: dict[str, Outcome] = {}
        analyse_s = 0.0
        pages = None
        for reader in readers:
            started = time.perf_counter()
            try:
                document, _ = read_spec_with_cost(path, pdf_reader=reader)
            except AnalyserError as error:
                read_s[reader] = time.perf_counter() - started
                outcome[reader] = Outcome(error=f"[{error.code}]")
                continue
            read_s[reader] = time.perf_counter() - started
            pages = _pages(document) or pages
            started = time.perf_counter()
            try:
                report = analyser.analyse_document(document)
            except AnalyserError as error:
                outcome[reader] = Outcome(error=f"[{error.code}]")
            else:
                outcome[reader] = Outcome.of(report)
            if reader == "pdfium":
                analyse_s = time.perf_counter() - started
        for reader in READERS:  # one reader for other formats: it is both
            read_s.setdefault(reader, read_s["pdfium"])
            outcome.setdefault(reader, outcome["pdfium"])
        rows.append(
            ReadingRow(path.name, pages, read_s, analyse_s, outcome, labels.get(path.name, ""))
        )
    return rows


def shares(rows: list[ReadingRow]) -> dict[str, float]:
    """Reading time as a share of analysis time for the whole folder, per PDF reader."""
    analysis = sum(row.analyse_s for row in rows)
    return {reader: sum(row.read_s[reader] for row in rows) / analysis for reader in READERS}


def section(rows: list[ReadingRow]) -> str:
    share = shares(rows)
    read = {reader: sum(row.read_s[reader] for row in rows) for reader in READERS}
    analysis = sum(row.analyse_s for row in rows)
    pdfs = [row for row in rows if row.document.lower().endswith(".pdf")]
    changed = [row for row in rows if row.changed]
    lines = [
        "## Reading (PURE originals, PDFium against pypdf)",
        "",
        f"{len(rows)} documents ({len(pdfs)} PDF), each PDF read by both readers in the same "
        "run and analysed from each reading (MiniLM, models loaded); the other formats have "
        "one reader. Reading runs in a child process within the default budget, so its time "
        "includes starting that process. Outcome: requirements / problems / verdict.",
        "",
        f"- reading, pypdf: {read['pypdf']:.1f} s = **{share['pypdf']:.1%}** of analysis "
        f"time ({analysis:.1f} s)",
        f"- reading, PDFium: {read['pdfium']:.1f} s = **{share['pdfium']:.1%}** of analysis "
        f"time (target ≤ 10 %); {read['pypdf'] / read['pdfium']:.1f}× faster",
        f"- outcome changed on {len(changed)} of {len(pdfs)} PDFs (listed with ≠)",
        "",
        "| document | pages | read pypdf (s) | read PDFium (s) | faster | analysis (s) "
        "| outcome, pypdf | outcome, PDFium | label |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in pdfs:
        faster = row.read_s["pypdf"] / max(row.read_s["pdfium"], 1e-6)
        mark = " ≠" if row.changed else ""
        lines.append(
            f"| {row.document} | {row.pages or '—'} | {row.read_s['pypdf']:.2f} "
            f"| {row.read_s['pdfium']:.2f} | {faster:.1f}× | {row.analyse_s:.1f} "
            f"| {row.outcome['pypdf']} | {row.outcome['pdfium']}{mark} | {row.label} |"
        )
    return "\n".join(lines) + "\n"


def labels_of(data: Path) -> dict[str, str]:
    """``pure/breadth-labels.csv``: each document's breadth label and number of problems."""
    path = data / "pure" / "breadth-labels.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            row["document"]: f"{row['breadth']} ({row['n_problems']})"
            for row in csv.DictReader(handle)
        }


def main() -> None:
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is None:
        return
    analyser = Analyser(AnalyserConfig()).load()
    rows = measure(data / "pure" / "documents", analyser, labels_of(data))
    print(section(rows))


def _pages(document: SpecDocument) -> int | None:
    pages = [block.location.page for block in document.blocks if block.location.page]
    return max(pages) if pages else None


if __name__ == "__main__":
    main()
