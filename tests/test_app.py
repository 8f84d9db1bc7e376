"""The app page, headless (Streamlit AppTest): real models, real sample specs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyser import AnalyserConfig
from analyser.batch.run import run_batch
from analyser.batch.store import ResultStore

from .conftest import REPO, SAMPLES

EXPECTED = json.loads((SAMPLES / "expected.json").read_text())
# What the library says of each sample (tests/test_golden.py holds it to that, and to the
# author's verdict): the app must show the library's result.
GOLDEN = {
    name: json.loads((REPO / "tests" / "golden" / f"{name}.json").read_text())["breadth"]
    for name in EXPECTED
}
OVER_BROAD = sorted(
    name for name, e in EXPECTED.items() if e["verdict"] == GOLDEN[name]["verdict"] == "over-broad"
)[0]


@pytest.fixture
def page() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=240).run()


def test_page_starts_with_a_prompt(page: AppTest) -> None:
    assert not page.exception
    assert page.title[0].value == "Scope-creep analyser"
    assert "pick a sample spec" in page.info[0].value
    assert OVER_BROAD in page.sidebar.selectbox[0].options


def test_picking_a_sample_shows_verdict_reasons_and_problems(page: AppTest) -> None:
    page.sidebar.selectbox(key="sample").select(OVER_BROAD).run()
    assert not page.exception
    metrics = {metric.label: metric.value for metric in page.metric}
    assert metrics["Verdict"] == "over-broad"
    assert int(metrics["Business problems"]) == GOLDEN[OVER_BROAD]["n_problems"]
    assert "distinct business problems" in page.markdown[1].value or any(
        "distinct business problems" in m.value for m in page.markdown
    )
    assert int(metrics["Actors"]) >= 3 and int(metrics["External systems"]) >= 1
    # one "All N requirements" list per problem, the actors and systems named, and the
    # evidence of each of the review's five checks
    assert len(page.main.expander) == GOLDEN[OVER_BROAD]["n_problems"] + 1 + 5
    assert [e.label for e in page.sidebar.expander] == ["Reading limits"]
    # the report (JSON, Markdown, CSV) and the review (Word, Markdown)
    assert len(page.get("download_button")) == 5


def test_fast_mode_toggle_reanalyses(page: AppTest) -> None:
    page.sidebar.selectbox(key="sample").select(OVER_BROAD).run()
    page.sidebar.toggle(key="fast").set_value(True).run()
    assert not page.exception
    assert {metric.label for metric in page.metric} >= {"Verdict", "Breadth score"}


def _problems(page: AppTest) -> int:
    return int({m.label: m.value for m in page.metric}["Business problems"])


def test_granularity_regroups_the_same_requirements(page: AppTest) -> None:
    page.sidebar.selectbox(key="sample").select(OVER_BROAD).run()
    default = _problems(page)
    requirements = {m.label: m.value for m in page.metric}["Requirements"]
    page.sidebar.select_slider(key="granularity").set_value(-2).run()
    assert not page.exception
    fewest = _problems(page)
    page.sidebar.select_slider(key="granularity").set_value(2).run()
    most = _problems(page)
    assert fewest <= default <= most and fewest < most
    assert {m.label: m.value for m in page.metric}["Requirements"] == requirements


def test_requirements_table_filters_by_text_and_problem(page: AppTest) -> None:
    page.sidebar.selectbox(key="sample").select(OVER_BROAD).run()
    table = page.dataframe[-1].value
    word = max(table["requirement"].iloc[0].split(), key=len).strip(".,;:()")
    page.text_input(key="f_text").input(word).run()
    assert not page.exception
    shown = page.dataframe[-1].value
    assert 0 < len(shown) < len(table)
    assert shown["requirement"].str.contains(word, case=False, regex=False).all()
    page.text_input(key="f_text").input("").run()
    first_problem = page.multiselect(key="f_problem").options[0]
    page.multiselect(key="f_problem").select(first_problem).run()
    assert set(page.dataframe[-1].value["problem"]) == {first_problem}


def test_review_shows_the_risks_and_filters_the_defects_by_rule_and_problem(page: AppTest) -> None:
    page.sidebar.selectbox(key="sample").select(OVER_BROAD).run()
    assert any(m.value == "### Review" for m in page.markdown)
    risks = next(d.value for d in page.dataframe if "check" in d.value.columns)
    assert list(risks["check"])[0] == "Business need and measurable outcomes"
    assert set(risks["status"]) <= {"present", "weak", "missing"}
    defects = next(d.value for d in page.dataframe if "span" in d.value.columns)
    rule = defects["rule"].value_counts().index[-1]  # the rarest rule, so the filter bites
    page.multiselect(key="d_rule").select(rule).run()
    assert not page.exception
    shown = next(d.value for d in page.dataframe if "span" in d.value.columns)
    assert 0 < len(shown) < len(defects) and set(shown["rule"]) == {rule}
    # the spans are highlighted in the statements above the table
    assert any(":orange-background[**" in m.value for m in page.markdown)
    problem = page.multiselect(key="d_problem").options[0]
    page.multiselect(key="d_problem").select(problem).run()
    both = next(d.value for d in page.dataframe if "span" in d.value.columns)
    assert set(both["problem"]) <= {problem} and set(both["rule"]) <= {rule}


def _portfolio(monkeypatch: pytest.MonkeyPatch, db: Path) -> AppTest:
    monkeypatch.setenv("ANALYSER_DB", str(db))
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=240).run()
    page.switch_page("ui/portfolio.py").run()
    assert not page.exception
    return page


def test_portfolio_without_a_database_says_how_to_make_one_and_scores_the_samples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = _portfolio(monkeypatch, tmp_path / "none.sqlite")
    assert page.title[0].value == "Portfolio"
    assert "analyser batch" in page.info[0].value
    page.button(key="score_samples").click().run()
    assert not page.exception
    league = page.dataframe[0].value
    verdict_of = dict(zip(league["spec"], league["verdict"], strict=True))
    assert {name: verdict_of[name] for name in EXPECTED} == {
        name: g["verdict"] for name, g in GOLDEN.items()
    }
    assert list(league["score"]) == sorted(league["score"], reverse=True)
    assert page.get("vega_lite_chart"), "the score distribution is drawn"
    broadest = league.iloc[0]
    assert page.selectbox(key="drill").value == str(SAMPLES / broadest["spec"])
    metrics = {metric.label: metric.value for metric in page.metric}
    assert metrics["Verdict"] == broadest["verdict"]
    assert int(metrics["Business problems"]) == broadest["n_problems"]


def test_portfolio_reads_a_batch_database_and_drills_down(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    names = sorted(n for n in EXPECTED if n.endswith((".md", ".txt")))[:3]
    for name in names:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7 not really")
    db = tmp_path / "results.sqlite"
    with ResultStore(db) as store:
        run_batch([folder], store, config=AnalyserConfig(embedder="tfidf"))
        ranked = [row.name for row in store.records(status="scored")]
    page = _portfolio(monkeypatch, db)
    metrics = {metric.label: metric.value for metric in page.metric}
    assert (int(metrics["Specs scored"]), int(metrics["Not scored"])) == (3, 1)
    assert list(page.dataframe[0].value["spec"]) == ranked
    last = str(folder / ranked[-1])
    page.selectbox(key="drill").select(last).run()
    assert not page.exception
    report_rows = page.dataframe[-1].value  # the drilled-down spec's requirements
    with ResultStore(db, read_only=True) as store:
        report = store.report(last)
    assert list(report_rows["id"]) == [r.id for r in report.requirements]
    assert page.get("download_button"), "the drilled-down report can be downloaded"


def test_portfolio_explains_a_file_that_is_not_a_results_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("just some notes, not a database " * 50)
    page = _portfolio(monkeypatch, db)
    assert "[A012]" in page.error[0].value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_spec_shows_its_verdict(page: AppTest, name: str) -> None:
    page.sidebar.selectbox(key="sample").select(name).run()
    assert not page.exception
    metrics = {metric.label: metric.value for metric in page.metric}
    assert metrics["Verdict"] == GOLDEN[name]["verdict"]
    assert int(metrics["Business problems"]) == GOLDEN[name]["n_problems"]


SERIES = json.loads((SAMPLES / "versions" / "expected.json").read_text())


def _compare(series: str) -> AppTest:
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=300).run()
    page.switch_page("ui/compare.py").run()
    assert "two or more versions" in page.info[0].value
    page.sidebar.selectbox(key="series").select(series).run()
    assert not page.exception
    return page


def test_compare_page_shows_a_creeping_series_as_growth_step_by_step() -> None:
    page = _compare("creep")
    expected = SERIES["creep"]
    overall = page.warning[0].value
    assert overall.startswith("**Overall: Scope grew: +3 business problems")
    assert f"verdict {expected['verdicts'][0]} → {expected['verdicts'][-1]}" in overall
    steps = page.selectbox(key="step").options
    assert steps[0].endswith("(overall)") and len(steps) == 1 + len(expected["steps"])
    assert page.get("vega_lite_chart"), "the timeline and the two maps are drawn"
    metrics = {m.label: (m.value, m.delta) for m in page.metric}
    assert metrics["Business problems"] == (str(expected["n_problems"][-1]), "3")
    page.selectbox(key="step").select(steps[1]).run()  # v1 → v2
    metrics = {m.label: (m.value, m.delta) for m in page.metric}
    assert metrics["Business problems"] == (str(expected["n_problems"][1]), "1")
    diff = page.dataframe[-1].value
    assert set(diff["change"]) <= {"added", "removed", "modified"}  # unchanged hidden by default
    page.multiselect(key="c_kind").set_value(["added"]).run()
    added = page.dataframe[-1].value
    assert len(added) > 0 and set(added["change"]) == {"added"}
    assert all(added["old id"] == "")


def test_compare_page_reports_rewording_as_no_growth_and_descoping_as_shrinking() -> None:
    reworded = _compare("reworded")
    assert reworded.success[0].value.startswith("**No growth in scope")
    assert not [box for box in reworded.selectbox if box.key == "step"]  # two versions: one step
    descoped = _compare("descoped")
    assert descoped.info[0].value.startswith("**Overall: Scope shrank: −2 business problems")
