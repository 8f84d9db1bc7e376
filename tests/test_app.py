"""The app page, headless (Streamlit AppTest): real models, real sample specs."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import REPO, SAMPLES

EXPECTED = json.loads((SAMPLES / "expected.json").read_text())


def _found(expected: dict) -> int:
    return expected.get("n_problems_found", expected["n_problems"])


OVER_BROAD = sorted(name for name, e in EXPECTED.items() if e["verdict"] == "over-broad")[0]


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
    assert int(metrics["Business problems"]) == _found(EXPECTED[OVER_BROAD])
    assert "distinct business problems" in page.markdown[1].value or any(
        "distinct business problems" in m.value for m in page.markdown
    )
    assert int(metrics["Actors"]) >= 3 and int(metrics["External systems"]) >= 1
    # one "All N requirements" list per problem, and the actors and systems named
    assert len(page.expander) == _found(EXPECTED[OVER_BROAD]) + 1
    assert len(page.get("download_button")) == 3


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


def test_portfolio_page_says_how_to_score_many_specs(page: AppTest) -> None:
    page.sidebar.radio(key="page").set_value("Portfolio").run()
    assert not page.exception
    assert page.title[0].value == "Portfolio"
    assert "analyser analyse" in page.info[0].value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_spec_shows_its_verdict(page: AppTest, name: str) -> None:
    page.sidebar.selectbox(key="sample").select(name).run()
    assert not page.exception
    metrics = {metric.label: metric.value for metric in page.metric}
    assert metrics["Verdict"] == EXPECTED[name]["verdict"]
    assert int(metrics["Business problems"]) == _found(EXPECTED[name])
