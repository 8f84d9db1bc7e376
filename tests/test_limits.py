"""The reading budget: each limit stops a real read with A013 and says how to raise it, in the
library, the CLI, the batch and the app; a read runs in a child process that is stopped, not
waited for."""

from __future__ import annotations

import pickle
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from analyser import (
    AnalyserConfig,
    ReadBudget,
    ReadBudgetError,
    ResultStore,
    read_spec,
    read_spec_with_cost,
    run_batch,
)
from analyser.cli.commands import app
from analyser.errors import ConfigError, SpecReadError

from .conftest import REPO, SAMPLES

PDF = SAMPLES / "outpatients-rostering-and-pharmacy.pdf"
FAST = AnalyserConfig(embedder="tfidf")


def test_a_budget_error_crosses_processes_with_its_limit_and_one_code() -> None:
    error = ReadBudgetError("Reading 'a.pdf' was stopped.", limit="pages")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.limit, copy.code, str(copy)) == ("pages", "A013", str(error))
    assert str(pickle.loads(pickle.dumps(SpecReadError("damaged")))) == "[A003] damaged"


def test_limits_are_validated() -> None:
    with pytest.raises(ConfigError):
        ReadBudget(seconds=0)
    with pytest.raises(ConfigError):
        ReadBudget(pages=0)
    with pytest.raises(ConfigError, match="PDF reader"):
        AnalyserConfig(pdf_reader="poppler")


def test_the_budget_and_the_default_reader_leave_the_settings_hash_alone() -> None:
    base = AnalyserConfig().settings_hash()
    assert AnalyserConfig(budget=ReadBudget(seconds=5, pages=3)).settings_hash() == base
    assert AnalyserConfig(pdf_reader="pypdf").settings_hash() != base


def test_a_read_reports_its_cost() -> None:
    document, cost = read_spec_with_cost(PDF)
    assert document.blocks and 0 < cost.seconds < 60 and cost.peak_mb > 10


def test_memory_past_the_limit_stops_the_reader_in_its_own_process(tmp_path: Path) -> None:
    """150 MB of text may not become a document within 120 MB of new memory: the child is
    stopped (its address space is capped, and the parent watches it), this process goes on."""
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The system shall record the permit.\n" * 4_300_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadBudgetError, match="--max-memory") as raised:
        read_spec(path, budget=ReadBudget(memory_mb=200, characters=10**9))
    assert raised.value.limit == "memory"
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert growth_mb < 400  # the file's bytes, not the reader's work


def test_a_file_larger_than_the_memory_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(ReadBudgetError, match="3 MB") as raised:
        read_spec(path, budget=ReadBudget(memory_mb=2))
    assert raised.value.limit == "memory"


def test_the_cli_names_the_limit_and_the_flag_that_raises_it() -> None:
    result = CliRunner().invoke(app, ["analyse", str(PDF), "--fast", "--max-pages", "1"])
    assert result.exit_code == 1
    assert "[A013]" in result.stderr and "--max-pages 2" in result.stderr
    assert "Traceback" not in result.stderr
    result = CliRunner().invoke(app, ["analyse", str(PDF), "--fast", "--pdf-reader", "pypdf"])
    assert result.exit_code == 0, result.stderr


def test_the_batch_records_a_file_over_budget_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / PDF.name).write_bytes(PDF.read_bytes())
    (folder / "library-loans.md").write_bytes((SAMPLES / "library-loans.md").read_bytes())
    config = AnalyserConfig(embedder="tfidf", budget=ReadBudget(pages=1))
    with ResultStore(tmp_path / "results.sqlite") as store:
        summary = run_batch([folder], store, config=config)
    assert (summary.scored, summary.failed) == (1, 1)
    with sqlite3.connect(tmp_path / "results.sqlite") as db:
        code, message = db.execute(
            "SELECT error_code, error_message FROM specs WHERE status = 'failed'"
        ).fetchone()
    assert code == "A013" and "--max-pages" in message


def test_the_app_applies_its_reading_limits() -> None:
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=240).run()
    page.number_input(key="analyse_max_pages").set_value(1).run()
    page.sidebar.selectbox(key="sample").select(PDF.name).run()
    assert not page.exception
    assert any("[A013]" in error.value and "Reading limits" in error.value for error in page.error)
    page.number_input(key="analyse_max_pages").set_value(2000).run()
    assert not page.error
    assert {metric.label for metric in page.metric} >= {"Verdict"}


def test_a_coded_error_crosses_from_the_reading_child_whatever_pickles_exceptions() -> None:
    """distributed (a Dask batch) installs tblib's exception picklers, which carry an error's
    cause: lxml's cannot be pickled, so only the coded error may travel from the child."""
    script = (
        "import analyser, tblib.pickling_support as tb; tb.install()\n"
        "from analyser import SpecReadError, read_spec\n"
        "try:\n"
        "    read_spec('broken.reqif', data=b'<REQ-IF><THE-HEADER>', name='broken.reqif')\n"
        "except SpecReadError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert "[A003] 'broken.reqif' is not well-formed XML" in result.stdout
