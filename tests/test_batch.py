"""Batch scoring into the results database: incremental, resumable, never stopped by a bad file.

Real files, real spaCy, real SQLite, real worker processes and a real Dask LocalCluster; the
fast (TF-IDF) mode keeps the runs short.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from analyser import AnalyserConfig
from analyser.batch.portfolio import league_table, render_league
from analyser.batch.run import BatchProgress, run_batch
from analyser.batch.store import ResultStore, SpecRecord
from analyser.batch.workers import PoolRunner, Task, analyse_task
from analyser.cli.commands import app
from analyser.report import from_json

from ._dying_worker import analyse_or_die
from .conftest import SAMPLES

FAST = AnalyserConfig(embedder="tfidf")
TEXT_SPECS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt"))


def _folder(tmp_path: Path, specs: list[Path]) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for spec in specs:
        shutil.copy(spec, folder / spec.name)
    return folder


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT origin, status, error_code FROM specs").fetchall()


def test_a_folder_is_scored_then_skipped_and_only_changes_are_rescored(
    tmp_path: Path, fast_analyser
) -> None:
    folder = _folder(tmp_path, TEXT_SPECS[:3])
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n this is not really a PDF")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not a spec format")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "results.sqlite"
    events: list[BatchProgress] = []
    with ResultStore(db) as store:
        first = run_batch([folder], store, config=FAST, on_progress=events.append)
    assert (first.total, first.scored, first.failed, first.skipped) == (6, 3, 3, 0)
    assert dict(first.failures) == {"A002": 1, "A003": 1, "A004": 1}
    assert [e.done for e in events] == [1, 2, 3, 4, 5, 6] and events[-1].total == 6
    with ResultStore(db) as store:
        for spec in TEXT_SPECS[:3]:
            row = store.get(str(folder / spec.name))
            assert row is not None and row.status == "scored"
            direct = fast_analyser.analyse_path(spec)
            assert (row.verdict, row.score) == (direct.breadth.verdict, direct.breadth.score)
            report = from_json(row.report_json or "")
            assert row.n_requirements == len(report.requirements) > 0
            assert row.sha256 == report.source.sha256 and row.settings_hash == FAST.settings_hash()
        failed = store.get(str(folder / "damaged.pdf"))
        assert failed is not None and failed.error_code == "A003" and failed.error_message

    changed = folder / TEXT_SPECS[0].name
    changed.write_text(changed.read_text() + "\nThe system shall print a permit receipt.\n")
    with ResultStore(db) as store:
        second = run_batch([folder], store, config=FAST)
    assert (second.scored, second.skipped, second.failed) == (1, 2, 3)
    assert len(_rows(db)) == 6  # one row per spec, whatever the number of runs


def test_the_same_content_under_two_names_is_analysed_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT_SPECS[:1])
    copy = "copy-of-it" + TEXT_SPECS[0].suffix
    shutil.copy(TEXT_SPECS[0], folder / copy)
    with ResultStore(tmp_path / "r.sqlite") as store:
        summary = run_batch([folder], store, config=FAST)
        rows = store.records()
    assert (summary.scored, summary.reused) == (1, 1)
    assert {r.origin for r in rows} == {
        str(folder / TEXT_SPECS[0].name),
        str(folder / copy),
    }
    assert rows[0].score == rows[1].score
    reports = [json.loads(row.report_json or "") for row in store_rows(tmp_path / "r.sqlite")]
    assert {report["source"]["name"] for report in reports} == {TEXT_SPECS[0].name, copy}
    for report in reports:
        del report["source"]["name"]
    assert reports[0] == reports[1]  # the same analysis, each speaking of its own file


def test_a_twin_with_another_suffix_is_read_by_its_own_reader(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT_SPECS[:1])
    other = ".txt" if TEXT_SPECS[0].suffix == ".md" else ".md"
    shutil.copy(TEXT_SPECS[0], folder / f"same-bytes{other}")
    with ResultStore(tmp_path / "r.sqlite") as store:
        summary = run_batch([folder], store, config=FAST)
    assert (summary.scored, summary.reused) == (2, 0)
    formats = {
        json.loads(r.report_json or "")["source"]["format"]
        for r in store_rows(tmp_path / "r.sqlite")
    }
    assert formats == {"txt", "md"}


def test_a_failed_twin_speaks_of_its_own_file(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name in ("a.docx", "b.docx"):
        (folder / name).write_bytes(b"not a word document at all")
    with ResultStore(tmp_path / "r.sqlite") as store:
        run_batch([folder], store, config=FAST)
        rows = {row.name: row for row in store.records()}
    for name, row in rows.items():
        assert row.error_code == "A003" and f"'{name}'" in (row.error_message or "")


def test_a_zip_with_bad_members_is_scored_and_every_member_recorded(tmp_path: Path) -> None:
    archive = tmp_path / "specs.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(TEXT_SPECS[0], f"2021/{TEXT_SPECS[0].name}")
        z.write(TEXT_SPECS[1], TEXT_SPECS[1].name)
        z.writestr("../escape.txt", TEXT_SPECS[1].read_text())
        z.writestr("bomb.txt", b"0" * (8 * 2**20))
        z.writestr("broken.docx", b"PK\x03\x04 broken")
        z.writestr("__MACOSX/._spec.txt", b"junk")
    with ResultStore(tmp_path / "r.sqlite") as store:
        summary = run_batch([archive], store, config=FAST)
        rows = {r.origin.split("!/")[-1]: r for r in store.records()}
    assert set(rows) == {f"2021/{TEXT_SPECS[0].name}", TEXT_SPECS[1].name, "../escape.txt",
                         "bomb.txt", "broken.docx"}  # fmt: skip
    assert summary.scored == 2
    assert {name: r.error_code for name, r in rows.items() if r.status == "failed"} == {
        "../escape.txt": "A010",
        "bomb.txt": "A010",
        "broken.docx": "A003",
    }


def test_two_worker_processes_give_the_same_results_as_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT_SPECS[:4])
    results = {}
    for workers in (1, 2):
        with ResultStore(tmp_path / f"r{workers}.sqlite") as store:
            summary = run_batch([folder], store, config=FAST, workers=workers)
            assert summary.scored == 4
            results[workers] = {r.name: (r.score, r.n_problems, r.verdict) for r in store.records()}
    assert results[1] == results[2]


def test_a_spec_that_kills_its_worker_fails_alone_and_its_neighbours_are_scored(
    fast_analyser,
) -> None:
    """Two specs kill their worker process; the four in flight beside them at the time are
    rerun on their own and scored, exactly as in this process."""
    specs = TEXT_SPECS[:4]
    tasks = [
        Task(
            str(path), name, path.read_bytes(), hashlib.sha256(path.read_bytes()).hexdigest(), FAST
        )
        for path, name in [(p, p.name) for p in specs]
        + [(specs[0], "die-first.md"), (specs[1], "die-second.md")]
    ]
    runner = PoolRunner(FAST, 2, work=analyse_or_die)
    done: dict[str, SpecRecord] = {}
    try:
        for task in tasks:  # the loop run_batch drives: four in flight at a time
            while runner.busy():
                finished, record = runner.next_done()
                done[finished.name] = record
            runner.submit(task)
        while runner.pending():
            finished, record = runner.next_done()
            done[finished.name] = record
    finally:
        runner.close()
    assert sorted(done) == sorted(task.name for task in tasks)
    for name in ("die-first.md", "die-second.md"):
        assert (done[name].status, done[name].error_code) == ("failed", "A011")
        assert "on its own" in (done[name].error_message or "")
    for path in specs:
        expected = analyse_task(
            Task(str(path), path.name, path.read_bytes(), "", FAST), fast_analyser
        )
        record = done[path.name]
        assert record.status == "scored", record.error_message
        assert (record.score, record.n_problems, record.verdict) == (
            expected.score,
            expected.n_problems,
            expected.verdict,
        )


def test_a_dask_cluster_scores_the_batch_with_one_writer(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = _folder(tmp_path, TEXT_SPECS[:3])
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7 not really")
    with ResultStore(tmp_path / "local.sqlite") as store:
        run_batch([folder], store, config=FAST)
        local = {r.name: (r.score, r.verdict, r.error_code) for r in store.records()}
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with ResultStore(tmp_path / "dask.sqlite") as store:
            summary = run_batch(
                [folder], store, config=FAST, dask_address=cluster.scheduler_address
            )
            on_dask = {r.name: (r.score, r.verdict, r.error_code) for r in store.records()}
        with distributed.Client(cluster) as client:
            loaded = client.run(_loaded_analysers)  # worker address → its loaded analysers
    assert (summary.scored, summary.failed) == (3, 1)
    assert on_dask == local
    assert sum(loaded.values()) >= 1  # the analyses ran on the workers, which loaded models


def _loaded_analysers() -> int:
    from analyser.batch import workers

    return len(workers._ANALYSERS)


def test_a_killed_batch_resumes_with_every_spec_exactly_once(tmp_path: Path) -> None:
    specs = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf"))
    folder = _folder(tmp_path, specs)
    db = tmp_path / "results.sqlite"
    command = [
        sys.executable, "-m", "analyser", "batch", str(folder), "--db", str(db), "--fast",
        "--workers", "2",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and _count(db) >= 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be killed"
    workers = _children(process.pid)
    assert workers, "the batch runs its analyses in worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = _count(db)
    # its worker processes do not outlive it
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "orphaned workers still running"
    assert 3 <= done_before < len(specs)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    rows = _rows(db)
    assert sorted(origin for origin, _, _ in rows) == sorted(str(folder / s.name) for s in specs)
    assert all(status == "scored" for _, status, _ in rows)
    assert f"{done_before} skipped" in rerun.stdout


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; its reaper is gone with the batch


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM specs").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


# -- the export -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scored_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("export")
    folder = _folder(tmp_path, TEXT_SPECS)
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7 not really")
    db = tmp_path / "results.sqlite"
    with ResultStore(db) as store:
        run_batch([folder], store, config=FAST)
    return db


def test_the_league_table_ranks_broadest_first_with_percentiles(scored_db: Path) -> None:
    with ResultStore(scored_db, read_only=True) as store:
        table = league_table(store)
        with_failed = league_table(store, include_failed=True)
    assert len(table) == len(TEXT_SPECS) and list(table["rank"]) == list(range(1, len(table) + 1))
    assert table["score"].is_monotonic_decreasing
    assert table["portfolio_percentile"].is_monotonic_decreasing
    assert 0 < table["portfolio_percentile"].min() < table["portfolio_percentile"].max() < 100
    broadest = table.iloc[0]
    assert broadest["verdict"] == "over-broad" and broadest["n_problems"] >= 3
    assert broadest["top_problems"].count("(") == 3
    # the scope review's counts, the same as in each spec's own report
    with ResultStore(scored_db, read_only=True) as store:
        for row in table.itertuples():
            review = store.report(row.origin).review
            assert review is not None
            assert row.n_with_defects == review.requirements_with_defects
            missing = [c.id for c in review.checks if c.status == "missing"]
            assert row.risks_missing == len(missing) and row.missing_checks == "; ".join(missing)
    assert table["n_with_defects"].sum() > 0
    assert (table["n_defects"] >= table["n_with_defects"]).all()
    assert len(with_failed) == len(table) + 1
    assert with_failed.iloc[-1]["error_code"] == "A003" and pd.isna(with_failed.iloc[-1]["rank"])


@pytest.mark.parametrize("export_format", ["csv", "jsonl", "parquet"])
def test_export_writes_each_format_and_it_reads_back(
    scored_db: Path, tmp_path: Path, export_format: str
) -> None:
    out = tmp_path / f"league.{export_format}"
    result = CliRunner().invoke(
        app, ["export", "--db", str(scored_db), "--format", export_format, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    reader = {"csv": pd.read_csv, "parquet": pd.read_parquet}.get(export_format)
    back = reader(out) if reader else pd.read_json(out, lines=True)
    with ResultStore(scored_db, read_only=True) as store:
        expected = league_table(store)
    assert list(back["name"]) == list(expected["name"])
    assert back["score"].tolist() == pytest.approx(expected["score"].tolist())
    assert render_league(expected, export_format)  # the same bytes the CLI wrote
    assert out.read_bytes() == render_league(expected, export_format)


def test_export_refuses_parquet_to_a_terminal_and_a_missing_database(tmp_path: Path) -> None:
    runner = CliRunner()
    parquet = runner.invoke(app, ["export", "--db", str(tmp_path / "x"), "--format", "parquet"])
    assert parquet.exit_code == 2 and "--out" in parquet.output
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.sqlite")])
    assert (
        missing.exit_code == 1 and "[A012]" in missing.output and "analyser batch" in missing.output
    )


def test_the_batch_command_prints_a_summary(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT_SPECS[:2])
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7 not really")
    db = tmp_path / "r.sqlite"
    result = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--fast"])
    assert result.exit_code == 0, result.output
    assert (
        "3 specs in" in result.stdout
        and "2 scored" in result.stdout
        and "1 failed" in result.stdout
    )
    assert "A003  damaged, encrypted or unreadable" in result.stdout
    assert "Broadest specs:" in result.stdout and TEXT_SPECS[0].name in result.stdout


# -- the database ---------------------------------------------------------------------------


def test_a_file_that_is_not_a_results_database_gets_a_coded_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some text " * 100)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    newer = tmp_path / "newer.sqlite"
    ResultStore(newer).close()
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    for path, words in ((text, "cannot be used"), (other, "not an analyser"), (newer, "newer")):
        with pytest.raises(Exception, match=r"^\[A012\]") as caught:
            ResultStore(path)
        assert words in str(caught.value)


def store_rows(db: Path) -> list:
    with ResultStore(db, read_only=True) as store:
        return store.records(reports=True)


def test_a_database_from_before_the_review_opens_and_gains_its_columns(tmp_path: Path) -> None:
    from analyser.batch import store as store_module

    db = tmp_path / "old.sqlite"
    schema = store_module._SCHEMA
    for column, kind in store_module._ADDED_COLUMNS:
        schema = schema.replace(f"    {column} {kind},\n", "")
    assert "n_defects" not in schema
    with sqlite3.connect(db) as old:
        old.executescript(schema)
        old.execute("PRAGMA user_version = 1")
        old.execute(
            "INSERT INTO specs (origin, name, status, analyser_version, settings_hash, score, "
            "created_at, updated_at) VALUES ('a.txt', 'a.txt', 'scored', '0.1.0', 'x', 40.0, "
            "'t', 't')"
        )
    with ResultStore(db, read_only=True) as store:  # read as it is
        (row,) = league_table(store).itertuples()
        assert row.name == "a.txt" and pd.isna(row.n_with_defects)
    with ResultStore(db) as store:  # opened to write: upgraded in place
        assert store.records()[0].n_defects is None
    with sqlite3.connect(db) as upgraded:
        columns = {row[1] for row in upgraded.execute("PRAGMA table_info(specs)")}
        (version,) = upgraded.execute("PRAGMA user_version").fetchone()
    assert {"n_defects", "risks_missing", "missing_checks"} <= columns and version == 2
