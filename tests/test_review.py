"""The scope review: each defect rule on statements written to show it (real spaCy), the
delivery-risk checks on small specs, and the review in the report, Markdown, JSON and Word."""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from analyser import (
    CHECKS,
    RULES,
    Analyser,
    from_json,
    review_docx,
    review_markdown,
    review_to_json,
    to_csv,
    to_json,
    to_markdown,
)
from analyser.errors import ReportFormatError
from analyser.language.defects import span_defects

from .conftest import SAMPLES


def _found(nlp, text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.quote) for d in span_defects(nlp(text)[:])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The portal shall be user-friendly and easy to use.",
         [("vague-term", "user-friendly"), ("vague-term", "easy")]),
        ("Records shall be archived as appropriate.",
         [("passive-no-actor", "shall be archived"), ("escape-clause", "as appropriate")]),
        ("The portal shall accept documents (PDF, Word, etc.).", [("open-ended", "etc.")]),
        ("The system shall accept formats including but not limited to PDF and CSV.",
         [("open-ended", "including but not limited to")]),
        ("The system shall record the visit and notify the owner.", [("multiple", "and notify")]),
        ("Employees shall be able to view and download their payslips.",
         [("multiple", "and download")]),
        ("As a resident, I want to cancel or move my appointment so that the slot is freed.",
         [("multiple", "or move")]),
        ("Applications shall be validated.", [("passive-no-actor", "shall be validated")]),
        ("The new system shall process claims faster.", [("comparative", "faster")]),
        ("It shall notify them when this happens.",
         [("pronoun", "It"), ("pronoun", "them"), ("pronoun", "this")]),
        ("The system shall respond in a timely manner.", [("vague-term", "timely")]),
    ],
)  # fmt: skip
def test_each_rule_finds_its_defect_and_its_span(nlp, text, expected) -> None:
    assert sorted(_found(nlp, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Applications shall be validated by the case officer.",  # the actor is named
        "The system shall record the name, address and date of birth.",  # one verb, a list
        "The system shall respond in less than 2 seconds.",  # a comparative with an amount
        "The applicant shall see their own applications.",  # one noun it can stand for
        "The system shall notify the officer promptly, within 2 working days.",  # pinned down
        "The system shall be available 99.9% of the time.",
        "When a licence will expire within 60 days, the system shall notify the holder.",
        "Staff shall make reasonable adjustments for disabled applicants.",  # a legal term
        "As a resident, I want to report a pothole so that it is fixed quickly.",  # the reason
        "It shall be possible to export the register to CSV.",  # a dummy "it", not a reference
    ],
)
def test_a_well_written_statement_has_no_defect(nlp, text) -> None:
    assert _found(nlp, text) == []


def test_offsets_point_into_the_statement_even_inside_a_longer_block(nlp) -> None:
    doc = nlp("1.1 Background. The system shall issue permits etc. as required.")
    span = list(doc.sents)[-1]
    text = span.text.strip()
    for defect in span_defects(span, text):
        assert text[defect.start : defect.end] == defect.quote


def test_every_rule_and_check_maps_to_the_standards_and_says_what_to_do() -> None:
    assert {rule.id for rule in RULES} == {
        "vague-term", "escape-clause", "open-ended", "multiple", "passive-no-actor",
        "comparative", "pronoun", "unmeasurable-quality",
    }  # fmt: skip
    for rule in RULES:
        assert rule.incose and all(ref.startswith("R") for ref in rule.incose)
        assert set(rule.iso29148) <= {
            "necessary", "appropriate", "unambiguous", "complete", "singular", "feasible",
            "verifiable", "correct", "conforming",
        }  # fmt: skip
        assert rule.rewrite
    assert [check.id for check in CHECKS] == [
        "business-need", "users", "information", "change", "parts",
    ]  # fmt: skip
    for check in CHECKS:
        assert set(check.advice) == {"present", "weak", "missing"}


COVERED = b"""1 Background
Officers currently re-key every application from paper forms, and decisions take up to 20
working days. The programme aims to reduce the average decision time from 20 to 5 working days
by March 2027.

2 Requirements
The system shall let a licensing officer record each application against the applicant.
The system shall let a licensing officer issue the licence to the applicant.
Licensing officers shall take part in user acceptance testing before go-live.
The Council is the data controller and owns all data held in the system.
Personal data shall be retained for 6 years after the licence ends and then deleted.
The system shall send licence details to the police through the national licensing hub.
The supplier shall migrate 12,000 existing licence records from the legacy database.
The supplier shall provide training for licensing officers before go-live.
The legacy database shall be decommissioned within 3 months of go-live.
"""

BARE = b"""Requirements
The system shall let a licensing officer record each application against the applicant.
The system shall let a licensing officer issue the licence to the applicant.
The system shall print the licence on A4 paper.
"""


def _checks(fast_analyser: Analyser, text: bytes) -> dict[str, object]:
    report = fast_analyser.analyse_bytes(text, name="spec.txt")
    assert report.review is not None
    return {check.id: check for check in report.review.checks}


def test_a_spec_that_covers_the_delivery_risks_passes_the_checks(fast_analyser) -> None:
    checks = _checks(fast_analyser, COVERED)
    assert {cid: c.status for cid, c in checks.items()} == {
        "business-need": "present", "users": "present", "information": "present",
        "change": "present", "parts": "present",
    }  # fmt: skip
    information = checks["information"]
    assert set(information.topics) == {"ownership", "retention", "exchange", "migration"}
    assert information.missing_topics == ("quality",)
    # the evidence quotes the requirements, with their ids
    retention = [e for e in information.evidence if e.topic == "retention"]
    assert retention and retention[0].requirement_id and "6 years" in retention[0].text


def test_a_spec_that_says_only_what_the_system_does_is_flagged(fast_analyser) -> None:
    checks = _checks(fast_analyser, BARE)
    assert checks["business-need"].status == "missing"
    assert checks["information"].status == "missing"
    assert checks["change"].status == "missing"
    assert checks["users"].status == "weak"  # named, but not taking part
    assert checks["information"].missing_topics == (
        "ownership", "retention", "exchange", "quality", "migration",
    )  # fmt: skip
    assert "Add requirements" in checks["information"].recommendation


def test_quality_without_a_measure_is_a_defect_with_a_measure_it_is_not(fast_analyser) -> None:
    text = b"""Requirements
The system shall let an officer record each inspection.
The system shall perform well under load.
The system shall respond to searches within 2 seconds for 95% of requests.
"""
    report = fast_analyser.analyse_bytes(text, name="q.txt")
    rules = {r.text: {d.rule for d in r.defects} for r in report.requirements}
    assert "unmeasurable-quality" in rules["The system shall perform well under load."]
    assert (
        "unmeasurable-quality"
        not in rules["The system shall respond to searches within 2 seconds for 95% of requests."]
    )


@pytest.fixture(scope="module")
def sample_report(analyser):
    return analyser.analyse_path(SAMPLES / "county-council-customer-programme.md")


def test_the_review_is_part_of_the_json_report_and_reads_back(sample_report) -> None:
    data = json.loads(to_json(sample_report))
    assert {c["id"] for c in data["review"]["checks"]} == {c.id for c in CHECKS}
    assert any(r["defects"] for r in data["requirements"])
    assert from_json(to_json(sample_report)) == sample_report


def test_the_review_renders_as_json_markdown_csv_and_word(sample_report) -> None:
    review = json.loads(review_to_json(sample_report))
    assert review["verdict"] == sample_report.breadth.verdict
    first = review["defects"][0]
    assert first["text"][first["start"] : first["end"]] == first["quote"]
    markdown = review_markdown(sample_report)
    assert "## Delivery risks" in markdown and "R7 Vague terms" in markdown
    assert "## Review: " in to_markdown(sample_report)
    assert "defects" in to_csv([sample_report]).splitlines()[0]
    document = docx.Document(io.BytesIO(review_docx(sample_report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Delivery risks" in text and "Requirement defects" in text
    highlighted = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert first["quote"] in highlighted
    assert len(document.tables) == 2


def test_a_report_from_before_the_review_says_so(sample_report) -> None:
    old = json.loads(to_json(sample_report))
    del old["review"]
    for requirement in old["requirements"]:
        del requirement["defects"]
    report = from_json(json.dumps(old))
    assert report.review is None and "## Review" not in to_markdown(report)
    with pytest.raises(ReportFormatError, match="no scope review"):
        review_markdown(report)


def test_regrouping_reviews_the_new_parts(analyser) -> None:
    analysis = analyser.examine_document(
        analyser.read(SAMPLES / "ministry-integrated-operations.md")
    )
    for granularity in (-2, 2):
        regrouped = analyser.regroup(analysis, granularity=granularity).report
        assert regrouped.review is not None
        parts = regrouped.review.checks[-1].parts
        assert [p.name for p in parts] == [s.name for s in regrouped.breadth.split]
        # the requirement defects do not depend on the grouping
        assert [r.defects for r in regrouped.requirements] == [
            r.defects for r in analysis.report.requirements
        ]
    names = {
        tuple(s.name for s in analyser.regroup(analysis, granularity=g).report.breadth.split)
        for g in (-2, 0, 2)
    }
    assert len(names) > 1  # the grouping did change, so the parts were reviewed again


# -- the gold set and the shipping rule ---------------------------------------------------


def test_the_gold_set_is_consistent() -> None:
    from bench.evaluation import review as gold

    batches = [None, *gold.HELD_OUT_BATCHES]
    for batch in batches:
        specs = gold.gold_specs(batch)
        assert specs, batch
        checks = gold._checks_gold(batch)
        assert set(checks) == set(specs), batch  # every labelled spec has its checks labelled
        for name in specs:
            assert gold.spec_path(name).is_file()
            assert {c["status"] for c in checks[name].values()} <= {"present", "weak", "missing"}
            if batch is None:
                assert gold.half_of(name) in ("dev", "test")
        rules = {rule.id for rule in RULES}
        for line in gold._gold_lines(batch):
            entry = json.loads(line)
            for defect in entry["defects"]:
                assert defect["rule"] in rules and defect["quote"] in entry["text"]


def test_every_shipped_rule_reaches_its_bar_on_the_held_out_specs(analyser) -> None:
    """The shipping rule (docs/review.md): precision and recall of 0.8 on specs written and
    labelled after the rules were last changed; the checks must beat keyword presence there."""
    from bench.evaluation import review as gold

    scores = gold.evaluate(analyser, gold.HELD_OUT)
    assert scores.unmatched == 0  # extraction still finds every labelled requirement
    for rule in RULES:
        if not rule.experimental:
            tally = scores.rules[rule.id]
            assert tally.precision >= 0.8 and tally.recall >= 0.8, rule.id
    right = sum(c["right"] for c in scores.checks.values())
    baseline = sum(c["right"] for c in scores.check_baseline.values())
    assert right > baseline
