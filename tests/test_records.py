from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.records import (
    Breadth,
    Concern,
    Location,
    Problem,
    Report,
    Requirement,
    Settings,
    Signals,
    SpecSource,
    SplitPart,
)
from analyser.report import from_json, to_json

_text = st.text(min_size=1, max_size=40)
_ids = st.text(alphabet="ABCDEFGR-0123456789.", min_size=1, max_size=10)
_locations = st.builds(
    Location,
    page=st.none() | st.integers(1, 999),
    line=st.none() | st.integers(1, 9999),
    row=st.none() | st.integers(1, 9999),
)
_requirements = st.builds(
    Requirement,
    id=_ids,
    text=_text,
    section=_text,
    kind=st.sampled_from(["functional", "quality"]),
    category=st.none() | st.sampled_from(["security", "performance"]),
    pattern=st.sampled_from(["modal", "ears"]),
    location=_locations,
    terms=st.lists(_text, max_size=3).map(tuple),
    problem=st.none() | st.integers(0, 9),
    quality_aspect=st.none() | st.sampled_from(["security", "usability"]),
)
_signals = st.builds(
    Signals,
    n_requirements=st.integers(0, 999),
    n_functional=st.integers(0, 999),
    n_quality=st.integers(0, 99),
    n_problems=st.integers(0, 9),
    effective_problems=st.floats(0, 9),
    largest_share=st.floats(0, 1),
    spread=st.floats(0, 2),
    separation=st.floats(-1, 1),
)
_reports = st.builds(
    Report,
    source=st.builds(
        SpecSource,
        name=_text,
        sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
        format=st.sampled_from(["txt", "pdf", "docx"]),
    ),
    requirements=st.lists(_requirements, max_size=5).map(tuple),
    problems=st.lists(
        st.builds(
            Problem,
            id=st.integers(0, 9),
            label=_text,
            keywords=st.lists(_text, max_size=3).map(tuple),
            requirement_ids=st.lists(_ids, max_size=3).map(tuple),
            sections=st.lists(_text, max_size=2).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    concerns=st.lists(
        st.builds(Concern, category=_text, requirement_ids=st.lists(_ids, max_size=3).map(tuple)),
        max_size=2,
    ).map(tuple),
    breadth=st.builds(
        Breadth,
        score=st.floats(0, 100),
        verdict=st.sampled_from(["focused", "borderline", "over-broad"]),
        n_problems=st.integers(0, 9),
        reasons=st.lists(_text, max_size=3).map(tuple),
        split=st.lists(
            st.builds(
                SplitPart,
                name=_text,
                problem_ids=st.lists(st.integers(0, 9), max_size=3).map(tuple),
                n_requirements=st.integers(0, 99),
            ),
            max_size=2,
        ).map(tuple),
        signals=st.none() | _signals,
    ),
    settings=st.builds(
        Settings,
        embedder=st.sampled_from(["minilm", "tfidf"]),
        analyser_version=_text,
        settings_hash=_text,
    ),
    title=st.none() | _text,
)


@settings(max_examples=60, deadline=None)
@given(_reports)
def test_report_json_round_trip(report: Report) -> None:
    assert from_json(to_json(report)) == report
    assert json.loads(to_json(report))["schema_version"] == "1"


def test_a_report_written_before_quality_aspect_reads_back() -> None:
    golden = sorted((Path(__file__).parent / "golden").glob("*.json"))[0]
    data = json.loads(golden.read_text(encoding="utf-8"))
    for requirement in data["requirements"]:
        requirement.pop("quality_aspect", None)
    report = from_json(json.dumps(data))
    assert len(report.requirements) == len(data["requirements"]) > 0
    assert all(r.quality_aspect is None for r in report.requirements)
