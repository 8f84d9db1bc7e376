"""The baseline of the performance benchmarks: how long the models alone take, timed inside the
analysis itself, so that a document is analysed once and the baseline is from the same moment.

``TimedModels`` holds an analyser whose spaCy pipeline and embedder add up the seconds spent
inside them: for spaCy, the time inside ``nlp.pipe`` (tokenising and running the pipeline's
components batch by batch; the time between the documents it yields is the segment stage's
own); for the embedder, the time inside ``embed``. That is the time of ``nlp.pipe`` over the
texts the segment stage parses, with the same pipeline and batch size, plus the time of
embedding the functional requirements.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from analyser import Analyser, AnalyserConfig
from analyser.breadth.embed import Embedder


class TimedEmbedder:
    """An embedder that adds up the seconds its base spends embedding."""

    def __init__(self, base: Embedder) -> None:
        self.base = base
        self.name = base.name
        self.seconds = 0.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        start = time.perf_counter()
        try:
            return self.base.embed(texts)
        finally:
            self.seconds += time.perf_counter() - start


class TimedPipeline:
    """A spaCy pipeline that adds up the seconds spent inside ``pipe`` (anything else is the
    pipeline's own)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)

    def pipe(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        documents = self.nlp.pipe(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                document = next(documents)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - start
            yield document


class TimedModels:
    """A loaded analyser whose models keep time, and the seconds they have spent so far."""

    def __init__(self, config: AnalyserConfig | None = None) -> None:
        loaded = Analyser(config).load()
        self.pipeline = TimedPipeline(loaded.nlp)
        self.embedder = TimedEmbedder(loaded.embedder)
        self.analyser = Analyser(
            loaded.config,
            nlp=self.pipeline,  # type: ignore[arg-type]  # only ``pipe`` is called
            embedder=self.embedder,
            reference=loaded.reference,
        )

    @property
    def seconds(self) -> float:
        return self.pipeline.seconds + self.embedder.seconds

    def reset(self) -> None:
        self.pipeline.seconds = self.embedder.seconds = 0.0
