"""An embedder that remembers: the evaluation embeds the same requirement in many mixes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analyser.breadth.embed import Embedder


class CachingEmbedder:
    """Wraps an embedder; each distinct text is embedded once (vectors are per text, so the
    result is the same as without the cache)."""

    def __init__(self, base: Embedder) -> None:
        self.base = base
        self.name = base.name
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.base.embed(missing), strict=True):
                self._vectors[text] = vector
        if not texts:
            return self.base.embed(texts)
        return np.stack([self._vectors[text] for text in texts])
