"""What the scope review costs: its share of the analysis of each PURE document.

The review's work is timed on its own, on the document as the pipeline already holds it: the
seven parse-based defect rules over every statement's spaCy span (the parse itself is the
segment stage's, not the review's), the quality-measure rule, the statements, and the five
checks. The baseline is the whole analysis of the same document, in the same run.

``python -m bench.review_cost [--data DIR]``
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from analyser import Analyser, AnalyserConfig, AnalyserError
from analyser.language.defects import span_defects
from analyser.language.segment import segment
from analyser.review import build_review, review_requirements, statements_of
from bench._data import DEFAULT_DATA
from bench._timing import best_of


@dataclass(frozen=True, slots=True)
class ReviewCost:
    document: str
    requirements: int
    analysis_s: float
    review_s: float

    @property
    def share(self) -> float:
        return self.review_s / self.analysis_s


def measure(folder: Path, analyser: Analyser, *, repeat: int = 2) -> list[ReviewCost]:
    rows = []
    for path in sorted(folder.iterdir()):
        try:
            document = analyser.read(path)
            analysis_s, analysis = best_of(repeat, lambda: analyser.examine_document(document))
        except AnalyserError:
            continue
        report = analysis.report
        segments = segment(document, analyser.nlp)  # the parse is the segment stage's work
        docs = list(analyser.nlp.pipe(s.text for s in segments))

        def review() -> None:
            for doc in docs:
                span_defects(doc[:])
            requirements = review_requirements(report.requirements)
            build_review(report, statements_of(segments, requirements))

        review_s, _ = best_of(repeat, review)
        rows.append(ReviewCost(path.name, len(report.requirements), analysis_s, review_s))
    return rows


def summary_row(rows: list[ReviewCost]) -> str:
    """The row of the performance summary: the review's share of analysis, no target."""
    analysis = sum(r.analysis_s for r in rows)
    review = sum(r.review_s for r in rows)
    return (
        f"| the scope review, {len(rows)} PURE documents, as a share of analysis | analysis: "
        f"{analysis:.1f} s | review: {review:.1f} s, **{review / analysis:.1%}** | — | — |"
    )


def section(rows: list[ReviewCost]) -> str:
    analysis = sum(r.analysis_s for r in rows)
    review = sum(r.review_s for r in rows)
    heaviest = sorted(rows, key=lambda r: -r.share)[:5]
    lines = [
        "## The scope review",
        "",
        f"The review's own work (defect rules over every statement's parse, the checks) against "
        f"the whole analysis of the same document, best of 2, {len(rows)} PURE documents: "
        f"**{review:.1f} s of {analysis:.1f} s, {review / analysis:.1%}**.",
        "",
        "| document | requirements | analysis (s) | review (s) | share |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.document} | {r.requirements} | {r.analysis_s:.2f} | {r.review_s:.3f} "
        f"| {r.share:.1%} |"
        for r in heaviest
    ]
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    analyser = Analyser(AnalyserConfig()).load()
    print(section(measure(args.data / "pure" / "documents", analyser)))


if __name__ == "__main__":
    main()
