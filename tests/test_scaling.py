"""Large specs: above ``EXACT_LIMIT`` clustering and scoring run in linear memory, and agree with
the exact algorithms they stand in for."""

from __future__ import annotations

import itertools
import tracemalloc

import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from analyser.breadth.cluster import EXACT_LIMIT, assign_groups, cluster_problems
from analyser.breadth.embed import TfidfEmbedder
from analyser.breadth.score import EXACT_LIMIT as SCORE_EXACT_LIMIT
from analyser.breadth.score import (
    mean_pairwise_distance,
    mean_similarity_from_sums,
    measure_signals,
)
from analyser.config import AnalyserConfig
from analyser.language.segment import segment
from analyser.records import Block, Problem, Requirement, SpecDocument, SpecSource

_TOPICS = {
    "library": (
        ("borrower", "librarian", "member", "reader", "branch clerk"),
        ("renew", "reserve", "return", "lend", "recall", "search", "request", "suspend"),
        ("loan", "book", "hold", "fine", "catalogue entry", "overdue item", "membership card"),
        (
            "at the branch",
            "before the due date",
            "for a lost book",
            "in the catalogue",
            "online",
            "by post",
        ),
    ),
    "payroll": (
        ("employee", "payroll officer", "accountant", "manager", "auditor"),
        ("calculate", "deduct", "approve", "pay", "withhold", "adjust", "export", "audit"),
        ("salary", "tax", "pension", "overtime", "bonus", "payslip", "expense claim"),
        (
            "each month",
            "for the fiscal year",
            "after the pay run",
            "to the tax office",
            "by bank transfer",
            "for part-time staff",
        ),
    ),
    "parking": (
        ("resident", "enforcement officer", "driver", "visitor", "warden"),
        ("issue", "cancel", "appeal", "validate", "display", "renew", "tow", "charge"),
        ("parking permit", "penalty notice", "car park", "bay", "vehicle", "meter", "zone"),
        (
            "on the street",
            "in the controlled zone",
            "by number plate",
            "overnight",
            "at the kerb",
            "during match days",
        ),
    ),
}


def _topic_requirements(n_per_topic: int) -> tuple[list[Requirement], np.ndarray]:
    """``n_per_topic`` distinct requirements in each of three vocabularies, and their topics."""
    requirements, truth = [], []
    for topic, (actors, verbs, objects, tails) in enumerate(_TOPICS.values()):
        combinations = itertools.product(actors, verbs, objects, tails)
        for actor, verb, obj, tail in itertools.islice(combinations, n_per_topic):
            text = f"The {actor} can {verb} the {obj} {tail}."
            requirements.append(
                Requirement(
                    id=f"R{len(requirements):05d}",
                    text=text,
                    section="",
                    kind="functional",
                    terms=(*actor.split(), *obj.split()),
                )
            )
            truth.append(topic)
    return requirements, np.array(truth)


def _predicted(problems: tuple[Problem, ...], n_rows: int) -> np.ndarray:
    labels = np.full(n_rows, -1)
    for problem in problems:
        for rid in problem.requirement_ids:
            labels[int(rid[1:])] = problem.id
    return labels


def _unit_rows(n_rows: int, seed: int, *, dtype: type = np.float64) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n_rows, 24)) + 0.2
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(dtype)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_linear_mean_similarity_equals_the_pairwise_one(seed: int) -> None:
    vectors = _unit_rows(400, seed)
    similarities = vectors @ vectors.T
    pairwise = (similarities.sum() - np.trace(similarities)) / (400 * 399)
    assert mean_similarity_from_sums(vectors) == pytest.approx(pairwise, abs=1e-12)


def test_signals_of_a_large_spec_are_the_pairwise_ones() -> None:
    """Above the limit, spread and separation come from sums; they are the same numbers."""
    n_rows = EXACT_LIMIT + 200
    vectors = _unit_rows(n_rows, 3)
    requirements = [
        Requirement(id=f"R{i:05d}", text="t", section="", kind="functional") for i in range(n_rows)
    ]
    labels = np.arange(n_rows) % 3
    problems = tuple(
        Problem(id=p, label="", keywords=(), requirement_ids=tuple(f"R{i:05d}" for i in rows))
        for p, rows in enumerate(np.flatnonzero(labels == p) for p in range(3))
    )
    signals = measure_signals(requirements, problems, vectors, full_problem_size=12)
    similarities = vectors @ vectors.T
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    separation = similarities[same].mean() - similarities[labels[:, None] != labels].mean()
    assert signals.separation == round(float(separation), 3)
    spread = 1.0 - similarities[~np.eye(n_rows, dtype=bool)].mean()
    assert mean_pairwise_distance(vectors) == pytest.approx(spread, abs=1e-12)
    assert signals.spread == round(float(spread), 3)


@pytest.mark.parametrize("seed", [0, 1])
def test_linkage_on_singleton_micro_clusters_is_the_exact_algorithm(seed: int) -> None:
    centres = np.eye(16)[:4] * 4
    vectors, _ = make_blobs(n_samples=240, centers=centres, cluster_std=1.8, random_state=seed)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    settings = {"merge_similarity": 0.3, "min_size": 12}
    exact = assign_groups(vectors, **settings)
    scaled = assign_groups(vectors, **settings, exact_limit=0, n_micro_clusters=len(vectors))
    assert np.array_equal(exact, scaled)


@pytest.fixture(scope="module")
def large_spec() -> tuple[list[Requirement], np.ndarray, np.ndarray]:
    requirements, truth = _topic_requirements(1_500)
    vectors = TfidfEmbedder().embed([r.text for r in requirements])
    return requirements, vectors, truth


def test_a_large_spec_recovers_its_problems_without_an_n_by_n_matrix(large_spec) -> None:
    requirements, vectors, truth = large_spec
    assert len(requirements) > EXACT_LIMIT
    config = AnalyserConfig(embedder="tfidf")
    settings = {
        "merge_similarity": config.merge_threshold,
        "term_overlap": config.term_threshold,
        "min_problem_share": config.min_problem_share,
        "min_problem_size": config.problem_size,
    }
    tracemalloc.start()
    try:
        problems = cluster_problems(requirements, vectors, **settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(requirements) ** 2 * 4  # less than one float32 n × n matrix
    assert len(problems) == 3
    assert adjusted_rand_score(truth, _predicted(problems, len(requirements))) > 0.95
    order = np.random.default_rng(0).permutation(len(requirements))
    shuffled = cluster_problems([requirements[i] for i in order], vectors[order], **settings)
    assert {frozenset(p.requirement_ids) for p in shuffled} == {
        frozenset(p.requirement_ids) for p in problems
    }


def test_a_paragraph_without_line_breaks_is_parsed_in_pieces(nlp) -> None:
    """A paragraph of 60,000 characters (a spec without line breaks) still gives every sentence."""
    sentences = [
        f"The system shall record permit number {i} for the resident." for i in range(1000)
    ]
    paragraph = Block(kind="paragraph", text=" ".join(sentences), section=("3 Requirements",))
    source = SpecSource(name="one-line.txt", sha256="0", format="txt")
    segments = segment(SpecDocument(source=source, blocks=(paragraph,)), nlp)
    assert len(paragraph.text) > 50_000
    assert [s.text for s in segments] == sentences


def test_scoring_and_clustering_switch_to_linear_methods_at_the_same_size() -> None:
    """score may not import cluster, so each names the limit; the two must agree, or a spec
    between them would be scored over the n × n matrix that clustering avoided."""
    assert SCORE_EXACT_LIMIT == EXACT_LIMIT
