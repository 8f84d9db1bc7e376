"""Settings: the defaults in one place, validated once at the edge, hashed for reports."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from analyser.errors import ConfigError

EMBEDDER_NAMES: tuple[str, ...] = ("minilm", "tfidf")
KIND_METHODS: tuple[str, ...] = ("trained", "lexicon")
PDF_READERS: tuple[str, ...] = ("pdfium", "pypdf")
# Cosine similarities mean different things in different vector spaces: each embedder has
# its own default merge threshold (see docs/method.md for how they were chosen).
DEFAULT_MERGE_SIMILARITY: dict[str, float] = {"minilm": 0.18, "tfidf": 0.02}
# One granularity step: how far the three grouping thresholds move (see ``granularity``).
GRANULARITIES: tuple[int, ...] = (-2, -1, 0, 1, 2)
_MERGE_STEP = 0.04
_TERM_STEP = 0.06
_SIZE_STEP = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadBudget:
    """What reading one file may cost before it is stopped with a coded error (A013).

    A spec is read in a child process where the platform can fork (Linux, macOS), so a reader
    that hangs, loops or allocates without end on a malformed file is stopped, not waited for.

    Attributes:
        seconds: wall time to read the file (default 60).
        pages: pages of a PDF (default 2,000).
        characters: characters of text extracted (default 10 million, about 3,000 pages).
        memory_mb: memory the reader may take on top of what the process already holds
            (default 1,024 MB).
    """

    seconds: float = 60.0
    pages: int = 2_000
    characters: int = 10_000_000
    memory_mb: int = 1_024

    def __post_init__(self) -> None:
        if not self.seconds > 0:
            raise ConfigError(f"The time limit must be positive, got {self.seconds} s.")
        if min(self.pages, self.characters, self.memory_mb) < 1:
            raise ConfigError("The page, character and memory limits must be at least 1.")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyserConfig:
    """Every tunable of the analysis, with its default.

    Attributes:
        embedder: ``"minilm"`` (semantic, default) or ``"tfidf"`` (the ``--fast`` mode).
        merge_similarity: two groups of requirements are one problem while the average cosine
            similarity between them is at least this (``None``: the embedder's default).
        term_overlap: groups whose requirements mention the same domain terms at least this
            much (cosine of their term profiles) are one problem.
        min_problem_share: a group smaller than this share of the functional requirements
            (and than ``min_problem_size``) is not a problem of its own; it joins the nearest.
        min_problem_size: the smallest number of requirements a problem can have.
        unit_objects: when set, the document's own units (chapters, epics, a section column,
            id series) are evidence too: two units are one problem when their business-object
            profiles (domain terms without actors and transaction words) have at least this
            cosine, and a separation between units is kept (``None``: structure is ignored).
        unit_similarity: two units are also one problem when their requirements are on
            average at least this alike.
        unit_coherence: units count only when requirements of different units are on average
            at most this share as alike as requirements of one unit.
        borderline_at / over_broad_at: breadth index from which a spec is borderline /
            over-broad (``None``: the thresholds of the packaged reference distribution).
        kinds: ``"lexicon"`` (default): the quality lexicon and the headings decide each
            requirement's kind; ``"trained"``: the functional/quality classifier trained on
            PROMISE NFR and our own requirements decides (better on those sets and on the RE'19
            ones, but it reads most requirements of technical specifications as qualities: see
            docs/method.md). The classifier reads MiniLM vectors, so the fast mode (``tfidf``)
            always uses the lexicon.
        pdf_reader: ``"pdfium"`` (default, fast) or ``"pypdf"`` (the earlier reader, kept as an
            alternative for a PDF that pdfium reads badly, and as the benchmark's baseline).
        budget: what reading one file may cost (``ReadBudget``); it never changes a result,
            only whether there is one, so it is not part of the settings hash.
        threads: CPU threads for the embedding model.
        granularity: -2 … 2; below 0 merges more (fewer, broader problems), above 0 less
            (more, narrower problems). The verdict thresholds are calibrated at 0.
    """

    embedder: str = "minilm"
    merge_similarity: float | None = None
    term_overlap: float = 0.20
    min_problem_share: float = 0.04
    min_problem_size: int = 8
    unit_objects: float | None = 0.3
    unit_similarity: float = 0.26
    unit_coherence: float = 0.5
    borderline_at: float | None = None
    over_broad_at: float | None = None
    kinds: str = "lexicon"
    pdf_reader: str = "pdfium"
    budget: ReadBudget = ReadBudget()
    threads: int = 2
    granularity: int = 0

    def __post_init__(self) -> None:
        if self.embedder not in EMBEDDER_NAMES:
            raise ConfigError(
                f"Unknown embedder '{self.embedder}'. Choose one of: {', '.join(EMBEDDER_NAMES)}."
            )
        if self.kinds not in KIND_METHODS:
            raise ConfigError(
                f"Unknown kinds method '{self.kinds}'. Choose one of: {', '.join(KIND_METHODS)}."
            )
        if self.pdf_reader not in PDF_READERS:
            raise ConfigError(
                f"Unknown PDF reader '{self.pdf_reader}'. Choose one of: {', '.join(PDF_READERS)}."
            )
        if self.merge_similarity is not None and not -1.0 < self.merge_similarity < 1.0:
            raise ConfigError(f"merge_similarity must be in (-1, 1), got {self.merge_similarity}.")
        if not 0.0 <= self.term_overlap <= 1.0:
            raise ConfigError(f"term_overlap must be in [0, 1], got {self.term_overlap}.")
        if self.unit_objects is not None and not 0.0 < self.unit_objects <= 1.0:
            raise ConfigError(f"unit_objects must be in (0, 1] or unset, got {self.unit_objects}.")
        if not 0.0 < self.unit_similarity < 1.0:
            raise ConfigError(f"unit_similarity must be in (0, 1), got {self.unit_similarity}.")
        if not 0.0 < self.unit_coherence <= 1.0:
            raise ConfigError(f"unit_coherence must be in (0, 1], got {self.unit_coherence}.")
        if not 0.0 <= self.min_problem_share < 0.5:
            raise ConfigError(
                f"min_problem_share must be in [0, 0.5), got {self.min_problem_share}."
            )
        if self.min_problem_size < 1 or self.threads < 1:
            raise ConfigError("min_problem_size and threads must be at least 1.")
        if self.granularity not in GRANULARITIES:
            raise ConfigError(f"granularity must be one of -2 … 2, got {self.granularity}.")
        for threshold in (self.borderline_at, self.over_broad_at):
            if threshold is not None and not threshold > 0:
                raise ConfigError(f"Verdict thresholds must be positive, got {threshold}.")
        if (
            self.borderline_at is not None
            and self.over_broad_at is not None
            and not self.borderline_at < self.over_broad_at
        ):
            raise ConfigError("Need borderline_at < over_broad_at.")

    @property
    def trained_kinds(self) -> bool:
        """Whether the trained classifier decides kinds (it needs the MiniLM vectors)."""
        return self.kinds == "trained" and self.embedder == "minilm"

    @property
    def merge_threshold(self) -> float:
        """The merge similarity in force: the one set (or the embedder's default), moved by
        the granularity."""
        base = (
            self.merge_similarity
            if self.merge_similarity is not None
            else DEFAULT_MERGE_SIMILARITY[self.embedder]
        )
        return round(base + _MERGE_STEP * self.granularity, 4)

    @property
    def term_threshold(self) -> float:
        """The term overlap in force, moved by the granularity (kept within [0, 1])."""
        return round(min(1.0, max(0.0, self.term_overlap + _TERM_STEP * self.granularity)), 4)

    @property
    def problem_size(self) -> int:
        """The smallest problem in force: smaller at a finer granularity, larger at a coarser."""
        return max(2, self.min_problem_size - _SIZE_STEP * self.granularity)

    def with_changes(self, **changes: Any) -> AnalyserConfig:
        return replace(self, **changes)

    def settings_hash(self) -> str:
        """A short hash of every setting that can change a result, stored in each report.
        ``threads`` only changes the speed, so a batch run with more workers (and fewer
        threads each) finds the results of an earlier run still valid; the budget only decides
        whether there is a result; the default PDF reader is left out so that hashes made
        before there was a choice still hold."""
        settings = asdict(self)
        del settings["threads"], settings["budget"]
        if settings["pdf_reader"] == "pdfium":
            del settings["pdf_reader"]
        payload = json.dumps(settings, sort_keys=True).encode()
        return hashlib.sha256(payload).hexdigest()[:12]
