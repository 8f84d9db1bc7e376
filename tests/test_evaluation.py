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
from bench.evaluation.families import same_domain_mixes, split_halves
from bench.evaluation.mixes import build_mixes, text_key
from bench.evaluation.protocol import thresholds
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
    for heading in (
        "## Summary", "## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## 7.", "## Calibration",
    ):  # fmt: skip
        assert heading in text
    review = text.split("## 7.")[1].split("## Calibration")[0]
    assert review.index("Held-out specs (never tuned on)") < review.index("fit, not accuracy")
    assert "| multiple |" in review and "delivery-risk check" in text
    summary = text.split("## Summary")[1].split("## 1.")[0]
    protocol = text.split("## 2.")[1].split("## 3.")[0]
    assert "**unseen half**" in protocol and "chosen on half A" in protocol

    def table_rows(text: str) -> list[str]:
        return [
            line
            for line in text.splitlines()
            if line.startswith("| ") and "---" not in line and not line.startswith("| metric")
        ]

    rows = table_rows(summary) + table_rows(protocol.split("Unseen half, by family")[0])
    names = " ".join(rows)
    for metric in (
        "extraction F1",
        "ARI problem",
        "mean abs. error",
        "Spearman",
        "k = 1 vs k ≥ 3",
        "called over-broad",
        "long focused controls",
        "PURE labelled focused",
        "macro-F1",
    ):
        assert metric in names
    for row in rows:
        cells = [cell.strip(" *") for cell in row.split("|")]
        assert any(c == "n/a" or re.fullmatch(r"-?\d+(\.\d+)?", c) for c in cells[2:5]), row


def test_missing_data_is_a_clear_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path), "--out", str(tmp_path / "x.md")]) == 2
    assert "evaluation data is not at" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def _system(name: str, source: str, n: int = 24) -> System:
    return System(
        name=name,
        source=source,
        requirements=tuple(
            LabelledRequirement(f"The {name} service shall handle {name} case {i}.", i % 5 > 0)
            for i in range(n)
        ),
    )


def test_halves_are_disjoint_balanced_by_source_and_fixed_by_the_seed() -> None:
    systems = [_system(f"p{i}", "P") for i in range(7)] + [_system(f"b{i}", "B") for i in range(6)]
    first, second = split_halves(systems)
    assert first.system_names.isdisjoint(second.system_names)
    assert first.system_names | second.system_names == {s.name for s in systems}
    assert abs(len(first.systems) - len(second.systems)) <= 1
    for source in ("P", "B"):
        counts = [sum(s.source == source for s in h.systems) for h in (first, second)]
        assert abs(counts[0] - counts[1]) <= 1
    assert split_halves(systems) == (first, second)


def test_a_structured_mix_reads_back_with_a_chapter_per_system(analyser: Analyser) -> None:
    features = {text_key(r.text): f"f{i // 6}" for s in SYSTEMS[:2] for i, r in
                enumerate(s.requirements)}  # fmt: skip
    mix = build_mixes(SYSTEMS, n_mixes=2, seed=5, ks=(2,), family="structured",
                      formats=("md",), features=features)[0]  # fmt: skip
    report = analyser.analyse_bytes(mix.render(), name=mix.filename)
    system_of = {text_key(row.text): row.system for row in mix.rows}
    chapters: dict[str, set[str]] = {}
    for requirement in report.requirements:
        if requirement.kind == "functional" and text_key(requirement.text) in system_of:
            chapter = requirement.section_path[1]
            chapters.setdefault(chapter, set()).add(system_of[text_key(requirement.text)])
    assert len(chapters) == 2 and all(len(systems) == 1 for systems in chapters.values())
    assert not any(system in " ".join(chapters) for system in mix.systems)  # neutral headings


def test_docx_mixes_render_as_word_documents() -> None:
    mix = build_mixes(SYSTEMS, n_mixes=1, seed=2, ks=(3,), family="structured",
                      formats=("docx",))[0]  # fmt: skip
    assert mix.render()[:2] == b"PK"
    assert mix.render() == mix.render()  # fixed timestamps: the same bytes every time


def test_same_domain_mixes_choose_the_systems_sharing_most_vocabulary() -> None:
    shared = [
        System(name=f"d{i}", source="D", requirements=tuple(
            LabelledRequirement(f"The library shall lend books and renew loan {j} {i}.", True)
            for j in range(12)))
        for i in range(2)
    ] + [_system(f"x{i}", "X") for i in range(3)]  # fmt: skip
    mixes = same_domain_mixes(shared, n_mixes=8, seed=0, features={}, prefix="t", ks=(2,))
    assert all(len(set(m.systems)) == 2 for m in mixes)
    pairs = {frozenset(m.systems) for m in mixes}
    assert frozenset({"d0", "d1"}) in pairs


def test_thresholds_split_the_single_systems_from_the_broad_ones() -> None:
    ks = [1] * 20 + [2] * 20 + [4] * 20
    indices = [1.0] * 19 + [1.4] + [1.9] * 20 + [3.0] * 4 + [3.5] * 16
    borderline, over_broad = thresholds(ks, indices)
    # the middle of the gap that puts no spec of k = 1 or 2 on the wrong side; 10th of k >= 4
    assert (borderline, over_broad) == (pytest.approx(1.65), pytest.approx(3.0))


def test_the_borderline_threshold_stays_above_one_problem() -> None:
    # three of twenty two-system specs come out as one problem (index 1.0): the best split
    # still lies above 1.0, so a single problem is never called borderline
    ks = [1] * 20 + [2] * 20 + [4] * 20
    indices = [1.0] * 19 + [1.3] + [1.0] * 3 + [1.7] * 17 + [3.0] * 20
    borderline, _ = thresholds(ks, indices)
    assert 1.3 < borderline < 1.7
