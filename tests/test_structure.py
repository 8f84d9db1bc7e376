"""Document structure and business objects as evidence (cluster, evidence, roles)."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.breadth.cluster import cluster_problems
from analyser.breadth.evidence import distinctions
from analyser.breadth.micro import merge_small
from analyser.breadth.units import (
    TRANSACTION_TERMS,
    merge_units,
    object_shares,
    split_by_units,
    structural_units,
    unit_coherence,
)
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


def _two_themes(within: float, across: float, per: int) -> np.ndarray:
    """Unit rows in two blocks of ``per``: cosine ``within`` inside a block, ``across`` between."""
    block = np.repeat([0, 1], per)
    gram = np.where(block[:, None] == block[None, :], within, across)
    np.fill_diagonal(gram, 1.0)
    return np.linalg.cholesky(gram)  # rows with exactly these cosine similarities


def test_chapters_that_act_on_different_things_separate_where_meaning_merged_them() -> None:
    # two services written in one template: meaning alone (0.30 across ≥ 0.2) makes one group
    vectors = _two_themes(0.75, 0.30, per=4)
    paths = [("T", "2 Boats")] * 4 + [("T", "3 Floods")] * 4
    terms = [("boat", "mooring")] * 4 + [("flood", "warning")] * 4
    requirements = [_req(f"R{i}", paths[i], terms=terms[i]) for i in range(8)]
    settings = {**SETTINGS, "merge_similarity": 0.2, "min_problem_size": 4}
    plain = cluster_problems(requirements, vectors, **settings)
    structured = cluster_problems(requirements, vectors, **settings, unit_objects=0.3,
                                  unit_similarity=0.5, unit_coherence=0.6)  # fmt: skip
    assert len(plain) == 1
    assert sorted((set(p.requirement_ids) for p in structured), key=min) == [
        {"R0", "R1", "R2", "R3"}, {"R4", "R5", "R6", "R7"}]  # fmt: skip
    # the same chapters acting on the same objects are one problem (a product's features)
    shared = [_req(f"R{i}", paths[i], terms=("licence", f"w{i}")) for i in range(8)]
    assert len(cluster_problems(shared, vectors, **settings, unit_objects=0.3,
                                unit_similarity=0.5, unit_coherence=0.6)) == 1  # fmt: skip


def test_units_that_do_not_hold_together_in_meaning_are_ignored() -> None:
    # chapters by requirement type: every chapter holds both themes, so units tell nothing
    vectors = _two_themes(0.75, 0.30, per=4)
    paths = [("T", "2 Functions"), ("T", "3 Interfaces")] * 4
    requirements = [_req(f"R{i}", paths[i], terms=(f"w{i}",)) for i in range(8)]
    units = np.array([i % 2 for i in range(8)])
    assert unit_coherence(units, vectors) == pytest.approx(1.0, abs=0.2)
    labels = np.zeros(8, dtype=int)
    split = split_by_units(labels, requirements, vectors, min_size=4, objects=0.3,
                           similarity=0.5, coherence=0.6)  # fmt: skip
    assert split.tolist() == labels.tolist()
    blocks = np.repeat([0, 1], 4)
    assert unit_coherence(blocks, vectors) == pytest.approx(0.30 / 0.75)


def test_unit_groups_acting_on_one_object_merge_but_transaction_words_do_not_glue() -> None:
    labels = np.array([0, 0, 1, 1, 2, 2])
    requirements = [
        _req("A1", terms=("object", "loan")), _req("A2", terms=("object", "valuation")),
        _req("B1", terms=("object", "image")), _req("B2", terms=("object",)),
        _req("C1", terms=("payment", "boat")), _req("C2", terms=("account", "boat")),
    ]  # fmt: skip
    vectors = np.eye(6)  # nothing alike in meaning
    merged = merge_units(labels, requirements, vectors, objects=0.5, similarity=0.5)
    assert merged[0] == merged[2] != merged[4]
    assert {"payment", "account"} <= TRANSACTION_TERMS
    # meaning alone can join two units too
    close = np.array([[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 2)
    assert len(set(merge_units(labels, requirements, close, objects=0.99, similarity=0.9))) == 2


def test_small_groups_join_the_group_they_are_most_alike() -> None:
    vectors = np.array([[1.0, 0.0]] * 3 + [[0.9, 0.436]] + [[0.0, 1.0]] * 3)
    labels = np.array([0, 0, 0, 1, 2, 2, 2])
    assert merge_small(labels, vectors, min_size=2).tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert merge_small(labels, vectors, min_size=1).tolist() == labels.tolist()


def test_actor_words_are_not_objects() -> None:
    group = [_req("A", terms=("angler", "licence"), actors=("angler",))]
    shares = object_shares([group, group])
    assert shares.shape == (2, 1) and shares[0, 0] == 1.0  # only "licence" is left
    # a persona's head word is the person; the word before it is what the service is about
    owner = [_req("B", terms=("boat", "owner"), actors=("boat owner",))]
    assert object_shares([owner]).shape == (1, 1)  # "boat" stays, "owner" goes


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
