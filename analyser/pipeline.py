"""The one place that knows the stage order; it loads each model once and reuses it.

read → segment → extract → embed → cluster → score → report record. No stage calls the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from analyser import __version__
from analyser.breadth.calibration import Reference, load_reference
from analyser.breadth.cluster import cluster_problems
from analyser.breadth.embed import CentredEmbedder, Embedder, make_embedder
from analyser.breadth.projection import project
from analyser.breadth.score import measure_signals, score_breadth
from analyser.config import AnalyserConfig
from analyser.errors import AnalyserError, EmptySpecError, ModelError
from analyser.language.extract import extract_requirements
from analyser.language.kind import KindModel, centre_sha256, classify_kinds, load_kind_model
from analyser.language.nlp import load_nlp
from analyser.language.segment import segment
from analyser.readers import read_spec
from analyser.records import Concern, Report, Requirement, Settings, SpecDocument, SpecSource
from analyser.review import Statement, build_review, review_requirements, statements_of
from analyser.versions.align import ALIGN_THRESHOLDS
from analyser.versions.compare import compare_reports, compare_series
from analyser.versions.comparison import Comparison, History

if TYPE_CHECKING:  # spaCy itself is only imported by the nlp and segment stages
    from spacy.language import Language


@dataclass(frozen=True, slots=True, eq=False)
class Analysis:
    """A report with what it was computed from: the functional requirements' vectors (rows in
    report order) and their 2-D coordinates for a problem map."""

    report: Report
    vectors: np.ndarray
    coordinates: np.ndarray
    statements: tuple[Statement, ...] = ()  # every sentence, for the review's checks

    def representatives(self, problem_id: int, n: int = 3) -> tuple[str, ...]:
        """The ids of the ``n`` requirements nearest the centre of a problem: its gist."""
        rows = {
            r.id: row
            for row, r in enumerate(r for r in self.report.requirements if r.kind == "functional")
        }
        problem = next(p for p in self.report.problems if p.id == problem_id)
        members = [rid for rid in problem.requirement_ids if rid in rows]
        if not members or self.vectors.shape[0] == 0:
            return tuple(members[:n])
        vectors = self.vectors[[rows[rid] for rid in members]]
        centre = vectors.mean(axis=0)
        order = np.argsort(-(vectors @ centre), kind="stable")
        return tuple(members[i] for i in order[:n])


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of analysing one input of a batch: a report, or the error that stopped it."""

    name: str
    report: Report | None = None
    error: AnalyserError | None = None


class Analyser:
    """Analyses specifications with one set of loaded models.

    Examples:
        >>> analyser = Analyser(AnalyserConfig(embedder="tfidf"))
        >>> text = b"1 Requirements\\nThe system shall issue parking permits to residents."
        >>> analyser.analyse_bytes(text, name="toy.txt").breadth.verdict
        'focused'
    """

    def __init__(
        self,
        config: AnalyserConfig | None = None,
        *,
        nlp: Language | None = None,
        embedder: Embedder | None = None,
        reference: Reference | None = None,
        kind_model: KindModel | None = None,
    ) -> None:
        self.config = config if config is not None else AnalyserConfig()
        self._nlp = nlp
        self._embedder = embedder
        self._reference = reference
        self._kind_model = kind_model
        self._kind_model_checked = False

    def load(self) -> Analyser:
        """Load the language and embedding models now rather than on first use."""
        _ = (self.nlp, self.embedder, self.reference)
        if self.config.trained_kinds:
            _ = self.kind_model
        return self

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.config.embedder, threads=self.config.threads)
        return self._embedder

    @property
    def reference(self) -> Reference:
        """The breadth reference distribution that scores and verdicts are read against."""
        if self._reference is None:
            self._reference = load_reference(self.config.embedder)
        return self._reference

    @property
    def kind_model(self) -> KindModel:
        """The functional/quality classifier; it must have been trained on vectors centred as
        this analyser's embedder centres them."""
        model = self._kind_model
        if model is None or not self._kind_model_checked:
            model = model if model is not None else load_kind_model()
            embedder = self.embedder
            if isinstance(embedder, CentredEmbedder) and (
                model.centre_sha256 != centre_sha256(embedder.centre)
            ):
                raise ModelError(
                    "The functional/quality classifier was trained against another embedding "
                    "centre. Retrain it with 'make train-kind', then 'make setup'."
                )
            self._kind_model, self._kind_model_checked = model, True
        return model

    def read(
        self, path: str | Path, *, data: bytes | None = None, name: str | None = None
    ) -> SpecDocument:
        """Read a spec with this analyser's PDF reader, within its reading budget."""
        return read_spec(
            path,
            data=data,
            name=name,
            budget=self.config.budget,
            pdf_reader=self.config.pdf_reader,
        )

    def analyse_path(self, path: str | Path) -> Report:
        return self.analyse_document(self.read(path))

    def analyse_bytes(self, data: bytes, *, name: str) -> Report:
        return self.analyse_document(self.read(name, data=data, name=name))

    def analyse_many(
        self,
        paths: Iterable[str | Path],
        *,
        on_progress: Callable[[int, str], None] | None = None,
    ) -> Iterator[Outcome]:
        """Analyse each path in turn; a file that fails is reported, and the batch goes on."""
        for index, path in enumerate(paths):
            name = str(path)
            if on_progress is not None:
                on_progress(index, name)
            try:
                yield Outcome(name=name, report=self.analyse_path(path))
            except AnalyserError as error:
                yield Outcome(name=name, error=error)

    def analyse_document(self, document: SpecDocument) -> Report:
        return self.examine_document(document).report

    def examine_document(self, document: SpecDocument) -> Analysis:
        """Analyse, keeping the vectors and the problem map, so that the spec can be regrouped
        at another granularity without reading or embedding it again."""
        segments = segment(document, self.nlp)
        requirements = extract_requirements(segments, tabular=document.tabular)
        if not requirements:
            raise EmptySpecError(
                f"No requirements found in '{document.source.name}': no statement uses shall, "
                "must, will, should or may, an EARS pattern or a user story, and it is not a "
                "requirements table. Check that this is a requirements specification."
            )
        requirements, vectors = self._kinds_and_vectors(requirements)
        requirements = review_requirements(requirements)
        report = self._group(document.source, document.title, requirements, vectors, self.config)
        statements = statements_of(segments, report.requirements)
        report = replace(report, review=build_review(report, statements))
        return Analysis(
            report=report, vectors=vectors, coordinates=project(vectors), statements=statements
        )

    def compare_paths(self, old: str | Path, new: str | Path) -> Comparison:
        return self.compare_documents(self.read(old), self.read(new))

    def compare_documents(self, old: SpecDocument, new: SpecDocument) -> Comparison:
        """Compare two versions of a spec: requirements added, removed and reworded, business
        problems new and dropped, and the change in breadth, with a one-line headline."""
        return self.compare_reports(self.analyse_document(old), self.analyse_document(new))

    def compare_reports(self, old: Report, new: Report) -> Comparison:
        """``compare_documents`` for versions already analysed (by this analyser's settings)."""
        vectors = self._joint_vectors((old, new))
        return compare_reports(
            old,
            new,
            vectors[0],
            vectors[1],
            threshold=ALIGN_THRESHOLDS[self.config.embedder],
            problem_similarity=self.config.merge_threshold,
        )

    def history_paths(self, paths: Iterable[str | Path]) -> History:
        return self.history([self.read(path) for path in paths])

    def history(self, documents: Sequence[SpecDocument]) -> History:
        """Compare each version of a series with the next, and the first with the last."""
        return self.history_of_reports([self.analyse_document(d) for d in documents])

    def history_of_reports(self, reports: Sequence[Report]) -> History:
        """``history`` for versions already analysed."""
        return compare_series(
            list(reports),
            self._joint_vectors(reports),
            threshold=ALIGN_THRESHOLDS[self.config.embedder],
            problem_similarity=self.config.merge_threshold,
        )

    def joint_map(self, reports: Sequence[Report]) -> list[np.ndarray]:
        """2-D coordinates of each version's functional requirements (rows in report order),
        all in one plane, so that versions can be drawn side by side on the same axes."""
        functional = [
            [r for r in report.requirements if r.kind == "functional"] for report in reports
        ]
        texts = list(dict.fromkeys(r.text for group in functional for r in group))
        plane = project(self._embed(texts))
        row_of = {text: row for row, text in enumerate(texts)}
        return [plane[[row_of[r.text] for r in group]].reshape(-1, 2) for group in functional]

    def regroup(self, analysis: Analysis, *, granularity: int) -> Analysis:
        """The same requirements and vectors grouped at another granularity (-2 … 2)."""
        config = self.config.with_changes(granularity=granularity)
        report = analysis.report
        requirements = tuple(replace(r, problem=None) for r in report.requirements)
        regrouped = self._group(report.source, report.title, requirements, analysis.vectors, config)
        regrouped = replace(regrouped, review=build_review(regrouped, analysis.statements))
        return replace(analysis, report=regrouped)

    def _group(
        self,
        source: SpecSource,
        title: str | None,
        requirements: tuple[Requirement, ...],
        vectors: np.ndarray,
        config: AnalyserConfig,
    ) -> Report:
        """cluster → score → report record, for requirements already extracted and embedded."""
        functional = [r for r in requirements if r.kind == "functional"]
        problems = cluster_problems(
            functional,
            vectors,
            merge_similarity=config.merge_threshold,
            term_overlap=config.term_threshold,
            min_problem_share=config.min_problem_share,
            min_problem_size=config.problem_size,
            unit_objects=config.unit_objects,
            unit_similarity=config.unit_similarity,
            unit_coherence=config.unit_coherence,
        )
        signals = measure_signals(
            requirements,
            problems,
            vectors,
            full_problem_size=self.reference.full_problem_size,
        )
        breadth = score_breadth(
            signals,
            problems,
            requirements,
            reference=self.reference,
            borderline_at=config.borderline_at,
            over_broad_at=config.over_broad_at,
        )
        problem_of = {rid: p.id for p in problems for rid in p.requirement_ids}
        return Report(
            source=source,
            title=title,
            requirements=tuple(replace(r, problem=problem_of.get(r.id)) for r in requirements),
            problems=problems,
            concerns=_concerns(requirements),
            breadth=breadth,
            settings=Settings(
                embedder=config.embedder,
                analyser_version=__version__,
                settings_hash=config.settings_hash(),
            ),
        )

    def _kinds_and_vectors(
        self, requirements: tuple[Requirement, ...]
    ) -> tuple[tuple[Requirement, ...], np.ndarray]:
        """Each requirement's kind, and the functional ones' vectors (rows in order). The
        trained classifier reads every requirement's vector, so all are embedded; with the
        lexicon (and in the fast mode, whose TF-IDF space is fitted to the texts it is given)
        only the functional ones are."""
        if self.config.trained_kinds:
            every = self._embed([r.text for r in requirements])
            requirements = classify_kinds(requirements, every, self.kind_model)
            rows = [i for i, r in enumerate(requirements) if r.kind == "functional"]
            return requirements, every[rows] if rows else np.zeros((0, 1), dtype=np.float32)
        functional = [r.text for r in requirements if r.kind == "functional"]
        return requirements, self._embed(functional)

    def _joint_vectors(self, reports: Sequence[Report]) -> list[np.ndarray]:
        """One vector per requirement (functional and quality) of every version, embedded
        together so that all versions share one vector space (the fast TF-IDF mode fits its
        space to the texts it is given)."""
        texts = list(dict.fromkeys(r.text for report in reports for r in report.requirements))
        row_of = {text: row for row, text in enumerate(texts)}
        vectors = self._embed(texts)
        return [vectors[[row_of[r.text] for r in report.requirements]] for report in reports]

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return self.embedder.embed(texts)


def _concerns(requirements: tuple[Requirement, ...]) -> tuple[Concern, ...]:
    by_category: dict[str, list[str]] = {}
    for requirement in requirements:
        if requirement.kind == "quality" and requirement.category is not None:
            by_category.setdefault(requirement.category, []).append(requirement.id)
    ordered = sorted(by_category.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(Concern(category=name, requirement_ids=tuple(ids)) for name, ids in ordered)
