"""Train the functional/quality classifier: ``make train-kind`` → analyser_kind/kind.json.

Only PROMISE NFR (CC BY-SA 3.0) and requirements we wrote ourselves for this purpose
(``models/kind/own-requirements.csv``) are used to train and to choose the regularisation; the
RE'19 sets are for evaluation only and are never read here. The regularisation of each of the
two logistic regressions is chosen by leaving one PROMISE project out at a time (macro-F1 for
the function flag, accuracy for the quality category; our own rows always stay in the training
part); the chosen ones are then fitted on every row. PROMISE's classes map to the analyser's
quality categories by ``PROMISE_CATEGORIES``.

    python -m bench.evaluation.train_kinds [--data ../shared/data] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from analyser.breadth.embed import Embedder, make_embedder, packaged_centre
from analyser.language.kind import KindModel, centre_sha256, features
from analyser.records import QualityCategory
from bench._data import DEFAULT_DATA
from bench.evaluation.datasets import promise_nfr

KIND_FOLDER = Path(__file__).resolve().parents[2] / "models" / "kind"
OUT = KIND_FOLDER / "analyser_kind" / "kind.json"
OWN_TEXT = KIND_FOLDER / "own-requirements.csv"
OWN = "own"  # the group of our own rows: never held out
THRESHOLD = 0.5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
# PROMISE NFR's eleven quality classes → the analyser's categories.
PROMISE_CATEGORIES: dict[str, QualityCategory] = {
    "A": "availability",
    "FT": "availability",  # fault tolerance
    "L": "legal",
    "LF": "usability",  # look and feel
    "MN": "maintainability",
    "O": "operational",
    "PE": "performance",
    "PO": "portability",
    "SC": "capacity",  # scalability
    "SE": "security",
    "US": "usability",
}


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """Labelled rows with their feature matrix; ``groups`` are the projects."""

    texts: tuple[str, ...]
    rows: np.ndarray
    functional: np.ndarray
    categories: tuple[QualityCategory | None, ...]
    groups: np.ndarray


def training_set(data: Path, embedder: Embedder | None = None) -> TrainingSet:
    """PROMISE NFR and our own rows, with the shipped MiniLM vectors (centred as the pipeline
    centres them)."""
    labelled: list[tuple[str, str, bool, QualityCategory | None]] = [
        (
            system.name,
            r.text,
            r.functional,
            PROMISE_CATEGORIES[r.category] if r.category is not None else None,
        )
        for system in promise_nfr(data)
        for r in system.requirements
    ]
    labelled += [(OWN, text, functional, category) for text, functional, category in own_rows()]
    texts = tuple(text for _, text, _, _ in labelled)
    embedder = embedder if embedder is not None else make_embedder("minilm")
    return TrainingSet(
        texts=texts,
        rows=features(texts, embedder.embed(list(texts))),
        functional=np.array([functional for _, _, functional, _ in labelled]),
        categories=tuple(category for _, _, _, category in labelled),
        groups=np.array([group for group, _, _, _ in labelled]),
    )


def own_rows(path: Path = OWN_TEXT) -> list[tuple[str, bool, QualityCategory | None]]:
    """Requirements written for this project, labelled by their writer."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as stream:
        return [
            (
                row["text"].strip(),
                row["functional"].strip() == "1",
                cast(QualityCategory, row["category"].strip()) if row["category"].strip() else None,
            )
            for row in csv.DictReader(stream)
            if row["text"].strip()
        ]


def fit(
    training: TrainingSet,
    *,
    function_c: float,
    category_c: float,
    centre: str,
    keep: np.ndarray | None = None,
) -> KindModel:
    """Both regressions on the rows kept (the category one on the quality rows only), the
    function one calibrated on the logits of projects held out one at a time."""
    part = _subset(training, keep)
    logits = np.zeros(len(part.texts))
    scored = part.groups != OWN
    for project in np.unique(part.groups[scored]):
        held = part.groups == project
        inner = _regression(function_c).fit(part.rows[~held], part.functional[~held])
        logits[held] = inner.decision_function(part.rows[held])
    platt = _regression(1.0).fit(logits[scored, None], part.functional[scored])
    function = _regression(function_c).fit(part.rows, part.functional)
    quality = np.array([c is not None for c in part.categories])
    labels = np.array([c for c in part.categories if c is not None])
    category = _regression(category_c).fit(part.rows[quality], labels)
    classes = tuple(str(c) for c in category.classes_)
    coef, intercept = category.coef_, category.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coef, intercept = np.vstack([-coef, coef]), np.array([-intercept[0], intercept[0]])
    return KindModel(
        function_coef=function.coef_[0].astype(np.float64),
        function_intercept=float(function.intercept_[0]),
        calibration=(float(platt.coef_[0, 0]), float(platt.intercept_[0])),
        threshold=THRESHOLD,
        categories=classes,  # type: ignore[arg-type]
        category_coef=coef.astype(np.float64),
        category_intercept=intercept.astype(np.float64),
        centre_sha256=centre,
    )


def leave_one_project_out(
    training: TrainingSet, *, function_c: float, category_c: float
) -> tuple[np.ndarray, list[QualityCategory | None]]:
    """Each PROMISE project's rows predicted as one document by a model fitted (and calibrated)
    without that project: the function flag, and the category."""
    functional = np.zeros(len(training.texts), dtype=bool)
    category: list[QualityCategory | None] = [None] * len(training.texts)
    for project in np.unique(training.groups[training.groups != OWN]):
        held = training.groups == project
        model = fit(training, function_c=function_c, category_c=category_c, centre="", keep=~held)
        rows = training.rows[held]
        functional[held] = model.has_function(rows)
        for index, predicted in zip(np.flatnonzero(held), model.category(rows), strict=True):
            category[index] = predicted
    return functional, category


def _subset(training: TrainingSet, keep: np.ndarray | None) -> TrainingSet:
    if keep is None:
        return training
    return TrainingSet(
        texts=tuple(t for t, k in zip(training.texts, keep, strict=True) if k),
        rows=training.rows[keep],
        functional=training.functional[keep],
        categories=tuple(c for c, k in zip(training.categories, keep, strict=True) if k),
        groups=training.groups[keep],
    )


def choose(training: TrainingSet, *, log: bool = True) -> tuple[float, float, dict[str, float]]:
    """The regularisation of each regression with the best leave-one-project-out score (on the
    PROMISE rows: ours are never held out)."""
    scored = training.groups != OWN
    truth = training.functional[scored]
    quality = np.flatnonzero(scored & ~training.functional)
    scores: dict[str, float] = {}
    best_f, best_c = (-1.0, C_GRID[0]), (-1.0, C_GRID[0])
    for c in C_GRID:
        functional, category = leave_one_project_out(training, function_c=c, category_c=c)
        f1 = float(f1_score(truth, functional[scored], average="macro", labels=[True, False]))
        accuracy = float(np.mean([category[i] == training.categories[i] for i in quality]))
        scores[f"function macro-F1, C={c:g}"] = round(f1, 4)
        scores[f"category accuracy, C={c:g}"] = round(accuracy, 4)
        if log:
            print(
                f"C={c:g}: function macro-F1 {f1:.3f}, category accuracy {accuracy:.3f}",
                file=sys.stderr,
            )
        best_f = max(best_f, (f1, c))
        best_c = max(best_c, (accuracy, c))
    return best_f[1], best_c[1], scores


def train(data: Path) -> dict:
    training = training_set(data)
    function_c, category_c, scores = choose(training)
    model = fit(
        training,
        function_c=function_c,
        category_c=category_c,
        centre=centre_sha256(packaged_centre()),
    )
    arff = data / "promise-nfr" / "nfr.arff"
    return model.to_dict() | {
        "training": {
            "data": "PROMISE NFR (Cleland-Huang et al., 2007), CC BY-SA 3.0; "
            "models/kind/own-requirements.csv (written for this project)",
            "data_sha256": hashlib.sha256(arff.read_bytes()).hexdigest(),
            "own_sha256": hashlib.sha256(OWN_TEXT.read_bytes()).hexdigest()
            if OWN_TEXT.is_file()
            else None,
            "rows": len(training.texts),
            "own_rows": int((training.groups == OWN).sum()),
            "functional_rows": int(training.functional.sum()),
            "function_c": function_c,
            "category_c": category_c,
            "leave_one_project_out": scores,
        }
    }


def _regression(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "promise-nfr" / "nfr.arff").is_file():
        print(f"PROMISE NFR not found under {args.data}: pass --data.", file=sys.stderr)
        return 1
    weights = train(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} (function C={weights['training']['function_c']:g}, "
        f"category C={weights['training']['category_c']:g})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
