"""The embed stage with the real model: shapes, batching invariance, meaning, integrity."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import analyser_minilm
import numpy as np
import pytest

from analyser.breadth.embed import (
    EMBEDDERS,
    CentredEmbedder,
    MiniLMEmbedder,
    TfidfEmbedder,
    make_embedder,
)
from analyser.errors import ConfigError, ModelError

SENTENCES = [
    "The system shall let customers pay by card.",
    "Users must be able to pay with a credit card.",
    "Inspectors shall record bridge defects with a photo.",
    "Export.",
    "As a clerk, I want to scan a pallet barcode so that stock levels update at once, even when "
    "the warehouse network is down and the scanner has to queue its readings for later upload.",
    "Passwords shall be stored as salted hashes.",
    "",
]


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def test_rows_are_unit_float32_vectors_in_input_order(minilm: MiniLMEmbedder) -> None:
    vectors = minilm.embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    reversed_vectors = minilm.embed(SENTENCES[::-1])[::-1]
    np.testing.assert_allclose(vectors, reversed_vectors, atol=1e-5)


def test_no_texts_give_an_empty_matrix(minilm: MiniLMEmbedder) -> None:
    assert minilm.embed([]).shape == (0, 384)


def test_a_sentence_gets_the_same_vector_alone_or_in_any_batch(minilm: MiniLMEmbedder) -> None:
    """Padding, length sorting and batch boundaries (70 texts: 3 batches) change nothing."""
    crowd = [f"Req {i}: " + "the operator shall log each change " * (i % 9) for i in range(69)]
    texts = [*crowd[:40], SENTENCES[4], *crowd[40:]]
    alone = minilm.embed([SENTENCES[4]])[0]
    in_batch = minilm.embed(texts)[40]
    assert float(alone @ in_batch) > 0.9999


def test_matches_the_fp32_sentence_transformers_model(minilm: MiniLMEmbedder) -> None:
    reference = json.loads(analyser_minilm.PARITY_REFERENCE_PATH.read_text(encoding="utf-8"))
    vectors = minilm.embed(reference["sentences"])
    cosines = np.sum(vectors * np.array(reference["embeddings"], dtype=np.float32), axis=1)
    assert cosines.min() > 0.999


@pytest.mark.parametrize(
    ("text", "paraphrase", "unrelated"),
    [
        (
            "The system shall let customers pay by card.",
            "Users must be able to pay with a credit card.",
            "Inspectors shall record bridge defects.",
        ),
        (
            "An account shall be locked after five failed logins.",
            "Block the user after repeated wrong passwords.",
            "Invoices shall show VAT per line.",
        ),
        (
            "The driver confirms delivery with the recipient's signature.",
            "Proof of delivery is captured as a signature on the handheld.",
            "The dashboard shows the monthly revenue.",
        ),
    ],
)
def test_paraphrases_are_closer_than_unrelated_texts(
    minilm: MiniLMEmbedder, text: str, paraphrase: str, unrelated: str
) -> None:
    anchor, near, far = minilm.embed([text, paraphrase, unrelated])
    assert anchor @ near > anchor @ far + 0.2


@pytest.fixture
def model_copy(tmp_path: Path) -> dict[str, Path]:
    return {
        "model": Path(shutil.copy(analyser_minilm.MODEL_PATH, tmp_path)),
        "tokenizer": Path(shutil.copy(analyser_minilm.TOKENIZER_PATH, tmp_path)),
    }


def _load(copy: dict[str, Path]) -> MiniLMEmbedder:
    return MiniLMEmbedder(
        threads=1,
        model_path=copy["model"],
        tokenizer_path=copy["tokenizer"],
        manifest=analyser_minilm.MANIFEST,
    )


def test_an_intact_copy_loads(model_copy: dict[str, Path]) -> None:
    assert _load(model_copy).embed(["Users shall log in."]).shape == (1, 384)


@pytest.mark.parametrize("damaged", ["model", "tokenizer"])
def test_a_damaged_file_is_refused(model_copy: dict[str, Path], damaged: str) -> None:
    path = model_copy[damaged]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"\[A006\].*sha256.*models/minilm"):
        _load(model_copy)


def test_a_missing_file_is_refused(model_copy: dict[str, Path]) -> None:
    model_copy["model"].unlink()
    with pytest.raises(ModelError, match="Cannot read the model file"):
        _load(model_copy)


def test_a_missing_model_package_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "analyser_minilm", None)  # makes the import fail
    with pytest.raises(ModelError, match="make setup"):
        MiniLMEmbedder()


def test_tfidf_is_deterministic_and_normalised() -> None:
    texts = [f"{sentence} Variant {i}." for i in range(3) for sentence in SENTENCES[:6]]
    first = TfidfEmbedder().embed(texts)
    assert first.dtype == np.float32
    assert first.shape == (18, 17)  # LSA to n - 1 dimensions
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(first, TfidfEmbedder().embed(texts))


@pytest.mark.parametrize(
    ("texts", "shape"),
    [
        ([], (0, 0)),
        # too few texts for LSA: sparse TF-IDF, 7 + 7 word 1-2-grams sharing "shall"
        (["Users shall pay by card.", "Staff shall approve refunds."], (2, 13)),
        (["The", "it is"], (2, 1)),  # stop words only
    ],
)
def test_tfidf_edge_shapes(texts: list[str], shape: tuple[int, int]) -> None:
    assert TfidfEmbedder().embed(texts).shape == shape


def test_make_embedder_builds_each_named_embedder() -> None:
    assert set(EMBEDDERS) == {"minilm", "tfidf"}
    assert isinstance(make_embedder("tfidf"), TfidfEmbedder)
    minilm = make_embedder("minilm", threads=1)
    assert isinstance(minilm, CentredEmbedder)
    assert isinstance(minilm.base, MiniLMEmbedder) and minilm.base.threads == 1


def test_make_embedder_refuses_an_unknown_name() -> None:
    with pytest.raises(ConfigError, match=r"\[A007\] Unknown embedder 'bert'.*minilm, tfidf"):
        make_embedder("bert")
