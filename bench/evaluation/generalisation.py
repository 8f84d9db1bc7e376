"""Protocol outcomes → metrics per role (dev / unseen) and family, beside same-run baselines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analyser import Analyser, AnalyserError, read_spec
from analyser.breadth.embed import Embedder
from bench.evaluation.breadth import (
    DocumentResult,
    breadth_index_of,
    document_path,
    document_result,
)
from bench.evaluation.datasets import breadth_labels, mixable_systems
from bench.evaluation.families import (
    DEFAULT_SIZES,
    Sizes,
    build_family_mixes,
    feature_labels,
    split_halves,
)
from bench.evaluation.protocol import (
    Choice,
    Examined,
    Outcome,
    baseline,
    calibrate,
    score,
    sharing_models,
)
from bench.evaluation.summary import auc, mean, spearman

ROLES = ("dev", "unseen")


@dataclass(frozen=True, slots=True)
class Figures:
    """The breadth metrics of one set of outcomes, each with its baseline."""

    n_mixes: int
    ari: float | None
    ari_baseline: float | None  # k-means told the true k
    error: float | None  # mean |n_problems − k|
    error_baseline: float | None  # k-means, k by silhouette
    spearman: float | None
    spearman_baseline: float | None
    auc: float | None  # breadth index, k = 1 vs k ≥ 3
    auc_baseline: float | None  # mean pairwise cosine distance
    focused_k1: float | None
    over_broad_k4: float | None
    over_broad_k4_baseline: float | None  # silhouette k ≥ 4


def figures(outcomes: Sequence[Outcome]) -> Figures:
    multi = [o for o in outcomes if o.k >= 2]
    one = [o for o in outcomes if o.k == 1]
    three_up = [o for o in outcomes if o.k >= 3]
    four_up = [o for o in outcomes if o.k >= 4]
    ks = [o.k for o in outcomes]
    return Figures(
        n_mixes=len(outcomes),
        ari=mean([o.ari for o in multi if o.ari is not None]),
        ari_baseline=mean([b for o in multi if (b := o.baseline.kmeans_true_k_ari) is not None]),
        error=mean([abs(o.n_problems - o.k) for o in outcomes]),
        error_baseline=mean([abs(o.baseline.silhouette_k - o.k) for o in outcomes]),
        spearman=spearman([o.n_problems for o in outcomes], ks),
        spearman_baseline=spearman([o.baseline.silhouette_k for o in outcomes], ks),
        auc=auc([o.breadth_index for o in three_up], [o.breadth_index for o in one]),
        auc_baseline=auc(
            [o.baseline.dispersion for o in three_up], [o.baseline.dispersion for o in one]
        ),
        focused_k1=mean([o.verdict == "focused" for o in one]),
        over_broad_k4=mean([o.verdict == "over-broad" for o in four_up]),
        over_broad_k4_baseline=mean([o.baseline.silhouette_k >= 4 for o in four_up]),
    )


def select(
    outcomes: Sequence[Outcome], *, role: str, families: Sequence[str] | None = None
) -> list[Outcome]:
    return [o for o in outcomes if o.role == role and (families is None or o.family in families)]


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """A PURE document regrouped under one half's choice (no choice ever saw a PURE document)."""

    document: str
    label: str
    calibrated_on: str
    n_problems: int
    breadth_index: float
    verdict: str


@dataclass(frozen=True, slots=True)
class Protocol:
    halves: tuple[tuple[str, tuple[str, ...]], ...]  # half name → its systems
    choices: tuple[Choice, ...]
    outcomes: tuple[Outcome, ...]
    documents: tuple[DocumentOutcome, ...]
    shipped: tuple[DocumentResult, ...]  # the same documents, under the shipped settings
    n_calibration: int


def run(
    data: Path,
    analyser: Analyser,
    raw: Embedder,
    *,
    seed: int,
    sizes: Sizes = DEFAULT_SIZES,
    cache: Path | None = None,
    documents: int | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> Protocol:
    """Split, draw, examine, choose on each half, score both halves and the PURE documents."""
    halves = split_halves(mixable_systems(data))
    half_of = {s.name: h.name for h in halves for s in h.systems}
    features = feature_labels(data)
    calibration = {h.name: build_family_mixes(h, seed=seed + 1, features=features, sizes=sizes)
                   for h in halves}  # fmt: skip
    evaluation = {h.name: build_family_mixes(h, seed=seed, features=features, sizes=sizes)
                  for h in halves}  # fmt: skip
    everything = [m for h in halves for m in calibration[h.name] + evaluation[h.name]]
    examined = Examined(analyser, cache=cache)
    examined(everything, on_progress=lambda n: say(f"mixes examined: {n}/{len(everything)}"))
    to_score = [m for h in halves for m in evaluation[h.name]]
    baselines = {m.name: baseline(m, raw, seed=seed) for m in to_score}
    config = analyser.config
    choices = []
    outcomes: list[Outcome] = []
    for half in halves:
        say(f"choosing on half {half.name}")
        choice = calibrate(half.name, calibration[half.name], examined, config)
        choices.append(choice)
        outcomes += score(to_score, examined, choice, config, half_of=half_of, baselines=baselines)
    regrouped, shipped = _documents(data, analyser, raw, choices, seed=seed, limit=documents,
                                    say=say)  # fmt: skip
    return Protocol(
        halves=tuple((h.name, tuple(s.name for s in h.systems)) for h in halves),
        choices=tuple(choices),
        outcomes=tuple(outcomes),
        documents=tuple(regrouped),
        shipped=tuple(shipped),
        n_calibration=sum(len(v) for v in calibration.values()),
    )


def _documents(
    data: Path,
    analyser: Analyser,
    raw: Embedder,
    choices: Sequence[Choice],
    *,
    seed: int,
    limit: int | None,
    say: Callable[[str], None],
) -> tuple[list[DocumentOutcome], list[DocumentResult]]:
    """Each PURE document examined once: regrouped under each half's choice, and as shipped."""
    labels = breadth_labels(data)[:limit]
    out = []
    shipped = []
    for number, label in enumerate(labels, start=1):
        say(f"PURE documents regrouped: {number}/{len(labels)}")
        found = document_path(data, label.document)
        if found is None:
            continue
        try:
            analysis = analyser.examine_document(read_spec(found[0]))
        except AnalyserError as error:
            shipped.append(DocumentResult(label.document, found[1], label.breadth, 0, 0, 0.0,
                                          0.0, "", 0.0, 0, error=str(error)))  # fmt: skip
            continue
        shipped.append(document_result(label, found[1], analysis.report, raw, seed=seed))
        for choice in choices:
            report = (
                sharing_models(analyser, choice.config(analyser.config), choice.reference)
                .regroup(analysis, granularity=0)
                .report
            )
            out.append(
                DocumentOutcome(
                    document=label.document,
                    label=label.breadth,
                    calibrated_on=choice.calibrated_on,
                    n_problems=report.breadth.n_problems,
                    breadth_index=breadth_index_of(report),
                    verdict=report.breadth.verdict,
                )
            )
    return out, shipped


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the protocol's summary: dev and unseen values beside a same-run baseline."""

    name: str
    dev: float | None
    unseen: float | None
    target: str
    met: bool | None  # on the unseen half
    baseline: float | None = None
    baseline_name: str = ""

    @staticmethod
    def at_least(name: str, dev, unseen, bound: float, baseline=None, baseline_name="") -> Row:
        met = None if unseen is None else unseen >= bound
        return Row(name, dev, unseen, f"≥ {bound:g}", met, baseline, baseline_name)

    @staticmethod
    def at_most(name: str, dev, unseen, bound: float, baseline=None, baseline_name="") -> Row:
        met = None if unseen is None else unseen <= bound
        return Row(name, dev, unseen, f"≤ {bound:g}", met, baseline, baseline_name)


def metrics(protocol: Protocol) -> list[Row]:
    """The targets of the breadth evaluation, each on the dev and the unseen half."""
    dev = figures(select(protocol.outcomes, role="dev"))
    unseen = figures(select(protocol.outcomes, role="unseen"))
    auc_met = None if unseen.auc is None else (
        unseen.auc >= 0.99 and unseen.auc >= (unseen.auc_baseline or 0.0)
    )  # fmt: skip
    rows = [
        Row.at_least("ARI problem vs source system, k ≥ 2", dev.ari, unseen.ari, 0.75,
                     unseen.ari_baseline, "k-means told the true k"),
        Row.at_most("mean abs. error of n_problems", dev.error, unseen.error, 0.75,
                    unseen.error_baseline, "k-means, k by silhouette"),
        Row.at_least("Spearman(n_problems, k)", dev.spearman, unseen.spearman, 0.85,
                     unseen.spearman_baseline, "k-means, k by silhouette"),
        Row("AUC of the breadth index, k = 1 vs k ≥ 3", dev.auc, unseen.auc,
            "≥ 0.99 and ≥ baseline", auc_met, unseen.auc_baseline,
            "mean pairwise cosine distance"),
    ]  # fmt: skip
    for family in ("flat", "structured", "same-domain"):
        d = figures(select(protocol.outcomes, role="dev", families=(family,)))
        u = figures(select(protocol.outcomes, role="unseen", families=(family,)))
        if family != "same-domain":
            rows.append(
                Row.at_least(f"k = 1 called focused, {family}", d.focused_k1, u.focused_k1, 0.9)
            )
        rows.append(
            Row.at_least(f"k ≥ 4 called over-broad, {family}", d.over_broad_k4,
                         u.over_broad_k4, 0.9, u.over_broad_k4_baseline, "silhouette k ≥ 4")
        )  # fmt: skip
    kept = {
        role: mean([o.n_problems == 1 for o in select(protocol.outcomes, role=role,
                                                       families=("long-focused",))])
        for role in ROLES
    }  # fmt: skip
    rows.append(
        Row.at_least("long focused controls kept as one problem", kept["dev"], kept["unseen"], 0.9)
    )
    focused = [o for o in protocol.documents if o.label == "focused"]
    broader = [o for o in protocol.documents if o.label != "focused"]
    rows.append(
        Row.at_most("PURE labelled focused, called over-broad", None,
                    mean([o.verdict == "over-broad" for o in focused]), 0.05)
    )  # fmt: skip
    aucs = []
    for choice in protocol.choices:
        value = auc(
            [o.breadth_index for o in broader if o.calibrated_on == choice.calibrated_on],
            [o.breadth_index for o in focused if o.calibrated_on == choice.calibrated_on],
        )
        if value is not None:
            aucs.append(value)
    rows.append(Row.at_least("AUC of the breadth index, PURE borderline vs focused", None,
                             mean(aucs), 0.75))  # fmt: skip
    return rows
