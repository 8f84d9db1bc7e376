"""What the review's rules and checks are: names, the standards they map to, what to do.

Data only. Each defect rule names the INCOSE *Guide to Writing Requirements* rules it serves
(numbers and short names) and the ISO/IEC/IEEE 29148 characteristics of a well-formed
requirement it protects; the texts of both belong to their owners and are not copied here.
``experimental`` marks a rule that did not reach precision and recall of 0.8 on held-out specs
(docs/review.md, *How well it works*; docs/EVALUATION.md, section 7).
"""

from __future__ import annotations

from dataclasses import dataclass

from analyser.records import CheckId, CheckStatus, DefectRule


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    id: DefectRule
    name: str
    incose: tuple[str, ...]  # "R7 Vague terms", …
    iso29148: tuple[str, ...]  # characteristics of an individual requirement
    rewrite: str  # the pattern to rewrite towards
    experimental: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    id: CheckId
    name: str
    question: str
    topics: tuple[str, ...] = ()
    advice: dict[CheckStatus, str]


RULES: tuple[Rule, ...] = (
    Rule(
        id="vague-term",
        name="Vague term",
        incose=("R7 Vague terms",),
        iso29148=("unambiguous", "verifiable"),
        rewrite="Replace the word with the measure it stands for: 'easy to use' → 'a first-time "
        "applicant completes the form unaided in 10 minutes'.",
        experimental=True,
    ),
    Rule(
        id="escape-clause",
        name="Escape clause",
        incose=("R8 Escape clauses",),
        iso29148=("verifiable", "unambiguous"),
        rewrite="Delete the clause, or state the condition under which the obligation does not "
        "apply: 'where possible' → 'for cases created after go-live'.",
    ),
    Rule(
        id="open-ended",
        name="Open-ended list",
        incose=("R9 Open-ended clauses",),
        iso29148=("complete", "verifiable"),
        rewrite="Close the list: name every item, or point to the table that does "
        "('the formats in Annex B').",
    ),
    Rule(
        id="multiple",
        name="Several requirements in one",
        incose=("R18 Single thought sentence", "R19 Combinators"),
        iso29148=("singular",),
        rewrite="One obligation per statement: split 'shall record X and notify Y' into two "
        "numbered requirements.",
    ),
    Rule(
        id="passive-no-actor",
        name="Passive, no actor",
        incose=("R2 Active voice",),
        iso29148=("unambiguous", "complete"),
        rewrite="Name who does it, as the subject: 'Applications shall be validated' → 'The "
        "system shall validate each application against …'.",
    ),
    Rule(
        id="comparative",
        name="Comparative without reference",
        incose=("R7 Vague terms", "R34 Measurable performance"),
        iso29148=("verifiable", "unambiguous"),
        rewrite="Give the reference point and the amount: 'faster' → 'in under 2 seconds, "
        "against 8 seconds today'.",
        experimental=True,
    ),
    Rule(
        id="pronoun",
        name="Unclear pronoun",
        incose=("R24 Pronouns",),
        iso29148=("unambiguous",),
        rewrite="Repeat the noun the pronoun stands for: 'send it to them' → 'send the notice "
        "to the applicant'.",
        experimental=True,
    ),
    Rule(
        id="unmeasurable-quality",
        name="Quality without a measure",
        incose=("R34 Measurable performance",),
        iso29148=("verifiable",),
        rewrite="Add the measure and the condition: 'perform well' → '95 % of searches return "
        "in under 2 seconds with 200 concurrent users'.",
        experimental=True,
    ),
)

CHECKS: tuple[Check, ...] = (
    Check(
        id="business-need",
        name="Business need and measurable outcomes",
        question="Does the spec say why the system is wanted, and how success will be measured?",
        topics=("need", "outcome"),
        advice={
            "present": "Keep the need and the outcome measures with the tender, and trace each "
            "part of the system to them.",
            "weak": "State both the problem the system solves and at least one measurable "
            "outcome (a baseline and a target), so bids can be judged against them.",
            "missing": "Add a statement of the business need and measurable outcomes before "
            "going to market: the spec only says what the system does, not why.",
        },
    ),
    Check(
        id="users",
        name="Named users who take part",
        question="Are the user groups named, and do users take part in design, testing or "
        "acceptance?",
        topics=("named users", "involvement"),
        advice={
            "present": "Keep the named user groups in design, testing and acceptance through "
            "delivery.",
            "weak": "Name the user groups for each problem and require their part in design, "
            "testing and acceptance (user research, user acceptance testing by them).",
            "missing": "Name who will use the system and how they take part in its design and "
            "acceptance; a spec written without its users is a known cause of failure.",
        },
    ),
    Check(
        id="information",
        name="Information sharing and management",
        question="Does the spec deal with data ownership, retention, exchange with other "
        "bodies, data quality and migration?",
        topics=("ownership", "retention", "exchange", "quality", "migration"),
        advice={
            "present": "Check the data requirements with the data protection officer and the "
            "bodies the data is exchanged with.",
            "weak": "Add requirements for the topics not covered; information sharing and "
            "management left out of a spec returns as change requests.",
            "missing": "Add requirements for who owns the data, how long it is kept, what is "
            "exchanged with other bodies, its quality, and how existing data is migrated.",
        },
    ),
    Check(
        id="change",
        name="Change and adoption",
        question="Does the spec deal with training, business-process change, transition and "
        "decommissioning?",
        topics=("training", "process change", "transition", "decommissioning"),
        advice={
            "present": "Plan and fund the business change with the system, not after it.",
            "weak": "Add the change work not covered: a system delivered without the change "
            "in how people work treats change as technology only.",
            "missing": "Add training, process change, transition and decommissioning; the spec "
            "treats the change as technology only.",
        },
    ),
    Check(
        id="parts",
        name="Each part has its own need, users and outcomes",
        question="Does each proposed part of the system have a need, users and an outcome of "
        "its own?",
        advice={
            "present": "Each part can be procured on its own case: keep the need, users and "
            "outcomes with each lot.",
            "weak": "Give each proposed part its own need and outcome; a part without them is "
            "hard to justify and to accept.",
            "missing": "At least one proposed part has no stated need or outcome: ask whether it "
            "is needed at all before procuring it.",
        },
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
CHECKS_BY_ID: dict[str, Check] = {check.id: check for check in CHECKS}
