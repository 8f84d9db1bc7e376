from __future__ import annotations

import pytest

from analyser.config import AnalyserConfig
from analyser.errors import ConfigError


@pytest.mark.parametrize(
    "changes",
    [
        {"embedder": "bert"},
        {"merge_similarity": 1.5},
        {"min_problem_share": 0.7},
        {"min_problem_size": 0},
        {"borderline_at": 5, "over_broad_at": 4},
        {"borderline_at": -1.0},
        {"granularity": 3},
    ],
)
def test_bad_settings_raise_coded_errors(changes: dict) -> None:
    with pytest.raises(ConfigError, match=r"^\[A007\]"):
        AnalyserConfig(**changes)


def test_settings_hash_changes_with_any_setting() -> None:
    base = AnalyserConfig()
    assert base.settings_hash() == AnalyserConfig().settings_hash()
    assert base.settings_hash() != base.with_changes(min_problem_size=5).settings_hash()
    assert base.settings_hash() == base.with_changes(threads=1).settings_hash()  # speed only
    assert base.with_changes(embedder="tfidf").merge_threshold != base.merge_threshold


@pytest.mark.parametrize("bad", [{"unit_objects": 0.0}, {"unit_objects": 1.5},
                                 {"unit_similarity": 1.0}, {"unit_coherence": 0.0}])  # fmt: skip
def test_the_structure_settings_are_validated(bad: dict) -> None:
    with pytest.raises(ConfigError):
        AnalyserConfig(**bad)
    assert AnalyserConfig(unit_objects=None).settings_hash() != AnalyserConfig().settings_hash()
