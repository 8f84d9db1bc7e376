"""Task 4: is each requirement functional or a cross-cutting quality? Macro-F1 per labelled set.

Each set is given to the analyser as one CSV export (every row a requirement) and the ``kind``
of each requirement is compared with the set's label: PROMISE NFR class ``F`` is functional and
its 11 other classes are qualities; in the RE'19 sets a requirement is functional when it has
any functional content (``IsFunctional``), else a quality. Two baselines from the same run:
calling everything functional, and a supervised TF-IDF + logistic regression classifier scored
by 5-fold cross-validation on the set's own labels (a ceiling the unsupervised lexicon does not
get to train for).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from analyser import Analyser
from bench.evaluation.datasets import LabelledRequirement, promise_nfr, re2019
from bench.evaluation.mixes import text_key


@dataclass(frozen=True, slots=True)
class KindScore:
    dataset: str
    n: int
    n_quality: int
    macro_f1: float
    all_functional_f1: float
    supervised_f1: float | None  # None: too few of one class to cross-validate


POOLED = "RE'19, all five files"
HEADLINE_SETS = ("PROMISE NFR", POOLED)


def labelled_sets(data: Path) -> dict[str, list[LabelledRequirement]]:
    """PROMISE NFR (original labels) and each RE'19 file, every project of a file pooled."""
    sets = {"PROMISE NFR": [r for system in promise_nfr(data) for r in system.requirements]}
    for system in re2019(data, include_promise=True):
        name = "RE'19 " + ("promise-reclass" if system.name.startswith("promise") else system.name)
        sets.setdefault(name, []).extend(system.requirements)
        sets.setdefault(POOLED, []).extend(system.requirements)
    return sets


def evaluate(
    data: Path, analyser: Analyser, *, seed: int, limit: int | None = None
) -> list[KindScore]:
    sets = list(labelled_sets(data).items())[:limit]
    return [_score(name, requirements, analyser, seed=seed) for name, requirements in sets]


def _score(
    name: str, requirements: list[LabelledRequirement], analyser: Analyser, *, seed: int
) -> KindScore:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ID", "Requirement"])
    for number, requirement in enumerate(requirements, start=1):
        writer.writerow([f"R{number:04d}", requirement.text])
    report = analyser.analyse_bytes(buffer.getvalue().encode(), name=f"{name}.csv")
    kind_of = {text_key(r.text): r.kind for r in report.requirements}
    truth = np.array([r.functional for r in requirements])
    predicted = np.array(
        [kind_of.get(text_key(r.text), "functional") == "functional" for r in requirements]
    )
    texts = [r.text for r in requirements]
    n_splits = min(5, int(truth.sum()), int((~truth).sum()))
    supervised_f1 = None
    if n_splits >= 2:
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        supervised = cross_val_predict(
            make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                LogisticRegression(max_iter=1000, class_weight="balanced"),
            ),
            texts,
            truth,
            cv=folds,
        )
        supervised_f1 = _macro_f1(truth, supervised.astype(bool))
    return KindScore(
        dataset=name,
        n=len(requirements),
        n_quality=int((~truth).sum()),
        macro_f1=_macro_f1(truth, predicted),
        all_functional_f1=_macro_f1(truth, np.ones_like(truth)),
        supervised_f1=supervised_f1,
    )


def _macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_score(truth, predicted, average="macro", labels=[True, False], zero_division=0))
