"""Document structure and business objects as evidence (cluster, evidence, roles)."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.breadth.cluster import (
    TRANSACTION_TERMS,
    cluster_problems,
    merge_by_objects,
    object_shares,
    structural_units,
)
from analyser.breadth.evidence import distinctions
from analyser.records import Problem, Requirement

SETTINGS = {
    "merge_similarity": 0.5,
    "term_overlap": 0.2,
    "min_problem_share": 0.05,
    "min_problem_size": 3,
}


def _req(rid: str, path: tuple[str, ...] = ("Spec",), terms: tuple[str, ...] = (), **kw):
    return Requirement(
        id=rid, text=f"text {rid}", section=path[-1], section_path=path, kind="functional",
        terms=terms, **kw,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        # a shared title and "3 Functional requirements" are skipped: the chapters below count
        (
            [("T", "3 Req", "3.1 Loans"), ("T", "3 Req", "3.2 Fines"), ("T", "3 Req", "3.2 Fines")],
            ("3.1 Loans", "3.2 Fines", "3.2 Fines"),
        ),
        # one chapter that holds nearly everything is divided by its sub-sections
        (
            [("T", "2 Background")] + [("T", "3 Req", f"3.{i % 2} S") for i in range(9)],
            ("2 Background",) + tuple(f"3 Req / 3.{i % 2} S" for i in range(9)),
        ),
        ([("T",), ("T",)], None),
    ],
)
def test_structural_units_are_the_writers_coarsest_division(paths, expected) -> None:
    requirements = [_req(f"R{i}", path) for i, path in enumerate(paths)]
    assert structural_units(requirements) == expected


def test_id_letters_are_units_when_there_are_no_chapters() -> None:
    requirements = [_req(f"BEN-{i:02d}") for i in range(4)] + [_req(f"PAY-{i}") for i in range(3)]
    assert structural_units(requirements) == ("BEN",) * 4 + ("PAY",) * 3
    assert structural_units([_req(f"REQ-{i}") for i in range(6)]) is None  # one series


def test_structure_holds_a_chapter_together_against_weak_meaning() -> None:
    # two chapters of four; requirements across the chapters are a little more alike (0.56)
    # than within them (0.50), too little for meaning alone to be sure of either
    n = 8
    chapter = np.array([0] * 4 + [1] * 4)
    gram = np.where(chapter[:, None] == chapter[None, :], 0.50, 0.56)
    np.fill_diagonal(gram, 1.0)
    vectors = np.linalg.cholesky(gram)  # rows with exactly these cosine similarities
    paths = [("T", "2 Boats")] * 4 + [("T", "3 Floods")] * 4
    requirements = [_req(f"R{i}", paths[i], terms=(f"word{i}",)) for i in range(n)]
    settings = {**SETTINGS, "merge_similarity": 0.58, "min_problem_size": 4}
    plain = cluster_problems(requirements, vectors, **settings, object_share=0.5)
    structured = cluster_problems(
        requirements, vectors, **settings, structure_weight=0.1, object_share=0.5
    )
    chapters = [{"R0", "R1", "R2", "R3"}, {"R4", "R5", "R6", "R7"}]
    assert [set(p.requirement_ids) for p in plain] != chapters
    assert sorted((set(p.requirement_ids) for p in structured), key=min) == chapters


def test_groups_acting_on_one_object_merge_but_transaction_words_do_not_glue() -> None:
    labels = np.array([0, 0, 1, 1, 2, 2])
    requirements = [
        _req("A1", terms=("object", "loan")), _req("A2", terms=("object", "valuation")),
        _req("B1", terms=("object", "image")), _req("B2", terms=("object",)),
        _req("C1", terms=("payment", "boat")), _req("C2", terms=("account", "boat")),
    ]  # fmt: skip
    merged = merge_by_objects(labels, requirements, object_share=0.5)
    assert merged[0] == merged[2] != merged[4]
    assert {"payment", "account"} <= TRANSACTION_TERMS


def test_actor_words_are_not_objects() -> None:
    group = [_req("A", terms=("angler", "licence"), actors=("angler",))]
    shares = object_shares([group, group])
    assert shares.shape == (2, 1) and shares[0, 0] == 1.0  # only "licence" is left


def test_distinctions_name_what_only_one_problem_has() -> None:
    requirements = [
        _req(f"B{i}", ("T", "2 Boats"), terms=("boat",), actors=("boat owner",), objects=("boat",))
        for i in range(3)
    ] + [
        _req(f"F{i}", ("T", "3 Floods"), terms=("flood",), actors=("resident",),
             objects=("flood warning",))
        for i in range(3)
    ]  # fmt: skip
    problems = [
        Problem(id=0, label="Boat", keywords=(), requirement_ids=("B0", "B1", "B2")),
        Problem(id=1, label="Flood", keywords=(), requirement_ids=("F0", "F1", "F2")),
    ]
    boats, floods = distinctions(problems, requirements)
    assert (boats.sections, boats.actors, boats.objects) == (("2 Boats",), ("boat owner",),
                                                             ("boat",))  # fmt: skip
    assert floods.objects == ("flood", "flood warning")  # terms and objects, most named first
    assert "sections 2 Boats" in boats.sentence("Boat") and "acts on boat" in boats.sentence("B")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As a customer, I want to register my boat online.", {"boat"}),
        ("The system shall renew the rod licence every year.", {"rod licence"}),
        ("Each loan shall be recorded with its due date.", {"loan"}),
        ("Anglers shall be able to pay for a licence by card.", {"licence"}),
    ],
)
def test_business_objects_are_what_the_verbs_act_on(nlp, text: str, expected: set[str]) -> None:
    from analyser.language.roles import business_objects

    assert expected <= set(business_objects(nlp(text)[:]))
