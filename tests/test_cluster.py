from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from analyser.breadth.cluster import class_keywords, cluster_problems
from analyser.records import Requirement

SETTINGS = {
    "merge_similarity": 0.5,
    "term_overlap": 0.6,
    "min_problem_share": 0.05,
    "min_problem_size": 3,
}


def _blobs(n_centers: int, n_per: int = 12, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    # well-separated directions on the unit sphere, so cosine similarity separates the groups
    centers = np.eye(16)[:n_centers] * 10
    vectors, truth = make_blobs(
        n_samples=n_centers * n_per, centers=centers, cluster_std=1.5, random_state=seed
    )
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), truth


def _requirements(truth: np.ndarray) -> list[Requirement]:
    return [
        Requirement(
            id=f"R{i:03d}",
            text=f"requirement {i}",
            section="",
            kind="functional",
            terms=(f"topic{label}", "common"),
        )
        for i, label in enumerate(truth)
    ]


@pytest.mark.parametrize("n_centers", [1, 2, 3, 5])
def test_recovers_generated_problems(n_centers: int) -> None:
    vectors, truth = _blobs(n_centers)
    problems = cluster_problems(_requirements(truth), vectors, **SETTINGS)
    assert len(problems) == n_centers
    predicted = np.empty(len(truth), dtype=int)
    for problem in problems:
        for rid in problem.requirement_ids:
            predicted[int(rid[1:])] = problem.id
    assert adjusted_rand_score(truth, predicted) == pytest.approx(1.0)


def test_small_groups_join_the_nearest_problem() -> None:
    vectors, truth = _blobs(2)
    stray = np.eye(16)[[5]]  # one requirement unlike any other
    problems = cluster_problems(
        _requirements(np.append(truth, 9)), np.vstack([vectors, stray]), **SETTINGS
    )
    assert len(problems) == 2
    assert sum(len(p.requirement_ids) for p in problems) == len(truth) + 1


def test_labels_name_what_sets_a_problem_apart() -> None:
    vectors, truth = _blobs(3)
    problems = cluster_problems(_requirements(truth), vectors, **SETTINGS)
    assert sorted(p.keywords[0] for p in problems) == ["topic0", "topic1", "topic2"]
    assert all("common" not in p.keywords[:1] for p in problems)


def test_labels_do_not_repeat_a_word_in_the_plural() -> None:
    vectors, truth = _blobs(2)
    every, half = {1: ("pcn", "pcns"), 0: ("permit", "permits")}, {1: ("appeal",), 0: ("zone",)}
    requirements = [
        Requirement(
            id=f"R{i:03d}",
            text="t",
            section="",
            kind="functional",
            terms=every[label] + (half[label] if i % 2 else ()),
        )
        for i, label in enumerate(truth)
    ]
    labels = sorted(p.label for p in cluster_problems(requirements, vectors, **SETTINGS))
    assert labels == ["Pcn and appeal", "Permit and zone"]


def test_class_keywords_prefer_phrases_and_distinct_terms() -> None:
    keywords = class_keywords(
        [[("permit", "parking permit", "fee")] * 3, [("bin", "collection", "fee")] * 3]
    )
    assert keywords[0][0] == "parking permit"
    assert keywords[1][0] in ("bin", "collection")


@settings(max_examples=25, deadline=None)
@given(n_centers=st.integers(1, 4), seed=st.integers(0, 10_000), data=st.data())
def test_partition_properties(n_centers: int, seed: int, data: st.DataObject) -> None:
    """Each requirement is in exactly one problem; shuffling does not change the problems."""
    vectors, truth = _blobs(n_centers, n_per=8, seed=seed)
    requirements = _requirements(truth)
    problems = cluster_problems(requirements, vectors, **SETTINGS)
    ids = [rid for p in problems for rid in p.requirement_ids]
    assert sorted(ids) == sorted(r.id for r in requirements)
    order = data.draw(st.permutations(range(len(requirements))))
    shuffled = cluster_problems([requirements[i] for i in order], vectors[list(order)], **SETTINGS)
    assert {frozenset(p.requirement_ids) for p in shuffled} == {
        frozenset(p.requirement_ids) for p in problems
    }


def test_groups_sharing_domain_terms_are_one_problem() -> None:
    """Two semantic themes about the same things (loans, holds of library items) are one problem;
    a theme about other things (payroll) stays apart."""
    vectors, truth = _blobs(3)
    domain = {
        0: ("item", "borrower", "loan"),
        1: ("item", "borrower", "hold"),
        2: ("salary", "employee", "tax"),
    }
    requirements = [
        Requirement(id=f"R{i:03d}", text="t", section="", kind="functional", terms=domain[label])
        for i, label in enumerate(truth)
    ]
    problems = cluster_problems(requirements, vectors, **{**SETTINGS, "term_overlap": 0.5})
    assert sorted(len(p.requirement_ids) for p in problems) == [12, 24]
    apart = cluster_problems(requirements, vectors, **{**SETTINGS, "term_overlap": 0.9})
    assert len(apart) == 3
