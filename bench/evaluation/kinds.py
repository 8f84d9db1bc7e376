"""Task 4: is each requirement functional or a cross-cutting quality?

Every labelled set is given to the analyser as one CSV export (every row a requirement) and the
``kind`` of each requirement is compared with the set's label: PROMISE NFR class ``F`` is
functional and its 11 other classes are qualities; in the RE'19 sets a requirement is functional
when it has any functional content (``IsFunctional``), else a quality. Macro-F1 over the two
kinds, for three methods from the same run:

* **trained** — the packaged classifier (``analyser.language.kind``, ``kinds="trained"``). On
  PROMISE NFR each project is scored by a classifier retrained without it (leave one project
  out, the packaged regularisation); the four RE'19 single-system sets were never used to train
  or choose anything (strictly across datasets; a bootstrap interval over requirements is
  given); the RE'19 relabelled PROMISE file holds the training texts under other labels;
* **lexicon** — the quality lexicon and the headings (``kinds="lexicon"``, the default), which
  nothing trains;
* **everything functional**.

Also: the quality category on the PROMISE quality rows (leave one project out, frequent classes),
how the two labellings of PROMISE differ, and the functional counts of our own sample specs
beside their authors' counts.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from analyser import Analyser, AnalyserConfig
from analyser.language.kind import KindModel
from analyser.language.quality import classify_quality
from analyser.records import Report
from bench.evaluation.datasets import LabelledRequirement, promise_nfr, re2019
from bench.evaluation.mixes import text_key
from bench.evaluation.samples import SAMPLES
from bench.evaluation.train_kinds import OWN, TrainingSet, fit, own_rows, training_set

PROMISE = "PROMISE NFR"
ACROSS = "RE'19, four single systems"
RECLASS = "RE'19 promise-reclass"
HEADLINE_SETS = (PROMISE, ACROSS)
FREQUENT = 30  # a category with at least this many PROMISE quality rows is a frequent one
BOOTSTRAP = 1000


@dataclass(frozen=True, slots=True)
class KindScore:
    dataset: str
    n: int
    n_quality: int
    how: str  # how the trained classifier relates to this set
    trained_f1: float
    lexicon_f1: float
    all_functional_f1: float
    trained_interval: tuple[float, float] | None = None  # 95 % bootstrap, where given


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    n: int
    trained: float  # accuracy, leave one project out
    lexicon: float


@dataclass(frozen=True, slots=True)
class SampleKinds:
    name: str
    expected_functional: int
    lexicon_functional: int
    trained_functional: int


@dataclass(frozen=True, slots=True)
class LabelDifference:
    """PROMISE NFR against the RE'19 relabelling of the same texts."""

    n: int
    quality_now_functional: int  # PROMISE quality, RE'19 has functional content
    functional_now_quality: int
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KindResults:
    scores: list[KindScore]
    categories: list[CategoryScore]
    samples: list[SampleKinds]
    labels: LabelDifference | None
    function_c: float
    category_c: float
    own_rows: int


def evaluate(data: Path, analyser: Analyser, *, seed: int, limit: int | None = None) -> KindResults:
    weights = _packaged_training()
    function_c, category_c = float(weights["function_c"]), float(weights["category_c"])
    lexicon = _sharing(analyser, analyser.config.with_changes(kinds="lexicon"))
    analyser = _sharing(analyser, analyser.config.with_changes(kinds="trained"))
    promise = [r for system in promise_nfr(data) for r in system.requirements]
    scores, categories = [], []
    if limit is None:  # a smoke run skips the retraining
        training = training_set(data, analyser.embedder)
        held_out = {  # each PROMISE project's classifier, fitted without it
            project: fit(
                training,
                function_c=function_c,
                category_c=category_c,
                centre=analyser.kind_model.centre_sha256,
                keep=training.groups != project,
            )
            for project in np.unique(training.groups[training.groups != OWN])
        }
        scores.append(_promise_score(data, held_out, analyser, lexicon))
        categories = _categories(training, held_out)
    four: list[LabelledRequirement] = []
    reclass: list[LabelledRequirement] = []
    for system in re2019(data, include_promise=True):
        (reclass if system.name.startswith("promise") else four).extend(system.requirements)
    rng = np.random.default_rng(seed)
    scores.append(_score(ACROSS, four, "never seen", analyser, lexicon, rng=rng))
    if limit is None:
        scores.append(_score(RECLASS, reclass, "its texts, PROMISE's labels", analyser, lexicon))
    samples = [] if limit is not None else _samples(analyser, lexicon)
    return KindResults(
        scores=scores,
        categories=categories,
        samples=samples,
        labels=_label_difference(promise, reclass),
        function_c=function_c,
        category_c=category_c,
        own_rows=len(own_rows()),
    )


# -- private ----------------------------------------------------------------------------


def _packaged_training() -> dict:
    import analyser_kind

    return json.loads(Path(analyser_kind.WEIGHTS_PATH).read_text(encoding="utf-8"))["training"]


def _sharing(
    analyser: Analyser, config: AnalyserConfig, model: KindModel | None = None
) -> Analyser:
    return Analyser(
        config,
        nlp=analyser.nlp,
        embedder=analyser.embedder,
        reference=analyser.reference,
        kind_model=model if model is not None else analyser.kind_model,
    )


def _kinds(
    requirements: Sequence[LabelledRequirement], analyser: Analyser, name: str
) -> np.ndarray:
    """Whether the analyser calls each requirement functional (given as one CSV export)."""
    report = analyser.analyse_bytes(_csv(requirements), name=f"{name}.csv")
    return _functional(report, requirements)


def _functional(report: Report, requirements: Sequence[LabelledRequirement]) -> np.ndarray:
    kind_of = {text_key(r.text): r.kind for r in report.requirements}
    return np.array(
        [kind_of.get(text_key(r.text), "functional") == "functional" for r in requirements]
    )


def _csv(requirements: Sequence[LabelledRequirement]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ID", "Requirement"])
    for number, requirement in enumerate(requirements, start=1):
        writer.writerow([f"R{number:04d}", requirement.text])
    return buffer.getvalue().encode()


def _promise_score(
    data: Path, held_out: dict[str, KindModel], analyser: Analyser, lexicon: Analyser
) -> KindScore:
    """Each project's kinds from a classifier trained without it."""
    truth, trained, by_lexicon = [], [], []
    for system in promise_nfr(data):
        requirements = system.requirements
        without = _sharing(analyser, analyser.config, held_out[system.name])
        truth.append(np.array([r.functional for r in requirements]))
        trained.append(_kinds(requirements, without, system.name))
        by_lexicon.append(_kinds(requirements, lexicon, system.name))
    t = np.concatenate(truth)
    return KindScore(
        dataset=PROMISE,
        n=len(t),
        n_quality=int((~t).sum()),
        how="leave one project out",
        trained_f1=_macro_f1(t, np.concatenate(trained)),
        lexicon_f1=_macro_f1(t, np.concatenate(by_lexicon)),
        all_functional_f1=_macro_f1(t, np.ones_like(t)),
    )


def _score(
    name: str,
    requirements: list[LabelledRequirement],
    how: str,
    analyser: Analyser,
    lexicon: Analyser,
    *,
    rng: np.random.Generator | None = None,
) -> KindScore:
    truth = np.array([r.functional for r in requirements])
    trained = _kinds(requirements, analyser, name)
    interval = None
    if rng is not None:
        draws = [
            _macro_f1(truth[i], trained[i])
            for i in (rng.integers(0, len(truth), len(truth)) for _ in range(BOOTSTRAP))
        ]
        low, high = np.quantile(draws, [0.025, 0.975])
        interval = (float(low), float(high))
    return KindScore(
        dataset=name,
        n=len(truth),
        n_quality=int((~truth).sum()),
        how=how,
        trained_f1=_macro_f1(truth, trained),
        lexicon_f1=_macro_f1(truth, _kinds(requirements, lexicon, name)),
        all_functional_f1=_macro_f1(truth, np.ones_like(truth)),
        trained_interval=interval,
    )


def _categories(training: TrainingSet, held_out: dict[str, KindModel]) -> list[CategoryScore]:
    """The category of each PROMISE quality row: by its project's held-out classifier, and by
    the lexicon."""
    predicted: dict[int, str] = {}
    for project, model in held_out.items():
        rows = np.flatnonzero(training.groups == project)
        predicted.update(zip(rows.tolist(), model.category(training.rows[rows]), strict=True))
    rows = [
        i
        for i, (group, category) in enumerate(
            zip(training.groups, training.categories, strict=True)
        )
        if group != OWN and category is not None
    ]
    counts = Counter(training.categories[i] for i in rows)
    out = []
    for category, n in counts.most_common():
        if n < FREQUENT:
            continue
        mine = [i for i in rows if training.categories[i] == category]
        out.append(
            CategoryScore(
                category=str(category),
                n=n,
                trained=float(np.mean([predicted[i] == category for i in mine])),
                lexicon=float(
                    np.mean([classify_quality(training.texts[i]) == category for i in mine])
                ),
            )
        )
    return out


def _samples(analyser: Analyser, lexicon: Analyser) -> list[SampleKinds]:
    out = []
    expected_of = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    for name, expected in sorted(expected_of.items()):
        path = SAMPLES / name
        counts = [
            sum(r.kind == "functional" for r in a.analyse_path(path).requirements)
            for a in (lexicon, analyser)
        ]
        out.append(
            SampleKinds(
                name=name,
                expected_functional=expected["n_requirements"] - expected["n_quality"],
                lexicon_functional=counts[0],
                trained_functional=counts[1],
            )
        )
    return out


def _label_difference(
    promise: list[LabelledRequirement], reclass: list[LabelledRequirement]
) -> LabelDifference | None:
    relabelled = {text_key(r.text): r for r in reclass}
    pairs = [(r, relabelled[text_key(r.text)]) for r in promise if text_key(r.text) in relabelled]
    if not pairs:
        return None
    up = [(a, b) for a, b in pairs if not a.functional and b.functional]
    down = [(a, b) for a, b in pairs if a.functional and not b.functional]
    return LabelDifference(
        n=len(pairs),
        quality_now_functional=len(up),
        functional_now_quality=len(down),
        examples=tuple(a.text for a, _ in up[:3]),
    )


def _macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_score(truth, predicted, average="macro", labels=[True, False], zero_division=0))
