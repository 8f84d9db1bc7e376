"""The scope review against its gold set: defect rules and delivery-risk checks, each beside
a keyword-list baseline scored in the same run.

``python -m bench.evaluation.review [--half dev|test|all] [--out FILE] [--pure DIR]``

The gold set (``bench/evaluation/review_gold``) labels every requirement the analyser extracts
from the sample specs and three specs written for it, by the labelling guide there; labels were
made from the guide alone. The specs are split in two halves before any rule was written:
sorted by the SHA-1 of the file name, even positions are the *dev* half (the rules were tuned on
it) and odd positions the *test* half (measured, never tuned on). A defect is counted per
(requirement, rule) pair: a requirement the rule flags that the gold marks with that rule is a
true positive, whatever the number of spans; span agreement is reported beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analyser import Analyser, AnalyserConfig, AnalyserError, Analysis
from analyser.records import Report
from analyser.review import CHECKS, RULES

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent / "review_gold"
SAMPLES = ROOT / "sample_specs"
HALVES = ("dev", "test")
# Specs written and labelled after the rules were measured: "heldout" after the first
# measurement on the test half (then tuned on), "heldout2" after the second round (never).
HELD_OUT_BATCHES = ("heldout", "heldout2")
HELD_OUT = "heldout2"  # the batch the published accuracy is measured on

# The keyword-list baseline: each rule's words from the labelling guide, matched anywhere in the
# statement, with no parse and no context.
BASELINE: dict[str, re.Pattern[str]] = {
    "vague-term": re.compile(
        r"\b(?:user-friendly|easy|simple|intuitive|flexible|robust|seamless|efficient|"
        r"effective|adequate|sufficient|appropriate|suitable|reasonable|timely|promptly|"
        r"quickly|fast|modern|high-quality|clear|significant|minimal|regularly|periodically|"
        r"minimise|maximise|optimise)\b",
        re.I,
    ),
    "escape-clause": re.compile(
        r"\b(?:as appropriate|where appropriate|where possible|if possible|as far as possible|"
        r"where practicable|if practicable|as required|as necessary|if necessary|"
        r"where necessary|where applicable|if needed|as needed|to the extent possible|"
        r"where feasible|where relevant|ideally)\b",
        re.I,
    ),
    "open-ended": re.compile(
        r"\betc\b|and so on|and the like|including but not limited to|such as|e\.g\.|"
        r"for example|for instance|among others|and other|or other",
        re.I,
    ),
    "multiple": re.compile(r"\band\b|\bor\b|;|\bas well as\b", re.I),
    "passive-no-actor": re.compile(r"\b(?:be|been|is|are|was|were)\s+\w+ed\b(?!.*\bby\b)", re.I),
    "comparative": re.compile(
        r"\b(?:better|faster|quicker|easier|more|fewer|less|higher|greater|lower|improved|"
        r"enhanced|reduced|increased)\b",
        re.I,
    ),
    "pronoun": re.compile(r"\b(?:it|its|they|them|their|this|that|these|those)\b", re.I),
    "unmeasurable-quality": re.compile(
        r"^(?!.*\d).*\b(?:performance|perform|available|availability|reliable|usable|"
        r"usability|accessible|secure|security|scalable|capacity|maintainable|portable)\b",
        re.I,
    ),
}
CHECK_BASELINE: dict[str, dict[str, re.Pattern[str]]] = {
    "business-need": {
        "need": re.compile(r"\bneed", re.I),
        "outcome": re.compile(r"\btarget", re.I),
    },
    "users": {
        "named users": re.compile(r"\b(?:officers?|staff|residents?|caseworkers?)\b", re.I),
        "involvement": re.compile(r"\buser acceptance|\bpilot", re.I),
    },
    "information": {
        topic: re.compile(word, re.I)
        for topic, word in (
            ("ownership", r"\bowner"),
            ("retention", r"\bretention"),
            ("exchange", r"\bshar"),
            ("quality", r"\bdata quality"),
            ("migration", r"\bmigrat"),
        )
    },  # fmt: skip
    "change": {
        topic: re.compile(word, re.I)
        for topic, word in (
            ("training", r"\btraining"),
            ("process change", r"\bbusiness process"),
            ("transition", r"\bimplementation"),
            ("decommissioning", r"\bdecommission"),
        )
    },  # fmt: skip
}
_THRESHOLDS = {"business-need": (2, 1), "users": (2, 1), "information": (3, 1), "change": (2, 1)}


def half_of(name: str) -> str:
    """The half a spec belongs to (``halves.json``: each batch of specs was split by its names'
    hashes before any of its labels were read)."""
    batches = json.loads((GOLD / "halves.json").read_text(encoding="utf-8"))["batches"]
    for batch in batches:
        names = sorted(
            batch["dev"] + batch["test"], key=lambda n: hashlib.sha1(n.encode()).hexdigest()
        )
        assert names[::2] == batch["dev"], "halves.json no longer follows its rule"
        if name in names:
            return "dev" if name in batch["dev"] else "test"
    raise KeyError(f"{name} is in no half of the gold set")


def gold_specs(batch: str | None = None) -> list[str]:
    names = {json.loads(line)["spec"] for line in _gold_lines(batch)}
    return sorted(names)


def spec_path(name: str) -> Path:
    for folder in (SAMPLES, GOLD / "specs", *(GOLD / batch for batch in HELD_OUT_BATCHES)):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    span_agree: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class ReviewScores:
    half: str
    specs: list[str]
    n_requirements: int
    unmatched: int  # gold requirements the analyser no longer extracts
    rules: dict[str, Tally] = field(default_factory=dict)
    baseline: dict[str, Tally] = field(default_factory=dict)
    checks: dict[str, Counter[str]] = field(default_factory=dict)  # check -> right/wrong
    check_baseline: dict[str, Counter[str]] = field(default_factory=dict)
    check_rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)


def evaluate(analyser: Analyser, half: str = "test") -> ReviewScores:
    """Score the rules and checks on one half of the gold set (``"all"``: both), on a batch of
    held-out specs (``"heldout"``, ``"heldout2"``), or on everything tuned on (``"tuned"``: both
    halves and the first held-out batch)."""
    batches: list[str | None] = (
        [None, "heldout"] if half == "tuned" else [half] if half in HELD_OUT_BATCHES else [None]
    )
    specs: list[str] = []
    gold: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    checks_gold: dict[str, dict] = {}  # type: ignore[type-arg]
    for batch in batches:
        specs += [
            name
            for name in gold_specs(batch)
            if batch is not None or half in ("all", "tuned") or half_of(name) == half
        ]
        gold.update(_gold_by_spec(batch))
        checks_gold.update(_checks_gold(batch))
    scores = ReviewScores(half=half, specs=specs, n_requirements=0, unmatched=0)
    for rule in RULES:
        scores.rules[rule.id] = Tally()
        scores.baseline[rule.id] = Tally()
    for check in CHECKS:
        scores.checks[check.id] = Counter()
        scores.check_baseline[check.id] = Counter()
    for name in specs:
        analysis = analyser.examine_document(analyser.read(spec_path(name)))
        _score_defects(scores, name, analysis.report, gold[name])
        if name in checks_gold:
            _score_checks(scores, name, analysis, checks_gold[name])
    return scores


def _score_defects(scores: ReviewScores, name: str, report: Report, gold: list[dict]) -> None:  # type: ignore[type-arg]
    found = {_normalise(r.text): r for r in report.requirements}
    for entry in gold:
        scores.n_requirements += 1
        requirement = found.get(_normalise(entry["text"]))
        if requirement is None:
            scores.unmatched += 1
        truth = {d["rule"] for d in entry["defects"]}
        quotes = {d["rule"]: d["quote"] for d in entry["defects"]}
        flagged = {d.rule for d in requirement.defects} if requirement is not None else set()
        spans = {d.rule: d.quote for d in requirement.defects} if requirement else {}
        baseline = {rule for rule, cue in BASELINE.items() if cue.search(entry["text"])}
        for rule in scores.rules:
            _tally(scores.rules[rule], rule in flagged, rule in truth)
            _tally(scores.baseline[rule], rule in baseline, rule in truth)
            if rule in flagged and rule in truth and _overlap(spans[rule], quotes[rule]):
                scores.rules[rule].span_agree += 1
            if (rule in flagged) != (rule in truth):
                kind = "FP" if rule in flagged else "FN"
                scores.errors.append(
                    (rule, kind, entry["text"], spans.get(rule, quotes.get(rule, "")))
                )


def _score_checks(scores: ReviewScores, name: str, analysis: Analysis, gold: dict) -> None:  # type: ignore[type-arg]
    review = analysis.report.review
    assert review is not None
    text = " ".join(" ".join((*s.section[-1:], s.text)) for s in analysis.statements)
    for check in review.checks:
        expected = gold[check.id]["status"]
        scores.checks[check.id]["right" if check.status == expected else "wrong"] += 1
        baseline = _baseline_status(check.id, text)
        scores.check_baseline[check.id]["right" if baseline == expected else "wrong"] += 1
        scores.check_rows.append((name, check.id, expected, check.status, baseline))


def _baseline_status(check: str, text: str) -> str:
    cues = CHECK_BASELINE["business-need" if check == "parts" else check]
    found = sum(1 for cue in cues.values() if cue.search(text))
    present_at, weak_at = _THRESHOLDS["business-need" if check == "parts" else check]
    return "present" if found >= present_at else "weak" if found >= weak_at else "missing"


def _tally(tally: Tally, flagged: bool, true: bool) -> None:
    if flagged and true:
        tally.tp += 1
    elif flagged:
        tally.fp += 1
    elif true:
        tally.fn += 1


def _overlap(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a or bool(set(a.split()) & set(b.split()))


def _gold_lines(batch: str | None = None) -> Iterable[str]:
    pattern = f"{batch}-defects-*.jsonl" if batch else "defects-*.jsonl"
    for path in sorted((GOLD / "labels").glob(pattern)):
        yield from (line for line in path.read_text(encoding="utf-8").splitlines() if line)


def _gold_by_spec(batch: str | None = None) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    by_spec: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for line in _gold_lines(batch):
        entry = json.loads(line)
        by_spec.setdefault(entry["spec"], []).append(entry)
    return by_spec


def _checks_gold(batch: str | None = None) -> dict[str, dict]:  # type: ignore[type-arg]
    labels: dict[str, dict] = {}  # type: ignore[type-arg]
    pattern = f"{batch}-checks*.json" if batch else "checks-*.json"
    for path in sorted((GOLD / "labels").glob(pattern)):
        labels.update(json.loads(path.read_text(encoding="utf-8")))
    return labels


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--half", choices=(*HALVES, "all", "tuned", *HELD_OUT_BATCHES), default=HELD_OUT
    )
    parser.add_argument("--errors", action="store_true", help="list every miss")
    arguments = parser.parse_args(argv)
    analyser = Analyser(AnalyserConfig()).load()
    try:
        scores = evaluate(analyser, arguments.half)
    except AnalyserError as error:
        print(error, file=sys.stderr)
        return 1
    from bench.evaluation.review_report import render  # the report imports this module

    print("\n".join(render(scores)))
    for row in scores.check_rows:
        if row[2] != row[3] or arguments.errors:
            print("check", *row)
    if arguments.errors:
        for rule, kind, text, quote in sorted(scores.errors):
            print(f"{rule:22} {kind} [{quote}] {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
