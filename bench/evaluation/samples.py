"""Task 6: our own sample specs — each one's verdict and problems against what its author wrote.

``sample_specs/expected.json`` gives each spec's verdict, its number of problems and, for the
newer specs, which requirement belongs to which problem (``membership``). Membership agreement is
the ARI between the analyser's problems and the author's, over the functional requirements both
place in a problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from analyser import Analyser, AnalyserError

SAMPLES = Path(__file__).resolve().parents[2] / "sample_specs"


@dataclass(frozen=True, slots=True)
class SampleResult:
    name: str
    expected_verdict: str
    verdict: str
    expected_problems: int
    n_problems: int
    membership_ari: float | None  # None without membership, or with one problem
    known_miss: str | None


def evaluate(analyser: Analyser, folder: Path = SAMPLES) -> list[SampleResult]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    results = []
    for name, entry in sorted(expected.items()):
        try:
            report = analyser.analyse_path(folder / name)
        except AnalyserError as error:
            verdict = f"error: {error.code}"
            miss = entry.get("known_miss")
            results.append(
                SampleResult(name, entry["verdict"], verdict, entry["n_problems"], 0, None, miss)
            )
            continue
        truth = {
            rid: problem for problem, ids in entry.get("membership", {}).items() for rid in ids
        }
        pairs = [(truth[r.id], r.problem) for r in report.requirements
                 if r.id in truth and r.problem is not None]  # fmt: skip
        ari = None
        if len(set(truth.values())) > 1 and pairs:
            ari = float(adjusted_rand_score([p[0] for p in pairs], [p[1] for p in pairs]))
        results.append(
            SampleResult(
                name=name,
                expected_verdict=entry["verdict"],
                verdict=report.breadth.verdict,
                expected_problems=entry["n_problems"],
                n_problems=report.breadth.n_problems,
                membership_ari=ari,
                known_miss=entry.get("known_miss"),
            )
        )
    return results


def render(results: list[SampleResult]) -> list[str]:
    right = sum(r.verdict == r.expected_verdict for r in results)
    lines = [
        "",
        "## 6. Our sample specs (the shipped analyser)",
        "",
        f"{right} of {len(results)} sample specs get the verdict their author wrote. Membership "
        "ARI: the analyser's problems against the author's, where `expected.json` says which "
        "requirement belongs to which problem.",
        "",
        "| spec | author's verdict | verdict | author's problems | problems | membership ARI "
        "| known miss |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        mark = "" if r.verdict == r.expected_verdict else " **✗**"
        ari = "—" if r.membership_ari is None else f"{r.membership_ari:.2f}"
        lines.append(
            f"| {r.name} | {r.expected_verdict} | {r.verdict}{mark} | {r.expected_problems} "
            f"| {r.n_problems} | {ari} | {r.known_miss or ''} |"
        )
    return lines
