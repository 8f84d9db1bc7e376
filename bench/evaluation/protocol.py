"""The generalisation protocol: choose on one half of the systems, report on the other.

For each half H: every mix of H's *calibration* draw is analysed; the grouping settings are
chosen from a small grid by ``objective`` on those mixes, and the verdict thresholds are read
off their breadth indices (``thresholds``). Those choices then score H's own *evaluation* draw
(the **dev** numbers: systems the choice has seen) and the other half's evaluation draw (the
**unseen** numbers: systems it has never seen). Swapping the halves gives every evaluation mix
one dev and one unseen outcome. The unseen numbers are the ones that count.

Reading, segmenting and embedding a mix does not depend on the grouping settings, so each mix
is examined once and regrouped for every setting of the grid (``Analyser.regroup``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from analyser import Analyser, AnalyserConfig, Analysis, Report, read_spec
from analyser.breadth.calibration import Reference
from analyser.breadth.embed import Embedder
from analyser.breadth.score import mean_pairwise_distance
from bench.evaluation.breadth import breadth_index_of
from bench.evaluation.mixes import Mix, text_key
from bench.evaluation.recovery import silhouette_k
from bench.evaluation.summary import mean, spearman

FULL_PROBLEM_SIZE = 12
# The grouping settings the protocol may choose from, on the calibration half only: the meaning
# threshold and the shared-terms merge, with the document's units as evidence or without.
MERGES = (0.14, 0.18, 0.22)
_NO_UNITS = (("unit_objects", None),)
GRID: tuple[tuple[tuple[str, float | None], ...], ...] = tuple(
    [(("merge_similarity", m), ("term_overlap", t)) + _NO_UNITS
     for m in MERGES for t in (0.20, 0.35)]
    + [
        (("merge_similarity", m), ("term_overlap", 0.20), ("unit_objects", o),
         ("unit_similarity", s), ("unit_coherence", c))
        for m in MERGES[1:]
        for o in (0.2, 0.3)
        for s in (0.22, 0.26)
        for c in (0.5, 0.6)
    ]
)  # fmt: skip
_PLACEHOLDER = Reference(
    embedder="any",
    values=(),
    borderline_at=1.5,
    over_broad_at=3.0,
    full_problem_size=FULL_PROBLEM_SIZE,
)
ROOT = Path(__file__).resolve().parents[2]
# What an examined mix depends on: when none of these files changes, a cached one is reused.
_FINGERPRINTED = ("analyser/readers", "analyser/language", "analyser/breadth/embed.py",
                  "analyser/records.py", "analyser/pipeline.py",
                  "models/kind/analyser_kind/kind.json")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Choice:
    """What one half's calibration chose: grouping settings and the verdict reference."""

    calibrated_on: str
    settings: tuple[tuple[str, float | None], ...]
    reference: Reference
    objective: float

    def config(self, base: AnalyserConfig) -> AnalyserConfig:
        return base.with_changes(**dict(self.settings))


@dataclass(frozen=True, slots=True)
class Outcome:
    """One evaluation mix scored under one half's choice."""

    mix: str
    family: str
    format: str
    k: int
    half: str  # the half the mix's systems come from
    role: str  # "dev" (the choice was made on this half) or "unseen"
    calibrated_on: str
    n_requirements: int
    n_problems: int
    breadth_index: float
    score: float
    verdict: str
    ari: float | None
    baseline: Baseline


@dataclass(frozen=True, slots=True)
class Baseline:
    """Same-run baselines on the functional rows' raw MiniLM vectors (by the data's labels)."""

    dispersion: float
    kmeans_true_k_ari: float | None
    silhouette_k: int


@dataclass(slots=True)
class Examined:
    """Each mix examined once (cached on disk when a folder is given)."""

    analyser: Analyser
    cache: Path | None = None
    analyses: dict[str, Analysis] = field(default_factory=dict)

    def __call__(self, mixes: Sequence[Mix], on_progress: Callable[[int], None] | None = None):
        # the code that examines a mix, and the settings it runs with (which kinds method, …)
        fingerprint = _fingerprint() + self.analyser.config.settings_hash()
        for number, mix in enumerate(mixes, start=1):
            if mix.name not in self.analyses:
                self.analyses[mix.name] = self._examine(mix, fingerprint)
            if on_progress is not None:
                on_progress(number)

    def _examine(self, mix: Mix, fingerprint: str) -> Analysis:
        data = mix.render()
        path = None
        if self.cache is not None:
            key = hashlib.sha256(data + fingerprint.encode()).hexdigest()[:24]
            path = self.cache / f"{mix.name}-{key}.pickle"
            if path.exists():
                return pickle.loads(path.read_bytes())
        analysis = self.analyser.examine_document(read_spec(mix.filename, data=data))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(analysis))
        return analysis


def grid_settings() -> list[tuple[tuple[str, float | None], ...]]:
    return list(GRID)


def calibrate(
    half: str,
    mixes: Sequence[Mix],
    examined: Examined,
    base: AnalyserConfig,
    *,
    search: bool = True,
) -> Choice:
    """The grid setting with the best ``objective`` on ``mixes`` (``search=False``: the base
    settings as they are), and the verdict thresholds from their breadth indices."""
    best: tuple[float, tuple[tuple[str, float | None], ...], list[Report]] | None = None
    for settings in grid_settings() if search else [()]:
        reports = regroup(mixes, examined, base.with_changes(**dict(settings)), _PLACEHOLDER)
        value = objective(mixes, reports)
        if best is None or value > best[0] + 1e-9:
            best = (value, settings, reports)
    assert best is not None
    value, settings, reports = best
    indices = [breadth_index_of(r) for r in reports]
    borderline, over_broad = thresholds([m.k for m in mixes], indices)
    reference = Reference(
        embedder=base.embedder,
        values=tuple(sorted(indices)),
        borderline_at=borderline,
        over_broad_at=over_broad,
        full_problem_size=FULL_PROBLEM_SIZE,
        description=f"calibrated on half {half}: {len(mixes)} mixes",
    )
    return Choice(half, settings, reference, value)


def thresholds(ks: Sequence[int], indices: Sequence[float]) -> tuple[float, float]:
    """borderline: the breadth index that best tells the single-system specs from the
    two-system ones — the middle of the gap between two neighbouring indices where the share of
    single-system specs at or above it plus the share of two-system specs below it is least
    (of equally good gaps, the widest); over-broad: the 10th percentile of specs joining four
    or more systems.

    A single problem has the index 1.0, so the borderline threshold is always above it, also
    when some two-system specs come out as one problem (a rule of percentiles put it at 1.0
    then, and called every spec borderline)."""
    k, index = np.asarray(ks), np.asarray(indices, dtype=float)
    single, double = index[k == 1], index[k == 2]
    values = np.unique(np.r_[single, double])
    best: tuple[tuple[float, float], float] | None = None
    for low, high in zip(values[:-1], values[1:], strict=True):
        middle = (low + high) / 2
        error = float(np.mean(single >= middle) + np.mean(double < middle))
        if best is None or (error, low - high) < best[0]:
            best = ((error, low - high), middle)
    borderline = best[1] if best is not None else float(values[0]) + 0.5
    over_broad = float(np.quantile(index[k >= 4], 0.10))
    borderline = min(borderline, over_broad - 0.01)
    return round(borderline, 3), round(over_broad, 3)


def objective(mixes: Sequence[Mix], reports: Sequence[Report]) -> float:
    """Mean ARI over the k ≥ 2 mixes + Spearman(n_problems, k) − mean |n_problems − k| / 4
    + the share of long focused controls kept as one problem (a product written with a chapter
    per feature must not look like several systems)."""
    pairs = list(zip(mixes, reports, strict=True))
    aris = [a for m, r in pairs if (a := ari(m, r)) is not None]
    ns = [r.breadth.n_problems for r in reports]
    ks = [m.k for m in mixes]
    error = float(np.mean([abs(n - k) for n, k in zip(ns, ks, strict=True)]))
    controls = [r.breadth.n_problems == 1 for m, r in pairs if m.family == "long-focused"]
    return (mean(aris) or 0.0) + (spearman(ns, ks) or 0.0) - error / 4 + (mean(controls) or 0.0)


def regroup(
    mixes: Sequence[Mix], examined: Examined, config: AnalyserConfig, reference: Reference
) -> list[Report]:
    analyser = sharing_models(examined.analyser, config, reference)
    return [analyser.regroup(examined.analyses[m.name], granularity=0).report for m in mixes]


def sharing_models(base: Analyser, config: AnalyserConfig, reference: Reference) -> Analyser:
    """An analyser with other grouping settings and reference, and ``base``'s loaded models."""
    return Analyser(config, nlp=base.nlp, embedder=base.embedder, reference=reference)


def score(
    mixes: Sequence[Mix],
    examined: Examined,
    choice: Choice,
    base: AnalyserConfig,
    *,
    half_of: Mapping[str, str],
    baselines: Mapping[str, Baseline],
) -> list[Outcome]:
    reports = regroup(mixes, examined, choice.config(base), choice.reference)
    outcomes = []
    for mix, report in zip(mixes, reports, strict=True):
        half = half_of[mix.systems[0]]
        outcomes.append(
            Outcome(
                mix=mix.name,
                family=mix.family,
                format=mix.format,
                k=mix.k,
                half=half,
                role="dev" if half == choice.calibrated_on else "unseen",
                calibrated_on=choice.calibrated_on,
                n_requirements=len(report.requirements),
                n_problems=report.breadth.n_problems,
                breadth_index=breadth_index_of(report),
                score=report.breadth.score,
                verdict=report.breadth.verdict,
                ari=ari(mix, report),
                baseline=baselines[mix.name],
            )
        )
    return outcomes


def ari(mix: Mix, report: Report) -> float | None:
    """ARI of the analyser's problems against the source systems, over the requirements it put
    in a problem (None for a single system)."""
    if mix.k < 2:
        return None
    system_of = {text_key(row.text): row.system for row in mix.rows}
    traced = [
        (system_of[text_key(r.text)], r.problem)
        for r in report.requirements
        if r.problem is not None and text_key(r.text) in system_of
    ]
    if not traced:
        return 0.0
    return float(adjusted_rand_score([t[0] for t in traced], [t[1] for t in traced]))


def baseline(mix: Mix, embedder: Embedder, *, seed: int) -> Baseline:
    functional = [row for row in mix.rows if row.functional]
    vectors = embedder.embed([row.text for row in functional])
    kmeans_ari = None
    if mix.k >= 2:
        predicted = KMeans(n_clusters=mix.k, n_init=3, random_state=seed).fit_predict(vectors)
        kmeans_ari = float(adjusted_rand_score([row.system for row in functional], predicted))
    return Baseline(
        dispersion=mean_pairwise_distance(vectors),
        kmeans_true_k_ari=kmeans_ari,
        silhouette_k=silhouette_k(vectors, seed=seed),
    )


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _FINGERPRINTED:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()
