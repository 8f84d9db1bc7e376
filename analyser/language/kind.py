"""Functional or quality: a small trained classifier on the vectors the pipeline computes anyway.

Two flags are predicted for each requirement. *Has a function*: a logistic regression on the
requirement's MiniLM vector and a few cheap cues (the quality lexicon's score per category,
a verb that states a property, a number), calibrated on held-out projects and adapted to the
document's own share of functional requirements (``adapt_to_document``). *Has a quality
aspect*: the classifier says it is not functional, the lexicon finds a quality it names, or
the innermost heading that names a kind of requirement names a quality. The one rule that
maps the flags to ``kind``:

    a requirement is a **quality** when it has a quality aspect and no function, or when the
    innermost heading that names a kind of requirement names a quality one ("Non-functional
    requirements": the writer's own classification); otherwise it is **functional**.

A functional requirement that also carries a quality keeps that quality's category in
``quality_aspect`` (for example "The system shall refresh the map every 60 seconds"). The
category comes from the heading when it names one, else from a second logistic regression
trained on the quality rows.

The weights are trained on PROMISE NFR and on requirements we wrote ourselves by
``bench/evaluation/train_kinds.py`` (``make train-kind``) and ship in the ``analyser-kind``
package (``models/kind``) with their data card and licence notice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import numpy as np

from analyser.errors import ModelError
from analyser.language.quality import (
    CATEGORIES,
    cue_scores,
    heading_category,
    in_quality_section,
    states_quality,
)
from analyser.records import QualityCategory, Requirement

FORMAT = 1
_NUMBER = re.compile(r"\d")
_RETRAIN = (
    "Retrain it with 'make train-kind' (it needs the PROMISE NFR data), then 'make setup', or "
    "use the lexicon (kinds='lexicon')."
)
CUE_NAMES: tuple[str, ...] = (
    *(f"lexicon:{category}" for category in CATEGORIES),
    "verb states a property",
    "has a number",
)


@dataclass(frozen=True, slots=True, eq=False)
class KindModel:
    """The trained weights: one binary and one multinomial logistic regression."""

    function_coef: np.ndarray  # (n_features,)
    function_intercept: float
    # Platt scaling of the regression's logit, fitted on held-out projects' logits
    calibration: tuple[float, float]
    threshold: float
    categories: tuple[QualityCategory, ...]
    category_coef: np.ndarray  # (n_categories, n_features)
    category_intercept: np.ndarray  # (n_categories,)
    centre_sha256: str  # the embedding centre the vectors were taken against

    def function_probability(self, features: np.ndarray) -> np.ndarray:
        """P(has a function) for each row, calibrated, for a document with as many functional
        requirements as qualities (the training classes are weighted to balance)."""
        slope, intercept = self.calibration
        logit = features @ self.function_coef + self.function_intercept
        return cast(np.ndarray, 1.0 / (1.0 + np.exp(-(slope * logit + intercept))))

    def has_function(self, features: np.ndarray) -> np.ndarray:
        """The function flag of each requirement of one document, with the probabilities
        adapted to the document's own share of functional requirements."""
        return adapt_to_document(self.function_probability(features)) >= self.threshold

    def category(self, features: np.ndarray) -> list[QualityCategory]:
        scores = features @ self.category_coef.T + self.category_intercept
        return [self.categories[i] for i in np.argmax(scores, axis=1)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features": {
                "vector": int(self.function_coef.shape[0]) - len(CUE_NAMES),
                "cues": list(CUE_NAMES),
            },
            "function": {
                "coef": self.function_coef.round(6).tolist(),
                "intercept": round(self.function_intercept, 6),
                "calibration": [round(value, 6) for value in self.calibration],
                "threshold": self.threshold,
            },
            "category": {
                "classes": list(self.categories),
                "coef": self.category_coef.round(6).tolist(),
                "intercept": self.category_intercept.round(6).tolist(),
            },
            "centre_sha256": self.centre_sha256,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KindModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        return cls(
            function_coef=np.asarray(data["function"]["coef"], dtype=np.float64),
            function_intercept=float(data["function"]["intercept"]),
            calibration=(
                float(data["function"]["calibration"][0]),
                float(data["function"]["calibration"][1]),
            ),
            threshold=float(data["function"]["threshold"]),
            categories=tuple(data["category"]["classes"]),
            category_coef=np.asarray(data["category"]["coef"], dtype=np.float64),
            category_intercept=np.asarray(data["category"]["intercept"], dtype=np.float64),
            centre_sha256=str(data["centre_sha256"]),
        )


def adapt_to_document(probability: np.ndarray) -> np.ndarray:
    """Posteriors for the document's own class balance, in one step.

    The document's share of functional requirements is estimated as the mean calibrated
    probability (probabilistic classify-and-count, with a uniform Beta(1, 1) prior so that a
    short document stays near even odds), and each probability is re-weighted from the even
    odds it was trained for to that share (the prior correction of Saerens, Latinne &
    Decaestecker, 2002). PROMISE NFR is 41 % functional; a real specification is mostly
    functional. Iterating the correction to convergence (their EM) feeds a bias back into
    itself: it turned a PROMISE project with 20 functional requirements of 93 into none.

    Examples:
        >>> p = np.array([0.9, 0.8, 0.7, 0.6, 0.45, 0.2])
        >>> bool(adapt_to_document(p)[4] > 0.45)
        True
    """
    share = (float(probability.sum()) + 1.0) / (len(probability) + 2.0)
    odds = share / (1.0 - share)
    return cast(np.ndarray, odds * probability / (odds * probability + (1.0 - probability)))


def cue_features(text: str) -> np.ndarray:
    """The cheap cues beside the vector, in ``CUE_NAMES`` order."""
    scores = cue_scores(text)
    return np.array(
        [
            *(scores[category] for category in CATEGORIES),
            float(states_quality(text)),
            float(_NUMBER.search(text) is not None),
        ],
        dtype=np.float64,
    )


def features(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """One row per text: its vector, then its cues."""
    cues = np.array([cue_features(text) for text in texts]).reshape(len(texts), len(CUE_NAMES))
    return np.hstack([np.asarray(vectors, dtype=np.float64), cues])


def centre_sha256(centre: np.ndarray) -> str:
    """A fingerprint of the embedding centre (the classifier is trained on centred vectors)."""
    return hashlib.sha256(np.asarray(centre, dtype=np.float32).tobytes()).hexdigest()


def load_kind_model(path: Path | None = None) -> KindModel:
    """The packaged classifier (``path``: another weights file)."""
    if path is None:
        try:
            import analyser_kind

            path = Path(analyser_kind.WEIGHTS_PATH)
        except (ImportError, AttributeError):
            raise ModelError(
                "The functional/quality classifier package 'analyser-kind' is not installed. "
                "Run 'make setup' (it installs ./models/kind), or use the lexicon "
                "(kinds='lexicon')."
            ) from None
    try:
        return KindModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelError(
            f"The classifier weights '{path.name}' are unreadable ({error}). {_RETRAIN}"
        ) from None


def classify_kinds(
    requirements: Sequence[Requirement], vectors: np.ndarray, model: KindModel
) -> tuple[Requirement, ...]:
    """Decide each requirement's kind, category and quality aspect (rows of ``vectors`` are the
    requirements' MiniLM vectors, in order)."""
    if not requirements:
        return ()
    rows = features([r.text for r in requirements], vectors)
    has_function = model.has_function(rows)
    predicted = model.category(rows)
    out = []
    for requirement, function, category in zip(requirements, has_function, predicted, strict=True):
        quality_section = in_quality_section(requirement.section_path)
        lexicon = requirement.category  # the extract stage's lexicon reading
        has_quality = not function or lexicon is not None or quality_section
        aspect: QualityCategory | None = None
        if has_quality:
            named = heading_category(requirement.section_path)
            aspect = named or (lexicon if function and lexicon is not None else category)
        is_quality = quality_section or not function
        out.append(
            replace(
                requirement,
                kind="quality" if is_quality else "functional",
                category=aspect if is_quality else None,
                quality_aspect=aspect,
            )
        )
    return tuple(out)
