"""The evaluation harness: mixes are seeded and faithful, and a tiny run of every task works."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from analyser import Analyser
from bench.evaluation import datasets
from bench.evaluation.__main__ import main
from bench.evaluation.datasets import LabelledRequirement, System
from bench.evaluation.mixes import build_mixes, text_key
from bench.evaluation.summary import auc, spearman

SYSTEMS = [
    System(
        name=f"system-{n}",
        source="test",
        requirements=tuple(
            LabelledRequirement(
                f"The {n} system shall handle case {i} of {n}.", functional=i % 4 > 0
            )
            for i in range(20 + 10 * n)
        ),
    )
    for n in range(8)
]


def test_mixes_are_seeded_and_draw_k_distinct_systems() -> None:
    first = build_mixes(SYSTEMS, n_mixes=24, seed=3)
    assert first == build_mixes(SYSTEMS, n_mixes=24, seed=3)
    assert first != build_mixes(SYSTEMS, n_mixes=24, seed=4)
    assert [m.k for m in first[:6]] == [1, 2, 3, 4, 5, 6]
    assert {m.format for m in first} == {"csv", "md"}
    for mix in first:
        assert len(set(mix.systems)) == mix.k
        for system in mix.systems:
            drawn = sum(1 for row in mix.rows if row.system == system)
            available = len(next(s for s in SYSTEMS if s.name == system).requirements)
            assert min(15, available) <= drawn <= min(60, available)


@pytest.mark.parametrize("mix_format", ["csv", "md"])
def test_a_mix_reads_back_as_its_requirements(mix_format: str, analyser: Analyser) -> None:
    mix = next(m for m in build_mixes(SYSTEMS, n_mixes=12, seed=1) if m.format == mix_format)
    report = analyser.analyse_bytes(mix.render(), name=mix.filename)
    assert sorted(text_key(r.text) for r in report.requirements) == sorted(
        text_key(row.text) for row in mix.rows
    )
    if mix_format == "csv":
        rows = list(csv.DictReader(io.StringIO(mix.render().decode())))
        assert [row["Requirement"] for row in rows] == [row.text for row in mix.rows]


def test_metric_helpers_handle_degenerate_inputs() -> None:
    assert auc([2.0, 3.0], [1.0]) == 1.0
    assert auc([], [1.0]) is None
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_loaders_read_every_source(shared_data: Path) -> None:
    systems = datasets.mixable_systems(shared_data)
    assert {s.source for s in systems} == {"PROMISE NFR", "RE'19", "Dalpiaz backlogs"}
    assert all(s.n_functional >= 10 for s in systems)
    assert sum(len(s.requirements) for s in datasets.promise_nfr(shared_data)) == 625
    labels = datasets.breadth_labels(shared_data)
    assert {label.breadth for label in labels} <= {"focused", "borderline", "over-broad"}
    backlogs = datasets.feature_backlogs(shared_data)
    assert all(len(b.stories) == len(b.clusters) > 0 for b in backlogs)


def test_smoke_run_writes_every_section(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "EVALUATION.md"
    assert main(["--data", str(shared_data), "--smoke", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "smoke run" in text
    for heading in ("## Summary", "## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## Calibration"):
        assert heading in text
    summary = text.split("## Summary")[1].split("## 1.")[0]
    rows = [line for line in summary.splitlines() if line.startswith("| ") and "---" not in line]
    names = " ".join(rows)
    for metric in (
        "extraction F1",
        "ARI problem",
        "mean abs. error",
        "Spearman",
        "k = 1 vs k ≥ 3",
        "verdict rate",
        "labelled focused but called over-broad",
        "macro-F1",
    ):
        assert metric in names
    for row in rows[1:]:
        result = row.split("|")[3].strip()
        assert result == "n/a" or re.fullmatch(r"-?\d+(\.\d+)?", result), row


def test_missing_data_is_a_clear_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path), "--out", str(tmp_path / "x.md")]) == 2
    assert "evaluation data is not at" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()
