"""The orchestrator end to end on inputs made here: a requirements export and uploaded bytes."""

from __future__ import annotations

import pytest

from analyser import Analyser, EmptySpecError, read_spec

from .conftest import SAMPLES

ROWS = [
    ("PK-1", "Residents can apply for a parking permit online"),
    ("PK-2", "The system shall check the vehicle registration with the licensing agency"),
    ("PK-3", "Visitors permits are bought in books of ten sessions"),
    ("PK-4", "Officers must be able to revoke a permit and record the reason"),
    ("PK-5", "The service shall respond within 2 seconds for 95% of requests"),
]


def test_a_csv_export_is_one_requirement_per_row(analyser: Analyser) -> None:
    text = "Req ID,Description,Priority\n" + "".join(f'{i},"{t}",High\n' for i, t in ROWS)
    report = analyser.analyse_bytes(text.encode(), name="permits.csv")
    assert report.source.format == "csv"
    assert [r.id for r in report.requirements] == [i for i, _ in ROWS]
    assert {r.id: r.kind for r in report.requirements}["PK-5"] == "quality"
    functional = [r for r in report.requirements if r.kind == "functional"]
    assert all(r.problem == 0 for r in functional) and report.breadth.verdict == "focused"


def test_a_document_without_requirements_is_a_coded_error(analyser: Analyser) -> None:
    text = b"Minutes of the meeting\n\nThe committee discussed parking in the town centre."
    with pytest.raises(EmptySpecError, match=r"^\[A004\] No requirements found in 'minutes.txt'"):
        analyser.analyse_bytes(text, name="minutes.txt")


class _CountingEmbedder:
    """The real embedder, counting how many texts it is asked to embed."""

    def __init__(self, base) -> None:
        self.base, self.name, self.texts = base, base.name, 0

    def embed(self, texts):
        self.texts += len(texts)
        return self.base.embed(texts)


def test_regroup_changes_granularity_without_reembedding(analyser) -> None:
    counting = _CountingEmbedder(analyser.embedder)
    local = Analyser(analyser.config, nlp=analyser.nlp, embedder=counting)
    document = read_spec(SAMPLES / "unified-citizen-platform.docx")
    analysis = local.examine_document(document)
    n_functional = sum(r.kind == "functional" for r in analysis.report.requirements)
    assert analysis.coordinates.shape == (n_functional, 2)
    embedded = counting.texts
    counts = {g: len(local.regroup(analysis, granularity=g).report.problems) for g in (-2, 0, 2)}
    assert counting.texts == embedded  # no text embedded again
    assert counts[-2] <= counts[0] <= counts[2] and counts[-2] < counts[2]
    same = local.regroup(analysis, granularity=0).report
    assert same == analysis.report
    coarse = local.regroup(analysis, granularity=-2)
    assert [r.text for r in coarse.report.requirements] == [
        r.text for r in analysis.report.requirements
    ]
    assert coarse.report.settings.settings_hash != analysis.report.settings.settings_hash


def test_representatives_are_members_nearest_the_centre(analyser) -> None:
    analysis = analyser.examine_document(read_spec(SAMPLES / "library-loans.md"))
    problem = analysis.report.problems[0]
    gist = analysis.representatives(problem.id, n=3)
    assert len(gist) == 3 and set(gist) <= set(problem.requirement_ids)
    assert analysis.representatives(problem.id, n=1) == gist[:1]
