"""The scope review: the delivery risks a procurement board looks for, and how the requirements
are written.

``review_requirements`` adds the one defect rule that needs a requirement's kind (a quality
with no measure) to the defects the language stage found; ``build_review`` runs the
delivery-risk checks over the document's statements and sums the defects. Both are pure
functions of records; the pipeline calls them after the requirements are classified and
grouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from analyser.records import Report, Requirement, Review, RuleCount
from analyser.review.catalogue import CHECKS, CHECKS_BY_ID, RULES, RULES_BY_ID, Check, Rule
from analyser.review.checks import Statement, run_checks, statements_of
from analyser.review.measures import unmeasurable_quality

__all__ = [
    "CHECKS",
    "CHECKS_BY_ID",
    "RULES",
    "RULES_BY_ID",
    "Check",
    "Rule",
    "Statement",
    "build_review",
    "review_requirements",
    "statements_of",
]


def review_requirements(requirements: Sequence[Requirement]) -> tuple[Requirement, ...]:
    """The requirements with the quality-without-a-measure defect added where it applies."""
    reviewed = []
    for requirement in requirements:
        defect = unmeasurable_quality(requirement)
        if defect is not None:
            defects = tuple(sorted((*requirement.defects, defect), key=lambda d: d.start))
            requirement = replace(requirement, defects=defects)
        reviewed.append(requirement)
    return tuple(reviewed)


def build_review(report: Report, statements: Sequence[Statement]) -> Review:
    """The delivery-risk checks and the count of requirements with each kind of defect."""
    counts = []
    for rule in RULES:
        n = sum(1 for r in report.requirements if any(d.rule == rule.id for d in r.defects))
        counts.append(RuleCount(rule=rule.id, requirements=n, experimental=rule.experimental))
    return Review(
        checks=run_checks(report, statements),
        rule_counts=tuple(counts),
        requirements_with_defects=sum(1 for r in report.requirements if r.defects),
    )
