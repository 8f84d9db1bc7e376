"""Measure version comparison: the alignment threshold, its accuracy, and real document pairs.

On ``sample_specs/versions/reworded`` (ground truth in ``truth.json``): the combined similarity
of the true pairs; of each requirement of the other sample specs with the most alike *other*
requirement of the same spec; a stress test (10 requirements deleted from v1 and 10 others
from v2, 50 trials) counting wrong pairs; the alignment accuracy. Then, when the evaluation data
is present, PURE originals against their text renderings. ``docs/compare.md`` quotes the output.

    python -m bench.compare [--data ../shared/data]
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from analyser import Analyser, AnalyserConfig, read_spec
from analyser.records import Requirement
from analyser.versions.align import ALIGN_THRESHOLDS, align, similarity_matrix
from bench._data import data_from_arguments

SAMPLES = Path(__file__).resolve().parents[1] / "sample_specs"
REWORDED = SAMPLES / "versions" / "reworded"
PURE_PAIRS = ("2005 - microcare.pdf", "0000 - gamma j.pdf", "1998 - themas.pdf")


def main() -> None:
    truth: dict[str, str | None] = json.loads((REWORDED / "truth.json").read_text())["counterparts"]
    for embedder in ("minilm", "tfidf"):
        analyser = Analyser(AnalyserConfig(embedder=embedder)).load()
        old, new = (analyser.analyse_path(REWORDED / n).requirements for n in ("v1.md", "v2.md"))
        vectors = _vectors(analyser, [*old, *new])
        old_vectors, new_vectors = vectors[: len(old)], vectors[len(old) :]
        similarity = similarity_matrix(
            [r.text for r in old], [r.text for r in new], old_vectors, new_vectors
        )
        column = {r.id: j for j, r in enumerate(new)}
        true = [similarity[i, column[truth[r.id]]] for i, r in enumerate(old) if truth[r.id]]
        print(f"## {embedder} (threshold {ALIGN_THRESHOLDS[embedder]})")
        print(f"true pairs: {_spread(true)}")
        print(f"same spec, most alike other requirement: {_spread(_nearest_others(analyser))}")
        for threshold in (0.3, 0.45, 0.55, 0.65):
            wrong, found = _stress(old, new, old_vectors, new_vectors, truth, threshold)
            print(f"stress at {threshold}: {wrong:.2f} wrong pairs per trial, {found:.1%} found")
        comparison = analyser.compare_paths(REWORDED / "v1.md", REWORDED / "v2.md")
        fate = {c.old_id: c.new_id for c in comparison.changes if c.old_id is not None}
        right = sum(fate.get(old_id) == new_id for old_id, new_id in truth.items())
        print(f"accuracy: {right}/{len(truth)}; {comparison.headline}\n")
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is None:
        return
    analyser = Analyser().load()
    for name in PURE_PAIRS:
        pure = data / "pure"
        comparison = analyser.compare_paths(
            pure / "documents" / name, pure / "text-markdown" / f"{name}.md"
        )
        print(
            f"{name} vs its rendering: {comparison.headline} "
            f"({len(comparison.unchanged)} unchanged, {len(comparison.modified)} modified, "
            f"{len(comparison.added)} added, "
            f"{len(comparison.removed)} removed)"
        )


def _vectors(analyser: Analyser, requirements: list[Requirement]) -> np.ndarray:
    return analyser.embedder.embed([r.text for r in requirements])


def _nearest_others(analyser: Analyser) -> list[float]:
    found: list[float] = []
    paths = sorted(SAMPLES.glob("*.md")) + sorted((SAMPLES / "versions").glob("[cd]*/v*.md"))
    for path in paths:
        requirements = analyser.analyse_document(read_spec(path)).requirements
        texts = [r.text for r in requirements]
        vectors = analyser.embedder.embed(texts)
        similarity = similarity_matrix(texts, texts, vectors, vectors)
        np.fill_diagonal(similarity, -1.0)
        found += list(similarity.max(axis=1))
    return found


def _stress(
    old: tuple[Requirement, ...],
    new: tuple[Requirement, ...],
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    truth: dict[str, str | None],
    threshold: float,
) -> tuple[float, float]:
    rng = random.Random(0)
    paired = [old_id for old_id, new_id in truth.items() if new_id]
    wrong = right = expected = 0
    for _ in range(50):
        sample = rng.sample(paired, 20)
        gone_old, gone_new = set(sample[:10]), {truth[old_id] for old_id in sample[10:]}
        keep_old = [i for i, r in enumerate(old) if r.id not in gone_old]
        keep_new = [j for j, r in enumerate(new) if r.id not in gone_new]
        changes = align(
            [old[i] for i in keep_old],
            [new[j] for j in keep_new],
            old_vectors[keep_old],
            new_vectors[keep_new],
            threshold=threshold,
        )
        for change in changes:
            if change.old_id is not None and change.new_id is not None:
                if truth.get(change.old_id) == change.new_id:
                    right += 1
                else:
                    wrong += 1
        expected += sum(1 for i in keep_old if truth[old[i].id] and old[i].id not in sample[10:])
    return wrong / 50, right / expected


def _spread(values: list[float]) -> str:
    array = np.array(values)
    return (
        f"min {array.min():.2f}, 5th percentile {np.percentile(array, 5):.2f}, "
        f"median {np.median(array):.2f}, 95th {np.percentile(array, 95):.2f}, "
        f"99th {np.percentile(array, 99):.2f}, max {array.max():.2f} (n={len(array)})"
    )


if __name__ == "__main__":
    main()
