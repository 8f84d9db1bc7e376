"""The functional/quality classifier: its rule, its document adaptation, its packaged weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analyser import Analyser, AnalyserConfig, read_spec
from analyser.breadth.embed import packaged_centre
from analyser.errors import ConfigError, ModelError
from analyser.language.kind import (
    CUE_NAMES,
    KindModel,
    adapt_to_document,
    centre_sha256,
    classify_kinds,
    load_kind_model,
)
from analyser.records import Requirement


def _requirement(text: str, section: tuple[str, ...] = ("3 Requirements",), **kw) -> Requirement:
    return Requirement(
        id=str(abs(hash(text)) % 10_000),
        text=text,
        section=section[-1] if section else "",
        section_path=section,
        kind=kw.pop("kind", "functional"),
        **kw,
    )


def _model(cue: str, weight: float, *, intercept: float = 2.0) -> KindModel:
    """A classifier that reads one cue only: it makes the rule testable on its own."""
    coef = np.zeros(4 + len(CUE_NAMES))
    coef[4 + CUE_NAMES.index(cue)] = weight
    categories = ("performance", "security", "usability")
    return KindModel(
        function_coef=coef,
        function_intercept=intercept,
        calibration=(1.0, 0.0),
        threshold=0.5,
        categories=categories,  # type: ignore[arg-type]
        category_coef=np.zeros((3, coef.size)),
        category_intercept=np.array([0.0, 1.0, 0.0]),  # always security
        centre_sha256="test",
    )


def test_a_mostly_functional_document_lifts_its_borderline_requirements() -> None:
    mostly_functional = np.array([0.95] * 18 + [0.45, 0.05])
    adapted = adapt_to_document(mostly_functional)
    assert adapted[18] > 0.5 > mostly_functional[18]  # the borderline one becomes functional
    assert adapted[19] < 0.5  # a clear quality stays one
    balanced = np.array([0.9, 0.1, 0.8, 0.2])
    assert np.allclose(adapt_to_document(balanced), balanced, atol=0.01)


def test_a_one_requirement_document_stays_near_even_odds() -> None:
    # with the Beta(1, 1) prior one requirement moves the share estimate to 1/3 … 2/3 at most
    def at_share(p: float, share: float) -> float:
        odds = share / (1 - share)
        return odds * p / (odds * p + 1 - p)

    for p in (0.05, 0.4, 0.6, 0.95):
        adapted = adapt_to_document(np.array([p]))[0]
        assert at_share(p, 1 / 3) - 1e-6 <= adapted <= at_share(p, 2 / 3) + 1e-6
    assert adapt_to_document(np.array([0.05] * 40))[0] < 0.05  # a long all-quality list


def test_a_mostly_quality_document_keeps_its_clear_functions() -> None:
    # one step, not iterated to convergence: a list of 73 qualities and 20 clear functions
    # keeps the functions (iterating drove such a PROMISE project to no functions at all)
    probability = np.array([0.2] * 73 + [0.8] * 20)
    assert int((adapt_to_document(probability) >= 0.5).sum()) == 20


def test_the_rule_maps_the_flags_to_kind_aspect_and_category() -> None:
    model = _model("verb states a property", -6.0)
    found = classify_kinds(
        (
            _requirement("The system shall be secure."),
            _requirement("The system shall record each payment."),
            # functional, and the lexicon read a quality in it: it keeps the aspect
            _requirement("The system shall encrypt each uploaded file.", category="security"),
        ),
        np.zeros((3, 4)),
        model,
    )
    assert [(r.kind, r.category, r.quality_aspect) for r in found] == [
        ("quality", "security", "security"),
        ("functional", None, None),
        ("functional", None, "security"),
    ]


def test_a_heading_that_names_a_quality_section_decides() -> None:
    model = _model("has a number", 0.0)  # calls everything functional
    found = classify_kinds(
        (
            _requirement(
                "The system shall record each payment.", ("4 Non-functional requirements",)
            ),
            _requirement("The system shall record each payment.", ("4 Performance",)),
            _requirement("The system shall log water samples.", ("5 Water quality sampling",)),
        ),
        np.zeros((3, 4)),
        model,
    )
    assert [r.kind for r in found] == ["quality", "functional", "functional"]
    assert found[0].category == "security" and found[1].quality_aspect is None
    # the heading names the category of a quality: "4 Performance" under a quality chapter
    nested = classify_kinds(
        (
            _requirement(
                "The system shall cope.", ("4 Non-functional requirements", "4.1 Performance")
            ),
        ),
        np.zeros((1, 4)),
        model,
    )
    assert (nested[0].kind, nested[0].category) == ("quality", "performance")


def test_the_packaged_classifier_reads_real_requirements(nlp) -> None:
    text = (
        b"3 Requirements\n"
        b"The portal shall respond to 95% of searches within 2 seconds.\n"
        b"The system shall let a library clerk renew a loan for a borrower.\n"
        b"The system shall let a borrower reserve a book that is on loan.\n"
        b"The system shall send a borrower a reminder before a loan is due.\n"
        b"The system shall record a fine when a book is returned late.\n"
    )
    trained = Analyser(AnalyserConfig(kinds="trained"), nlp=nlp)
    analysis = trained.examine_document(read_spec("library.txt", data=text, name="library.txt"))
    report = analysis.report
    # every requirement was embedded to decide its kind; the functional ones' rows are kept
    assert analysis.vectors.shape == (4, 384)
    kinds = [(r.kind, r.category) for r in report.requirements]
    assert kinds[0] == ("quality", "performance")
    assert all(kind == ("functional", None) for kind in kinds[1:])
    lexicon = Analyser(AnalyserConfig(), nlp=nlp).analyse_bytes(text, name="library.txt")
    assert lexicon.settings.settings_hash != report.settings.settings_hash


def test_the_weights_were_trained_against_the_shipped_centre() -> None:
    model = load_kind_model()
    assert model.centre_sha256 == centre_sha256(packaged_centre())
    assert model.function_coef.shape == (384 + len(CUE_NAMES),)
    assert model.category_coef.shape == (len(model.categories), 384 + len(CUE_NAMES))


def test_unreadable_weights_are_a_coded_model_error(tmp_path: Path) -> None:
    path = tmp_path / "kind.json"
    path.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ModelError, match="make train-kind") as caught:
        load_kind_model(path)
    assert caught.value.code == ModelError.code


def test_weights_for_another_centre_are_refused(nlp, tmp_path: Path) -> None:
    weights = json.loads(Path(__import__("analyser_kind").WEIGHTS_PATH).read_text("utf-8"))
    weights["centre_sha256"] = "0" * 64
    path = tmp_path / "kind.json"
    path.write_text(json.dumps(weights), encoding="utf-8")
    analyser = Analyser(AnalyserConfig(kinds="trained"), nlp=nlp, kind_model=load_kind_model(path))
    with pytest.raises(ModelError, match="another embedding centre"):
        _ = analyser.kind_model


def test_kinds_setting_is_checked_and_the_fast_mode_keeps_the_lexicon() -> None:
    with pytest.raises(ConfigError, match="kinds"):
        AnalyserConfig(kinds="oracle")
    assert not AnalyserConfig().trained_kinds  # the lexicon is the default
    assert AnalyserConfig(kinds="trained").trained_kinds
    assert not AnalyserConfig(embedder="tfidf", kinds="trained").trained_kinds


def test_the_training_script_reproduces_the_packaged_weights(shared_data: Path) -> None:
    from bench.evaluation.train_kinds import fit, training_set

    packaged = json.loads(Path(__import__("analyser_kind").WEIGHTS_PATH).read_text("utf-8"))
    chosen = packaged["training"]
    model = fit(
        training_set(shared_data),
        function_c=chosen["function_c"],
        category_c=chosen["category_c"],
        centre=centre_sha256(packaged_centre()),
    )
    assert np.allclose(model.function_coef, packaged["function"]["coef"], atol=1e-3)
    assert np.allclose(model.calibration, packaged["function"]["calibration"], atol=1e-3)
    assert np.allclose(model.category_coef, packaged["category"]["coef"], atol=1e-3)
