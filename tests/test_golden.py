"""Golden reports for every sample spec, and the verdict each sample is written to have.

A golden file is rewritten only on purpose: ``pytest tests/test_golden.py --update-golden``;
review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser import SUPPORTED_SUFFIXES, Analyser, to_json

from .conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden"
EXPECTED: dict[str, dict] = json.loads((SAMPLES / "expected.json").read_text())


@pytest.fixture(scope="module")
def reports(analyser: Analyser) -> dict[str, dict]:
    return {name: json.loads(to_json(analyser.analyse_path(SAMPLES / name))) for name in EXPECTED}


def test_every_sample_spec_has_an_expectation() -> None:
    samples = {p.name for p in SAMPLES.iterdir() if p.suffix in SUPPORTED_SUFFIXES}
    assert samples == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_spec_gets_its_expected_verdict(
    name: str, reports: dict[str, dict], request: pytest.FixtureRequest
) -> None:
    breadth = reports[name]["breadth"]
    expected = EXPECTED[name]
    if "known_miss" in expected:  # a spec the analyser is known to get wrong, and why
        request.applymarker(pytest.mark.xfail(strict=True, reason=expected["known_miss"]))
    # Where the analyser finds fewer or more problems than the author wrote, expected.json says
    # so (``n_problems_found``) and why (``note``); the verdict must be the author's. A spec it
    # still gets wrong says why in ``known_miss`` and fails here as expected until it is fixed
    # (strict: the day it passes, the entry must go).
    assert (breadth["verdict"], breadth["n_problems"]) == (
        expected["verdict"],
        expected.get("n_problems_found", expected["n_problems"]),
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_report(name: str, reports: dict[str, dict], request: pytest.FixtureRequest) -> None:
    path = GOLDEN / f"{name}.json"
    actual = reports[name]
    if request.config.getoption("--update-golden") or not path.exists():
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"wrote the missing golden file {path.name}; review and commit it")
    assert actual == json.loads(path.read_text(encoding="utf-8"))
