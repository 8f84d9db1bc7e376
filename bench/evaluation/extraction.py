"""Task 1: requirement detection against PURE's hand-marked ``<req>`` elements.

For each PURE XML file the analyser reads the matching original document and its text rendering;
its requirements are matched fuzzily to the ``<req>`` texts. Two matchings are reported:

* **containment** (the headline): a detected requirement matches a ``<req>`` when they are the
  same statement (token-sort ratio ≥ 80) or one lies inside the other (partial ratio ≥ 90, the
  shorter at least six words). PURE marks whole paragraphs — a requirement with its rationale
  and examples — while the analyser keeps each statement, so one ``<req>`` may hold several
  detected requirements; each counts as found.
* **one-to-one**: as above, but the shorter text must also be at least half as long as the
  longer, so a sentence does not match a whole paragraph.

precision = share of detected requirements that match a ``<req>``; recall = share of ``<req>``
texts matched by a detected requirement. The baseline is every sentence with a modal verb.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from analyser import Analyser, read_spec

DOCUMENTS = {
    "0000 - cctns.xml": "0000 - cctns.pdf",
    "2007 - eirene fun 7.xml": "2007 - eirene fun 7.pdf",
}
_MODAL = re.compile(r"\b(?:shall|must|will|should|may)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])")


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    document: str
    method: str
    matching: str
    n_gold: int
    n_detected: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def gold_requirements(xml_path: Path) -> list[str]:
    """The distinct texts of the ``<req>`` elements (stray bytes before ``<?xml`` ignored)."""
    raw = xml_path.read_text(encoding="utf-8", errors="replace")
    root = ElementTree.fromstring(raw[raw.find("<?xml") :].encode("utf-8"))
    texts = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "req":
            text = normalise(" ".join(element.itertext()))
            if text and text not in texts:
                texts.append(text)
    return texts


def normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^\(?\d+(?:\.\d+)*[a-z]{0,4}\)?\s+", "", text)  # a leading clause number


@dataclass(frozen=True, slots=True)
class Similarity:
    """Fuzzy comparisons of every detected requirement with every ``<req>``, made once."""

    same: np.ndarray  # token-sort ratio ≥ 80: the same statement up to wording noise
    inside: np.ndarray  # partial ratio ≥ 90: the shorter text appears within the longer
    chars: tuple[np.ndarray, np.ndarray]  # lengths of the detected and the gold texts
    words: tuple[np.ndarray, np.ndarray]

    @classmethod
    def of(cls, detected: list[str], gold: list[str]) -> Similarity:
        a = [normalise(text).lower() for text in detected]
        b = [normalise(text).lower() for text in gold]
        shape = (len(a), len(b))
        if not a or not b:
            empty = np.zeros(shape, dtype=bool)
            lengths = (np.zeros(len(a)), np.zeros(len(b)))
            return cls(empty, empty, lengths, lengths)
        return cls(
            same=process.cdist(a, b, scorer=fuzz.token_sort_ratio, score_cutoff=80, workers=-1) > 0,
            inside=process.cdist(a, b, scorer=fuzz.partial_ratio, score_cutoff=90, workers=-1) > 0,
            chars=(np.array([len(t) for t in a], float), np.array([len(t) for t in b], float)),
            words=(
                np.array([len(t.split()) for t in a], float),
                np.array([len(t.split()) for t in b], float),
            ),
        )

    def matches(self, matching: str) -> np.ndarray:
        """``[i, j]``: does detected requirement ``i`` match ``<req>`` ``j``?

        *one-to-one*: the same statement, or nearly the whole of the other (inside, the shorter
        at least half as long). *containment*: the same statement, or one inside the other
        (the shorter at least six words).
        """
        chars_a, chars_b = self.chars[0][:, None], self.chars[1][None, :]
        if matching == "one-to-one":
            comparable = np.minimum(chars_a, chars_b) >= 0.5 * np.maximum(chars_a, chars_b)
        else:
            words_a, words_b = self.words[0][:, None], self.words[1][None, :]
            comparable = np.where(chars_a <= chars_b, words_a, words_b) >= 6
        return self.same | (self.inside & comparable)


MATCHINGS = ("containment", "one-to-one")


def score(similarity: Similarity, *, document: str, method: str, matching: str) -> ExtractionScore:
    matches = similarity.matches(matching)
    n_detected, n_gold = matches.shape
    return ExtractionScore(
        document=document,
        method=method,
        matching=matching,
        n_gold=n_gold,
        n_detected=n_detected,
        precision=float(matches.any(axis=1).mean()) if n_detected else 0.0,
        recall=float(matches.any(axis=0).mean()) if n_gold else 0.0,
    )


def modal_sentences(path: Path) -> list[str]:
    """The baseline detector: every sentence of the document that uses a modal verb."""
    text = " ".join(block.text for block in read_spec(path).blocks)
    sentences = _SENTENCE_END.split(re.sub(r"\s+", " ", text))
    return [s.strip() for s in sentences if _MODAL.search(s) and len(s.split()) >= 4]


def evaluate(data: Path, analyser: Analyser, *, limit: int | None = None) -> list[ExtractionScore]:
    """Scores for each document present × {analyser, baseline} × {containment, one-to-one}."""
    scores = []
    for xml_name, original in list(DOCUMENTS.items())[:limit]:
        gold = gold_requirements(data / "pure" / "xml" / xml_name)
        for document in (
            data / "pure" / "documents" / original,
            data / "pure" / "text-markdown" / f"{original}.md",
        ):
            if not document.exists():
                continue
            found = {
                "analyser": [r.text for r in analyser.analyse_path(document).requirements],
                "modal sentences (baseline)": modal_sentences(document),
            }
            for method, detected in found.items():
                similarity = Similarity.of(detected, gold)
                for matching in MATCHINGS:
                    scores.append(
                        score(
                            similarity,
                            document=document.name,
                            method=method,
                            matching=matching,
                        )
                    )
    return scores
