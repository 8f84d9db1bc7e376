"""``python -m bench.evaluation [--data DIR] [--out docs/EVALUATION.md] [--smoke]`` (``make eval``).

Runs the five tasks on the evaluation data and writes the Markdown report. ``--smoke`` runs a
tiny version of every task (a few mixes, documents and sets) to check the harness end to end.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analyser import Analyser, AnalyserConfig
from analyser.breadth.embed import CentredEmbedder, MiniLMEmbedder, packaged_centre
from bench._data import DEFAULT_DATA
from bench.evaluation import (
    extraction,
    features,
    generalisation,
    kinds,
    review,
    review_report,
    samples,
)
from bench.evaluation.cache import CachingEmbedder
from bench.evaluation.families import DEFAULT_SIZES, Sizes
from bench.evaluation.report import Run, render
from bench.evaluation.summary import headline

EVALUATION_SEED = 0
SMOKE_SIZES = Sizes(flat=12, structured=12, same_domain=4)
ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "EVALUATION.md")
    parser.add_argument("--smoke", action="store_true", help="a tiny run of every task")
    parser.add_argument(
        "--cache", type=Path, default=None, help="keep examined mixes here (development only)"
    )
    arguments = parser.parse_args(argv)
    data: Path = arguments.data
    if not (data / "pure").is_dir() or not (data / "promise-nfr").is_dir():
        print(f"The evaluation data is not at {data} (pass --data).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    config = AnalyserConfig()
    # One MiniLM, remembered per text: the analyser (centred) and the baselines (raw) share it,
    # and a requirement drawn into many mixes is embedded once.
    baseline_embedder = CachingEmbedder(MiniLMEmbedder(threads=config.threads))
    analyser = Analyser(
        config, embedder=CentredEmbedder(baseline_embedder, packaged_centre())
    ).load()

    _say("requirement extraction (PURE XML)")
    extraction_scores = extraction.evaluate(data, analyser, limit=1 if arguments.smoke else None)

    protocol = generalisation.run(
        data,
        analyser,
        baseline_embedder,
        seed=EVALUATION_SEED,
        sizes=SMOKE_SIZES if arguments.smoke else DEFAULT_SIZES,
        cache=arguments.cache,
        documents=4 if arguments.smoke else None,
        say=lambda message: _say(message, end="\r"),
    )
    _say("")
    documents = list(protocol.shipped)
    _say("functional vs quality")
    kind_scores = kinds.evaluate(
        data, analyser, seed=EVALUATION_SEED, limit=1 if arguments.smoke else None
    )
    _say("within-system structure")
    feature_scores = features.evaluate(
        data, analyser, seed=EVALUATION_SEED, limit=2 if arguments.smoke else None
    )
    _say("sample specs")
    sample_results = samples.evaluate(analyser)
    _say("scope review")
    unseen = review.evaluate(analyser, review.HELD_OUT)
    review_lines = review_report.render_section(
        unseen,
        review.evaluate(analyser, "tuned"),
        review_report.agreement(),
        review_report.pure_review(data, analyser, limit=3 if arguments.smoke else None),
    )
    run = Run(
        seed=EVALUATION_SEED,
        smoke=arguments.smoke,
        seconds=time.perf_counter() - started,
        settings_hash=analyser.config.settings_hash(),
        reference=analyser.reference,
        metrics=headline(extraction_scores, kind_scores) + review_report.review_metrics(unseen),
        extraction=extraction_scores,
        protocol=protocol,
        documents=documents,
        kinds=kind_scores,
        features=feature_scores,
        samples=sample_results,
        review=review_lines,
    )
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(render(run), encoding="utf-8")
    _say(f"wrote {arguments.out} in {run.seconds / 60:.1f} min")
    return 0


def _say(message: str, *, end: str = "\n") -> None:
    print(message.ljust(60) if end == "\r" else message, end=end, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
