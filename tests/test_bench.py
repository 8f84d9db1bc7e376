"""The performance benchmark end to end, at a size CI can afford: `make bench` runs the same
code on the PURE folder and the 1k/5k/20k synthetic specs. Real worker processes, a real
SIGKILL, real models; needs the evaluation data for the synthetic specs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from bench.performance import performance_report

from .conftest import SAMPLES

SPECS = ("library-loans.md", "parking-permits.txt", "school-admissions-and-transport.md")
UPLOADED = (".md", ".txt", ".docx", ".pdf", ".csv")
LARGEST_SAMPLE = max(
    (p for p in SAMPLES.iterdir() if p.suffix in UPLOADED), key=lambda p: p.stat().st_size
)
LARGEST_SAMPLE_PDF = max(SAMPLES.glob("*.pdf"), key=lambda p: len(PdfReader(p).pages))


def test_the_performance_report_measures_every_figure_beside_its_baseline(
    tmp_path: Path, shared_data: Path
) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name in SPECS:
        shutil.copy(SAMPLES / name, folder / name)
    report = performance_report(
        shared_data, [SAMPLES / SPECS[0]], folder=folder, sizes=(60, 120), repeat=1
    )

    summary = report.split("\n## ")[0]
    rows = [line for line in summary.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[0] for row in rows[1:]] == [
        "| batch throughput, 2 workers",
        "| pipeline overhead, 3 PURE documents",
        "| cost growth, 120 ÷ 60 requirements",
        "| peak RSS at 120 requirements",
        "| analysis with the trained functional/quality classifier, 3 PURE documents",
        "| reading, 3 PURE documents, as a share of analysis",
        f"| app upload → full results, {LARGEST_SAMPLE.name} (warm)",
        "| app upload → full results, synthetic-300-requirements.md (warm)",
        f"| app upload → full results, {LARGEST_SAMPLE_PDF.name} (warm)",
        "| the scope review, 3 PURE documents, as a share of analysis",
        "| kill (SIGKILL) halfway, then rerun",
    ]
    review = rows.pop(-2)  # reported, with no target
    assert review.endswith("| — | — |")
    share = float(re.search(r"\*\*([\d.]+)%\*\*", review)[1])
    assert 0 < share < 50
    assert all(row.endswith(("| yes |", "| no |")) for row in rows[1:])
    assert rows[-1].endswith("| yes |"), rows[-1]  # every spec exactly once after the kill
    assert "3 rows, 3 distinct" in rows[-1]
    speedup = float(re.search(r"\*\*([\d.]+)×\*\*", rows[1])[1])
    assert 0.2 < speedup < 3

    sections = re.findall(r"^#+ (.+)$", report, flags=re.MULTILINE)
    assert sections == [
        "Performance",
        "Batch throughput (`analyser batch`, PURE originals)",
        "Kill and resume",
        "Pipeline overhead",
        "Cost growth",
        "Functional/quality classifier",
        "Reading (PURE originals, PDFium against pypdf)",
        "The app: upload → full results",
        "The scope review",
        "Stages, on the sample specs",
    ]
    for row in rows[6:10]:  # reading and uploads: a figure beside the pypdf one
        assert re.search(r"pypdf: [\d.]+ ?[%s] \| PDFium: \*\*[\d.]+ ?[%s]\*\*", row), row
    cost = float(re.search(r"\*\*([\d.]+)×\*\*", rows[5])[1])
    assert 0.5 < cost < 3  # both analysers ran, the trained one not absurdly slower
    for name in SPECS:  # each document of the folder has its overhead row
        assert re.search(rf"^\| {re.escape(name)} \| \d+ \(\d+\) \|", report, re.MULTILINE)
    assert re.search(r"^\| 60 \| .*\n\| 120 \| ", report, re.MULTILINE)
    assert f"| {SPECS[0]} | " in report.split("## Stages")[1]
