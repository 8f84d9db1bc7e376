"""Throughput of each stage, as ratios against a baseline measured in the same run.

The baseline is the cheapest honest thing one could do with the same text: split it into
sentences with spaCy's rule-based sentencizer. Every stage is reported as a multiple of that,
so the numbers mean the same on a faster or slower machine.

    python -m bench.performance [FILES...]    (default: every sample spec)
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from analyser import Analyser, AnalyserConfig, read_spec
from analyser.cluster import cluster_problems
from analyser.extract import extract_requirements
from analyser.segment import segment

SAMPLES = Path(__file__).resolve().parents[1] / "sample_specs"


def best_of(repeat: int, function: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs (seconds) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(paths: list[Path], *, repeat: int = 3) -> list[dict[str, float | str]]:
    analyser = Analyser(AnalyserConfig())
    fast = Analyser(AnalyserConfig(embedder="tfidf"), nlp=analyser.nlp)
    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    rows = []
    for path in paths:
        document = read_spec(path)
        text = "\n".join(block.text for block in document.blocks)
        baseline, _ = best_of(repeat, lambda: list(sentencizer(text).sents))
        t_read, _ = best_of(repeat, lambda: read_spec(path))
        t_segment, segments = best_of(repeat, lambda: segment(document, analyser.nlp))
        t_extract, requirements = best_of(
            repeat, lambda: extract_requirements(segments, tabular=document.tabular)
        )
        functional = [r for r in requirements if r.kind == "functional"]
        texts = [r.text for r in functional]
        t_embed, vectors = best_of(repeat, lambda: analyser.embedder.embed(texts))
        t_tfidf, _ = best_of(repeat, lambda: fast.embedder.embed(texts))
        t_cluster, _ = best_of(
            repeat,
            lambda: cluster_problems(
                functional,
                vectors,
                merge_similarity=analyser.config.merge_threshold,
                term_overlap=analyser.config.term_overlap,
                min_problem_share=analyser.config.min_problem_share,
                min_problem_size=analyser.config.min_problem_size,
            ),
        )
        t_total, _ = best_of(repeat, lambda: analyser.analyse_path(path))
        rows.append(
            {
                "file": path.name,
                "words": len(text.split()),
                "requirements": len(requirements),
                "baseline_s": baseline,
                "read": t_read / baseline,
                "segment": t_segment / baseline,
                "extract": t_extract / baseline,
                "embed": t_embed / baseline,
                "embed_fast": t_tfidf / baseline,
                "cluster": t_cluster / baseline,
                "total": t_total / baseline,
                "total_s": t_total,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.files or sorted(
        p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf")
    )
    rows = measure(paths)
    columns = ["read", "segment", "extract", "embed", "embed_fast", "cluster", "total"]
    print("Stage time as a multiple of the sentencizer baseline on the same text (best of 3).\n")
    print("| file | words | reqs | " + " | ".join(columns) + " | total (s) |")
    print("|---|---|---|" + "---|" * len(columns) + "---|")
    for row in rows:
        cells = " | ".join(f"{row[c]:.1f}×" for c in columns)
        print(
            f"| {row['file']} | {row['words']} | {row['requirements']} | {cells} "
            f"| {row['total_s']:.2f} |"
        )


if __name__ == "__main__":
    main()
