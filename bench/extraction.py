"""Requirement detection against PURE's hand-marked ``<req>`` elements.

For each PURE XML file present in the evaluation data, the analyser reads the matching original
document (and its text rendering) and its detected requirements are matched fuzzily to the
``<req>`` texts: precision = share of detected requirements that match a ``<req>``; recall =
share of distinct ``<req>`` texts matched by a detected requirement.

    python -m bench.extraction [--data ../shared/data]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from analyser import Analyser, AnalyserConfig
from bench._data import data_from_arguments

DOCUMENTS = {
    "0000 - cctns.xml": "0000 - cctns.pdf",
    "2007 - eirene fun 7.xml": "2007 - eirene fun 7.pdf",
}


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    document: str
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
    return re.sub(r"^\(?\d+(?:\.\d+)*\)?\s+", "", text)  # a leading clause number


def matches(detected: str, gold: str) -> bool:
    """Fuzzy equality that tolerates different clause splitting and PDF artefacts."""
    a, b = normalise(detected).lower(), normalise(gold).lower()
    if fuzz.token_sort_ratio(a, b) >= 80:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 0.5 * len(long) and fuzz.partial_ratio(short, long) >= 90


def score_document(analyser: Analyser, document: Path, gold: list[str]) -> ExtractionScore:
    detected = [r.text for r in analyser.analyse_path(document).requirements]
    matched_detected = sum(1 for d in detected if any(matches(d, g) for g in gold))
    matched_gold = sum(1 for g in gold if any(matches(d, g) for d in detected))
    return ExtractionScore(
        document=document.name,
        n_gold=len(gold),
        n_detected=len(detected),
        precision=matched_detected / len(detected) if detected else 0.0,
        recall=matched_gold / len(gold) if gold else 0.0,
    )


def evaluate(data: Path, *, analyser: Analyser | None = None) -> list[ExtractionScore]:
    analyser = analyser or Analyser(
        AnalyserConfig(embedder="tfidf")
    )  # extraction needs no embeddings
    scores = []
    for xml_name, original in DOCUMENTS.items():
        gold = gold_requirements(data / "pure" / "xml" / xml_name)
        for document in (
            data / "pure" / "documents" / original,
            data / "pure" / "text-markdown" / f"{original}.md",
        ):
            if document.exists():
                scores.append(score_document(analyser, document, gold))
    return scores


def main() -> None:
    data = data_from_arguments(__doc__.splitlines()[0])
    if data is None:
        return
    print("| document | `<req>` | detected | precision | recall | F1 |\n|---|---|---|---|---|---|")
    for s in evaluate(data):
        print(
            f"| {s.document} | {s.n_gold} | {s.n_detected} | {s.precision:.3f} "
            f"| {s.recall:.3f} | {s.f1:.3f} |"
        )


if __name__ == "__main__":
    main()
