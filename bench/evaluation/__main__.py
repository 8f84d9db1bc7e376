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
from bench.evaluation import breadth, extraction, features, kinds, recovery
from bench.evaluation.cache import CachingEmbedder
from bench.evaluation.datasets import mixable_systems
from bench.evaluation.mixes import build_mixes
from bench.evaluation.report import Run, render
from bench.evaluation.summary import headline

EVALUATION_SEED = 0
N_MIXES = 240
ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "EVALUATION.md")
    parser.add_argument("--smoke", action="store_true", help="a tiny run of every task")
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
    n_mixes = 12 if arguments.smoke else N_MIXES

    _say("requirement extraction (PURE XML)")
    extraction_scores = extraction.evaluate(data, analyser, limit=1 if arguments.smoke else None)

    mixes = build_mixes(mixable_systems(data), n_mixes=n_mixes, seed=EVALUATION_SEED)
    mix_results = recovery.evaluate(
        mixes,
        analyser,
        baseline_embedder,
        seed=EVALUATION_SEED,
        on_progress=lambda done: _say(f"problem recovery: {done}/{len(mixes)} mixes", end="\r"),
    )
    _say("")
    documents = breadth.evaluate(
        data,
        analyser,
        baseline_embedder,
        seed=EVALUATION_SEED,
        limit=4 if arguments.smoke else None,
        on_progress=lambda done, total: _say(
            f"natural breadth: {done}/{total} documents", end="\r"
        ),
    )
    _say("")
    _say("functional vs quality")
    kind_scores = kinds.evaluate(
        data, analyser, seed=EVALUATION_SEED, limit=1 if arguments.smoke else None
    )
    _say("within-system structure")
    feature_scores = features.evaluate(
        data, analyser, seed=EVALUATION_SEED, limit=2 if arguments.smoke else None
    )
    run = Run(
        seed=EVALUATION_SEED,
        smoke=arguments.smoke,
        seconds=time.perf_counter() - started,
        settings_hash=analyser.config.settings_hash(),
        reference=analyser.reference,
        metrics=headline(extraction_scores, mix_results, documents, kind_scores),
        extraction=extraction_scores,
        mixes=mix_results,
        documents=documents,
        kinds=kind_scores,
        features=feature_scores,
    )
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(render(run), encoding="utf-8")
    _say(f"wrote {arguments.out} in {run.seconds / 60:.1f} min")
    return 0


def _say(message: str, *, end: str = "\n") -> None:
    print(message.ljust(60) if end == "\r" else message, end=end, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
