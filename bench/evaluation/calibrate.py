"""Build the breadth reference distribution: ``make calibrate`` → analyser_minilm/reference.json.

The reference specs are mixes of k = 1…6 real systems (``mixes``: 240 specs, 40 for each k,
half CSV and half Markdown) drawn with CALIBRATION_SEED — different draws from the ones the
evaluation scores with EVALUATION_SEED. Each embedder analyses them and the breadth indices are
kept, with two thresholds read off them:

* ``borderline_at``: the index that best tells the single-system specs from the two-system ones
  (``protocol.thresholds``: the middle of the gap with the fewest of either on the wrong side);
* ``over_broad_at``: the 10th percentile of the specs that join four or more systems, so nine in
  ten of them are called over-broad.

A problem counts fully in the index from FULL_PROBLEM_SIZE functional requirements (compared
with 15 and 20 on the calibration mixes, 12 kept the borderline and over-broad specs of the
calibration set apart best while not counting the small side-groups of a single system).

    python -m bench.evaluation.calibrate [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from analyser import Analyser, AnalyserConfig, __version__
from analyser.breadth.calibration import Reference
from analyser.breadth.score import breadth_index
from bench._data import DEFAULT_DATA
from bench.evaluation.datasets import mixable_systems
from bench.evaluation.mixes import build_mixes
from bench.evaluation.protocol import thresholds

CALIBRATION_SEED = 1
N_MIXES = 240
FULL_PROBLEM_SIZE = 12
OUT = (
    Path(__file__).resolve().parents[2] / "models" / "minilm" / "analyser_minilm" / "reference.json"
)
# Any reference will do while calibrating: the index does not depend on it.
_PLACEHOLDER = Reference(
    embedder="any", values=(), borderline_at=1.5, over_broad_at=3.0, full_problem_size=12
)


def reference_entry(data: Path, embedder: str) -> dict:
    analyser = Analyser(AnalyserConfig(embedder=embedder), reference=_PLACEHOLDER).load()
    ks, indices = [], []
    mixes = build_mixes(mixable_systems(data), n_mixes=N_MIXES, seed=CALIBRATION_SEED)
    for number, mix in enumerate(mixes, start=1):
        report = analyser.analyse_bytes(mix.render(), name=mix.filename)
        sizes = [len(p.requirement_ids) for p in report.problems]
        ks.append(mix.k)
        indices.append(breadth_index(sizes, full_problem_size=FULL_PROBLEM_SIZE))
        print(f"\r{embedder}: {number}/{len(mixes)} reference specs", end="", file=sys.stderr)
    print(file=sys.stderr)
    k, index = np.array(ks), np.array(indices)
    borderline, over_broad = thresholds(ks, indices)
    return {
        "full_problem_size": FULL_PROBLEM_SIZE,
        "borderline_at": round(float(borderline), 3),
        "over_broad_at": round(over_broad, 3),
        "values": sorted(round(float(v), 3) for v in index),
        "median_by_k": {str(n): round(float(np.median(index[k == n])), 3) for n in sorted(set(ks))},
        "settings_hash": AnalyserConfig(embedder=embedder).settings_hash(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    if not (arguments.data / "promise-nfr").is_dir():
        sys.exit(f"The evaluation data is not at {arguments.data} (pass --data).")
    reference = {
        "description": (
            f"Breadth indices of {N_MIXES} reference specs, each a shuffled mix of k = 1…6 real "
            "systems (40 per k; PROMISE NFR projects, the RE'19 Dronology, Leeds, ReqView and "
            "WASP sets, Dalpiaz's user-story backlogs; 15–60 requirements from each system; "
            f"half CSV, half Markdown), drawn with seed {CALIBRATION_SEED} and analysed by "
            f"scope-creep-analyser {__version__}. Built by bench/evaluation/calibrate.py."
        ),
        "analyser_version": __version__,
        "embedders": {name: reference_entry(arguments.data, name) for name in ("minilm", "tfidf")},
    }
    arguments.out.write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
