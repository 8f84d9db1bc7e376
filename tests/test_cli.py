from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.cli.commands import app

from .conftest import SAMPLES

runner = CliRunner()
FOCUSED = next(
    name
    for name, e in json.loads((SAMPLES / "expected.json").read_text()).items()
    if e["verdict"] == "focused" and name.endswith(".md")
)


def test_analyse_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["analyse", str(SAMPLES / FOCUSED), "--fast"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema_version"] == "1"
    assert set(report) >= {"source", "requirements", "problems", "breadth"}
    assert report["source"]["name"] == FOCUSED and report["source"]["format"] == "md"
    first = report["requirements"][0]
    assert set(first) >= {"id", "text", "section", "kind", "problem"}
    assert report["breadth"]["verdict"] in ("focused", "borderline", "over-broad")
    problem_ids = {p["id"] for p in report["problems"]}
    assert all(
        r["problem"] in problem_ids for r in report["requirements"] if r["kind"] == "functional"
    )
    assert all(r["problem"] is None for r in report["requirements"] if r["kind"] == "quality")


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("markdown", lambda text: text.startswith("# Scope review:") and "**Verdict:" in text),
        ("csv", lambda text: next(csv.reader(io.StringIO(text)))[:3] == ["source", "id", "kind"]),
    ],
)
def test_analyse_other_formats(fmt: str, check, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app, ["analyse", str(SAMPLES / FOCUSED), "--fast", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert check(out.read_text(encoding="utf-8"))


def test_batch_goes_on_past_a_damaged_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    result = runner.invoke(app, ["analyse", str(broken), str(SAMPLES / FOCUSED), "--fast"])
    assert result.exit_code == 1
    assert "[A003]" in result.stderr and "broken.docx" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"]["name"] for line in lines] == [FOCUSED]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["analyse", "no-such-file.txt"], 1, "[A001]"),
        (["analyse", "spec.doc"], 1, "[A00"),
        (["analyse", "x.txt", "--format", "yaml"], 2, "yaml"),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_errors_have_codes_and_exit_codes(
    args: list[str], code: int, message: str, tmp_path: Path
) -> None:
    if args[-1] == "spec.doc":
        (tmp_path / "spec.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
        args = ["analyse", str(tmp_path / "spec.doc")]
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert message in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_empty_folder_and_unwritable_output_are_clear_errors(tmp_path: Path) -> None:
    empty = runner.invoke(app, ["analyse", str(tmp_path)])
    assert empty.exit_code == 1 and "no spec files" in empty.stderr
    args = [
        "analyse",
        str(SAMPLES / FOCUSED),
        "--fast",
        "--out",
        str(tmp_path / "missing" / "r.json"),
    ]
    unwritable = runner.invoke(app, args)
    assert unwritable.exit_code == 1 and "cannot write the report" in unwritable.stderr
    assert "Traceback" not in unwritable.output


def test_module_entry_point_runs_as_a_real_process() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyser",
            "analyse",
            str(SAMPLES / FOCUSED),
            "--fast",
            "--format",
            "markdown",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "**Verdict:" in result.stdout


def test_analyse_reads_the_specs_inside_a_zip_archive(tmp_path: Path) -> None:
    import zipfile

    specs = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".md")[:2]
    archive = tmp_path / "specs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for spec in specs:
            z.write(spec, f"folder/{spec.name}")
        z.writestr("../escape.md", specs[0].read_text())
    result = runner.invoke(app, ["analyse", str(archive), "--fast"])
    assert result.exit_code == 1  # one member was refused …
    assert "[A010]" in result.stderr and "escape.md" in result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]  # … the others analysed
    assert [r["source"]["name"] for r in reports] == [spec.name for spec in specs]


VERSIONS = SAMPLES / "versions"


def test_compare_prints_the_contract_and_a_headline(tmp_path: Path) -> None:
    creep = VERSIONS / "creep"
    result = runner.invoke(app, ["compare", str(creep / "v1.md"), str(creep / "v2.md")])
    assert result.exit_code == 0, result.output
    comparison = json.loads(result.stdout)
    assert comparison["schema_version"] == "1" and comparison["scope_change"] == "grew"
    assert comparison["headline"].startswith("Scope grew: +1 business problem")
    assert set(comparison) >= {"added", "removed", "modified", "new_problems", "before", "after"}
    assert len(comparison["new_problems"]) == 1 and comparison["dropped_problems"] == []
    out = tmp_path / "comparison.md"
    result = runner.invoke(
        app,
        ["compare", str(creep / "v1.md"), str(creep / "v2.md"), "-f", "markdown", "-o", str(out)],
    )
    assert result.exit_code == 0 and "**Scope grew" in out.read_text()


def test_history_prints_a_timeline_and_needs_two_versions() -> None:
    descoped = sorted((VERSIONS / "descoped").glob("v*.md"))
    result = runner.invoke(app, ["history", *map(str, descoped), "--fast"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("→") >= len(descoped) - 1
    one = runner.invoke(app, ["history", str(descoped[0])])
    assert one.exit_code == 2 and "at least two versions" in one.output
    missing = runner.invoke(app, ["compare", str(descoped[0]), "nowhere.md"])
    assert missing.exit_code == 1 and "[A001]" in missing.output


@pytest.mark.parametrize("fmt", ["json", "markdown", "docx"])
def test_review_writes_each_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"review.{fmt}"
    spec = SAMPLES / FOCUSED
    result = runner.invoke(app, ["review", str(spec), "--fast", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        review = json.loads(out.read_text(encoding="utf-8"))
        assert review["source"]["name"] == FOCUSED
        assert [c["id"] for c in review["checks"]] == [
            "business-need", "users", "information", "change", "parts",
        ]  # fmt: skip
        assert all(d["text"][d["start"] : d["end"]] == d["quote"] for d in review["defects"])
    elif fmt == "markdown":
        assert out.read_text(encoding="utf-8").startswith(f"# Scope review: {FOCUSED}")
    else:
        assert zipfile.is_zipfile(out) and "word/document.xml" in zipfile.ZipFile(out).namelist()


def test_review_writes_the_word_file_beside_the_working_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["review", str(SAMPLES / FOCUSED), "--fast", "-f", "docx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{Path(FOCUSED).stem}.review.docx").is_file()


def test_review_of_a_missing_or_empty_file_is_a_coded_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for path in (tmp_path / "missing.txt", empty):
        result = runner.invoke(app, ["review", str(path), "--fast"])
        assert result.exit_code == 1
        assert "error: [A0" in result.output
