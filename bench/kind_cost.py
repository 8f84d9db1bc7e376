"""What the trained functional/quality classifier costs: analysis with it ÷ with the lexicon.

Both analysers share one spaCy pipeline and one embedder and analyse the same documents, read
once beforehand, in alternating order (trained first on even documents, lexicon first on odd
ones) so that neither profits from warm caches. The trained classifier embeds every
requirement, not only the functional ones, and runs two small regressions; the target is at
most 10 % on top of the analysis with the lexicon.

    python -m bench.kind_cost [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analyser import Analyser, AnalyserConfig, AnalyserError, read_spec
from analyser.records import SpecDocument
from bench._data import DEFAULT_DATA

MAX_RATIO = 1.10


@dataclass(frozen=True, slots=True)
class KindCost:
    documents: int
    requirements: int
    kinds_changed: int  # requirements whose kind the two methods decide differently
    trained_s: float
    lexicon_s: float

    @property
    def ratio(self) -> float:
        return self.trained_s / self.lexicon_s


def measure(paths: Iterable[Path]) -> KindCost:
    trained = Analyser(AnalyserConfig(kinds="trained")).load()
    lexicon = Analyser(
        AnalyserConfig(kinds="lexicon"),
        nlp=trained.nlp,
        embedder=trained.embedder,
        reference=trained.reference,
    )
    documents: list[SpecDocument] = []
    for path in paths:
        try:
            documents.append(read_spec(path))
        except AnalyserError:
            continue
    seconds = {"trained": 0.0, "lexicon": 0.0}
    requirements = changed = counted = 0
    for index, document in enumerate(documents):
        order = [("trained", trained), ("lexicon", lexicon)]
        kinds = {}
        for name, analyser in order if index % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            try:
                report = analyser.analyse_document(document)
            except AnalyserError:
                break
            seconds[name] += time.perf_counter() - start
            kinds[name] = [r.kind for r in report.requirements]
        else:
            counted += 1
            requirements += len(kinds["trained"])
            changed += sum(a != b for a, b in zip(kinds["trained"], kinds["lexicon"], strict=True))
    return KindCost(counted, requirements, changed, seconds["trained"], seconds["lexicon"])


def section(cost: KindCost) -> str:
    met = "yes" if cost.ratio <= MAX_RATIO else "no"
    return (
        "## Functional/quality classifier\n\n"
        f"{cost.documents} PURE documents ({cost.requirements:,} requirements) analysed with "
        'the trained classifier (`kinds="trained"`) and with the quality lexicon (the '
        "default), sharing their models, documents read beforehand, in alternating order. "
        f"The two methods decide {cost.kinds_changed:,} kinds differently.\n\n"
        "| measure | baseline (same run) | result | target | met |\n"
        "|---|---|---|---|---|\n"
        f"| analysis time with the trained classifier | lexicon: {cost.lexicon_s:.1f} s "
        f"| {cost.trained_s:.1f} s: **{cost.ratio:.3f}×** | ≤ {MAX_RATIO:g}× | {met} |\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    folder = args.data / "pure" / "documents"
    if not folder.is_dir():
        raise SystemExit(f"The PURE documents are not at {folder} (pass --data).")
    print(section(measure(sorted(folder.iterdir()))))


if __name__ == "__main__":
    main()
