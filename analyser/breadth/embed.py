"""Embed stage: requirement texts → float32 vectors, one L2-normalised row per text.

Two embedders behind one protocol: ``minilm`` (all-MiniLM-L6-v2 as an int8-weight ONNX model
from the ``analyser-minilm`` package, run by onnxruntime; semantic) and ``tfidf`` (the fast mode:
TF-IDF + LSA fitted on the texts given; lexical). Nothing is cached globally: the pipeline keeps
one instance and reuses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import onnxruntime
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from tokenizers import Encoding, Tokenizer

from analyser.errors import ConfigError, ModelError

_REINSTALL = (
    "Reinstall the model package: run 'make setup' on a fresh checkout, or "
    "'.venv/bin/pip install --no-deps --force-reinstall ./models/minilm'."
)


class Embedder(Protocol):
    """Turns texts into vectors: ``embed(texts)[i]`` is the unit-length vector of ``texts[i]``."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape (len(texts), dim) with L2-normalised rows."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings (384 dims) on onnxruntime, without torch.

    Texts are tokenised once (truncated at the model's 256 tokens), sorted by length into
    batches so that little padding is computed, run through the encoder, mean-pooled over the
    attention mask and L2-normalised; rows come back in input order. The model and tokenizer
    files are checked against the sha256 in the package manifest when they are loaded.

    Args:
        threads: onnxruntime intra-op threads.
        batch_size: texts per model call.
        model_path, tokenizer_path, manifest: the model files and the manifest that vouches for
            them; default to those of the installed ``analyser-minilm`` package.
    """

    name = "minilm"

    def __init__(
        self,
        *,
        threads: int = 2,
        batch_size: int = 32,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        manifest: Mapping[str, Any] | None = None,
    ) -> None:
        if model_path is None or tokenizer_path is None or manifest is None:
            package_model, package_tokenizer, package_manifest = _packaged_model()
            model_path = model_path or package_model
            tokenizer_path = tokenizer_path or package_tokenizer
            manifest = manifest or package_manifest
        self.threads = threads
        self.batch_size = batch_size
        self.model_path = Path(model_path)
        self.tokenizer_path = Path(tokenizer_path)
        _verify(self.model_path, manifest, "model.onnx")
        _verify(self.tokenizer_path, manifest, "tokenizer.json")
        self.dimension = int(manifest["embedding"]["dimension"])
        self._session = _session(self.model_path, threads=threads)
        self._tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=int(manifest["embedding"]["max_tokens"]))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda index: len(encodings[index].ids))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors[batch] = self._embed_batch([encodings[index] for index in batch])
        return vectors

    def _embed_batch(self, encodings: Sequence[Encoding]) -> np.ndarray:
        """Pad to the longest in the batch, encode, mean-pool over real tokens, normalise."""
        width = max(len(encoding.ids) for encoding in encodings)
        feeds = {
            name: np.zeros((len(encodings), width), dtype=np.int64)
            for name in ("input_ids", "attention_mask", "token_type_ids")
        }
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            feeds["input_ids"][row, :length] = encoding.ids
            feeds["attention_mask"][row, :length] = encoding.attention_mask
            feeds["token_type_ids"][row, :length] = encoding.type_ids
        hidden = self._session.run(["last_hidden_state"], feeds)[0]
        mask = feeds["attention_mask"][:, :, np.newaxis].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)
        return normalize(pooled).astype(np.float32)


class TfidfEmbedder:
    """Fast, lexical vectors: TF-IDF fitted on the texts given, then LSA; deterministic.

    Word 1–2-grams with sublinear tf and English stop words removed. With at least
    ``min_texts_for_svd`` texts the matrix is reduced by TruncatedSVD to
    ``min(n_components, n_texts - 1)`` dimensions; fewer texts keep the sparse TF-IDF
    dimensions. The dimension therefore depends on the texts. A text with no indexed word
    gets a zero row, the only row that is not unit length.
    """

    name = "tfidf"

    def __init__(
        self, *, n_components: int = 128, min_texts_for_svd: int = 10, random_state: int = 0
    ) -> None:
        self.n_components = n_components
        self.min_texts_for_svd = min_texts_for_svd
        self.random_state = random_state

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectorizer = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1
        )
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # empty vocabulary: every text is stop words or punctuation
            return np.zeros((len(texts), 1), dtype=np.float32)
        n_components = min(self.n_components, len(texts) - 1)
        if len(texts) >= self.min_texts_for_svd and n_components < matrix.shape[1]:
            svd = TruncatedSVD(n_components=n_components, random_state=self.random_state)
            return normalize(svd.fit_transform(matrix)).astype(np.float32)
        return normalize(matrix).toarray().astype(np.float32)


class CentredEmbedder:
    """Another embedder's vectors with the direction all requirements share taken out.

    Sentence embeddings are anisotropic: every requirement ("The system shall …") points
    roughly the same way, so cosine similarities between unrelated requirements sit well above
    zero. Subtracting the mean vector of a reference set of requirements and re-normalising
    spreads them out, so that distinct business problems separate more clearly.
    """

    def __init__(self, base: Embedder, centre: np.ndarray) -> None:
        self.base = base
        self.centre = centre.astype(np.float32)
        self.name = base.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.base.embed(texts)
        if vectors.shape[0] == 0:
            return vectors
        return normalize(vectors - self.centre).astype(np.float32)


EMBEDDERS: dict[str, Callable[..., Embedder]] = {
    "minilm": MiniLMEmbedder,
    "tfidf": TfidfEmbedder,
}


def make_embedder(name: str, *, threads: int = 2) -> Embedder:
    """The embedder called ``name``; ``threads`` is for those that run a model (minilm)."""
    if name not in EMBEDDERS:
        raise ConfigError(f"Unknown embedder '{name}'. Choose one of: {', '.join(EMBEDDERS)}.")
    if name == "minilm":
        return CentredEmbedder(MiniLMEmbedder(threads=threads), packaged_centre())
    return EMBEDDERS[name]()


def packaged_centre() -> np.ndarray:
    """The reference centre shipped with the model (``models/minilm/build_centre.py``)."""
    _, _, manifest = _packaged_model()
    import analyser_minilm

    try:
        data = json.loads(Path(analyser_minilm.CENTRE_PATH).read_text(encoding="utf-8"))
    except (AttributeError, OSError, ValueError):
        raise ModelError(
            f"The model package has no readable reference centre. {_REINSTALL}"
        ) from None
    if data.get("model_sha256") != manifest["files"]["model.onnx"]["sha256"]:
        raise ModelError(
            "The reference centre was built for another model file. Rebuild it with "
            "'make centre', then reinstall the model package."
        )
    return np.asarray(data["vector"], dtype=np.float32)


def _packaged_model() -> tuple[Path, Path, Mapping[str, Any]]:
    try:
        import analyser_minilm
    except ImportError:
        raise ModelError(
            "The embedding model package 'analyser-minilm' is not installed. Run 'make setup' "
            "(it installs ./models/minilm), or use the fast mode (embedder 'tfidf')."
        ) from None
    return analyser_minilm.MODEL_PATH, analyser_minilm.TOKENIZER_PATH, analyser_minilm.MANIFEST


def _verify(path: Path, manifest: Mapping[str, Any], name: str) -> None:
    """Raise ModelError unless the file exists and has the sha256 the manifest gives for it."""
    try:
        expected = manifest["files"][name]["sha256"]
    except (KeyError, TypeError):
        raise ModelError(f"The model manifest lists no sha256 for {name}. {_REINSTALL}") from None
    try:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as error:
        raise ModelError(f"Cannot read the model file '{path}': {error}. {_REINSTALL}") from None
    if digest.hexdigest() != expected:
        raise ModelError(
            f"The model file '{path}' is damaged or not the one released: its sha256 is "
            f"{digest.hexdigest()[:12]}…, the manifest expects {expected[:12]}…. {_REINSTALL}"
        )


def _session(path: Path, *, threads: int) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # errors only
    try:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime's own exception types do not share a base
        raise ModelError(f"onnxruntime cannot load '{path}': {error}. {_REINSTALL}") from None
