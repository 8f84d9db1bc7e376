"""Task 3: natural breadth on real PURE documents — no false alarms.

Every PURE document with a reader's breadth label is analysed (once, by ``generalisation``):
the original where the analyser reads its format, otherwise its text rendering (for ``.doc`` and
``.rtf``, and where an original is missing). Baselines from the same run: the dispersion of the
functional requirements' MiniLM vectors (mean pairwise cosine distance) and the number of
clusters chosen by the silhouette.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyser import SUPPORTED_SUFFIXES, Report
from analyser.breadth.embed import Embedder
from analyser.breadth.score import mean_pairwise_distance
from bench.evaluation.datasets import BreadthLabel
from bench.evaluation.recovery import silhouette_k


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: str
    read_from: str  # "original" or "text rendering"
    label: str  # the reader's judgement: focused / borderline / over-broad
    n_requirements: int
    n_problems: int
    breadth_index: float
    score: float
    verdict: str
    dispersion: float
    silhouette_k: int
    error: str | None = None


def document_path(data: Path, document: str) -> tuple[Path, str] | None:
    original = data / "pure" / "documents" / document
    if original.exists() and original.suffix.lower() in SUPPORTED_SUFFIXES:
        return original, "original"
    rendering = data / "pure" / "text-markdown" / f"{document}.md"
    return (rendering, "text rendering") if rendering.exists() else None


def document_result(
    label: BreadthLabel, read_from: str, report: Report, baseline_embedder: Embedder, *, seed: int
) -> DocumentResult:
    functional = [r.text for r in report.requirements if r.kind == "functional"]
    vectors = baseline_embedder.embed(functional)
    return DocumentResult(
        document=label.document,
        read_from=read_from,
        label=label.breadth,
        n_requirements=len(report.requirements),
        n_problems=report.breadth.n_problems,
        breadth_index=breadth_index_of(report),
        score=report.breadth.score,
        verdict=report.breadth.verdict,
        dispersion=mean_pairwise_distance(vectors),
        silhouette_k=silhouette_k(vectors, seed=seed),
    )


def breadth_index_of(report: Report) -> float:
    signals = report.breadth.signals
    return signals.breadth_index if signals is not None else 0.0
