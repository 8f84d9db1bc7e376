"""Cost growth: analysis time and peak memory for one spec of 1,000, 5,000 and 20,000 requirements.

Each size runs in a fresh Python process, so that its peak resident memory (VmHWM) is its own:
the process builds the synthetic spec (``bench/synthetic.py``), loads the models, and times
``Analyser.analyse_document`` on it (the default MiniLM configuration). Beside each figure is
its baseline from the same run: the time of the models alone (spaCy's ``nlp.pipe`` over the
texts the segment stage parses, plus embedding the functional requirements; timed inside the
analysis, ``bench/_models.py``), and the memory once the models are loaded. Targets: the 20k
time at most 5× the 5k time, and a peak RSS of at most 2 GB at 20k.

    python -m bench.scaling [--data ../shared/data] [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from analyser.breadth.cluster import EXACT_LIMIT
from bench._data import DEFAULT_DATA
from bench._models import TimedModels
from bench.synthetic import synthetic_document

SIZES: tuple[int, ...] = (1_000, 5_000, 20_000)
MAX_GROWTH = 5.0  # the 20k time may be at most this multiple of the 5k time
MAX_PEAK_MB = 2_048.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ScalingRow:
    """One spec size, measured in a process of its own."""

    size: int  # requirements written into the synthetic spec
    n_requirements: int  # requirements the analyser found
    n_functional: int
    n_problems: int
    exact: bool  # clustered by the exact n × n algorithm (else by micro-clusters)
    analysis_s: float  # Analyser.analyse_document, models loaded, document read
    models_s: float  # baseline: the time inside nlp.pipe and the embedder during the analysis
    peak_mb: float  # peak resident memory of the process after the analysis
    loaded_mb: float  # baseline: peak resident memory once the models are loaded

    @property
    def overhead(self) -> float:
        return self.analysis_s / self.models_s


def measure(size: int, *, data: Path = DEFAULT_DATA) -> ScalingRow:
    """Measure one size in this process (call it in a fresh process: the peak is per process)."""
    document = synthetic_document(size, data=data)
    models = TimedModels()
    models.analyser.analyse_document(synthetic_document(50, data=data))  # first-call costs
    models.reset()
    loaded_mb = peak_rss_mb()
    start = time.perf_counter()
    report = models.analyser.analyse_document(document)
    analysis_s = time.perf_counter() - start
    n_functional = sum(r.kind == "functional" for r in report.requirements)
    return ScalingRow(
        size=size,
        n_requirements=len(report.requirements),
        n_functional=n_functional,
        n_problems=len(report.problems),
        exact=n_functional <= EXACT_LIMIT,
        analysis_s=analysis_s,
        models_s=models.seconds,
        peak_mb=peak_rss_mb(),
        loaded_mb=loaded_mb,
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (VmHWM; ru_maxrss elsewhere)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_sizes(sizes: tuple[int, ...] = SIZES, *, data: Path = DEFAULT_DATA) -> list[ScalingRow]:
    """Measure each size in a fresh process, smallest first."""
    rows = []
    for size in sizes:
        command = [sys.executable, "-m", "bench.scaling", "--child", str(size), "--data", str(data)]
        output = subprocess.run(
            command, check=True, capture_output=True, text=True, cwd=Path(__file__).parents[1]
        ).stdout
        rows.append(ScalingRow(**json.loads(output.strip().splitlines()[-1])))
    return rows


def table(rows: list[ScalingRow]) -> str:
    """The rows as a Markdown section, with the growth of the largest size over the one before."""
    lines = [
        "### Cost growth",
        "",
        "One synthetic spec per size (CrowdRE, PROMISE NFR and backlog requirements), each "
        "analysed in a fresh process with the default MiniLM models. *Models* is the baseline "
        "from the same run: the time inside spaCy's `nlp.pipe` (over the same texts, with the "
        "same pipeline and batch size) and inside the embedder during the analysis; *loaded* "
        "is the peak memory once the models are loaded, before the analysis. Clustering is "
        f"exact up to {EXACT_LIMIT:,} functional requirements, by micro-clusters above.",
        "",
        "| requirements | found (functional) | problems | clustering | analysis (s) "
        "| models (s) | analysis ÷ models | peak RSS (MB) | loaded (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.size:,} | {row.n_requirements:,} ({row.n_functional:,}) | {row.n_problems} "
            f"| {'exact' if row.exact else 'micro-clusters'} | {row.analysis_s:.1f} "
            f"| {row.models_s:.1f} | {row.overhead:.2f} | {row.peak_mb:,.0f} "
            f"| {row.loaded_mb:,.0f} |"
        )
    lines += ["", *_verdicts(rows)]
    return "\n".join(lines) + "\n"


def run(data: Path) -> str:
    """The cost-growth section of docs/PERFORMANCE.md (about 8 minutes on 2 cores)."""
    return table(run_sizes(SIZES, data=data))


# -- private ----------------------------------------------------------------------------


def _verdicts(rows: list[ScalingRow]) -> list[str]:
    by_size = {row.size: row for row in rows}
    lines = []
    if 5_000 in by_size and 20_000 in by_size:
        small, large = by_size[5_000], by_size[20_000]
        growth = large.analysis_s / small.analysis_s
        baseline = large.models_s / small.models_s
        met = "met" if growth <= MAX_GROWTH else "not met"
        lines.append(
            f"- Time, 20k ÷ 5k: {growth:.2f}× (models alone: {baseline:.2f}×; target ≤ "
            f"{MAX_GROWTH:.0f}×, {met})."
        )
    if 20_000 in by_size:
        peak = by_size[20_000].peak_mb
        met = "met" if peak <= MAX_PEAK_MB else "not met"
        lines.append(f"- Peak RSS at 20k: {peak:,.0f} MB (target ≤ 2,048 MB, {met}).")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(asdict(measure(args.child, data=args.data))))
        return
    if not (args.data / "crowdre-smarthome").is_dir():
        print(f"skipped: the evaluation data is not at {args.data} (pass --data)")
        return
    print(table(run_sizes(tuple(args.sizes), data=args.data)))


if __name__ == "__main__":
    main()
