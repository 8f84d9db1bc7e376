"""Two (or more) versions of a spec → what changed, at the level of business problems.

Plain records and numpy: the reports come from the pipeline, with one vector per requirement
(functional and quality, in report order, in one shared vector space).

1. **Align requirements** one to one (``analyser.versions.align``): unchanged, modified,
   added, removed.

2. **Map problems** (``link_problems``). A requirement is *carried* from an old problem to a
   new one when it was matched and both versions put it in a problem. Each new problem at least
   half of whose requirements were carried is linked to the old problem most of them came from;
   each old problem at least half of whose requirements were carried is linked to the new
   problem most of them went to. A problem still unlinked (two drafts that share few
   requirement texts) is linked to the most alike problem of the other version when their
   requirements are, on average, as alike as the clusterer's merge threshold: the analyser
   would have called them one problem. Linked problems form groups (one to one, split,
   merged, regrouped) whose size grew or shrank. A new problem with no link is a **new
   problem**; an old problem with no link was **dropped**.

3. **Headline**: the scope *grew* when more problems are new than dropped, *shrank* when more
   were dropped, *shifted* when as many were dropped as added, and otherwise shows *no growth*,
   whatever the requirement count did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from analyser.records import Problem, Report
from analyser.versions.align import ALIGN_THRESHOLD, align
from analyser.versions.comparison import (
    Change,
    Comparison,
    History,
    LinkShape,
    ProblemDelta,
    ProblemLink,
    ProblemTrend,
    RequirementRef,
    ScopeChange,
    VersionSummary,
)

# Problems of two versions whose requirements are at least this alike on average are one
# problem: the clusterer's merge threshold for MiniLM (the pipeline passes its own setting).
PROBLEM_SIMILARITY = 0.18


def link_problems(
    old: Report,
    new: Report,
    changes: Sequence[Change],
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    problem_similarity: float = PROBLEM_SIMILARITY,
) -> tuple[tuple[ProblemLink, ...], tuple[Problem, ...], tuple[Problem, ...]]:
    """Links between the problems of two versions, the new problems and the dropped ones.

    First by carried requirements (see the module doc); then a problem still unlinked is linked
    to the most alike problem of the other version when the average similarity of their
    requirements' vectors reaches ``problem_similarity`` (the clusterer's own merge threshold:
    problems it would have merged are one problem, however much their wording changed).
    """
    new_to_old = Counter(
        (c.new_problem, c.old_problem)
        for c in changes
        if c.kind in ("modified", "unchanged")
        and c.old_problem is not None
        and c.new_problem is not None
    )
    links: set[tuple[int, int]] = set()
    for problem in new.problems:
        carried = Counter({o: n for (p, o), n in new_to_old.items() if p == problem.id})
        if carried and 2 * sum(carried.values()) >= len(problem.requirement_ids):
            links.add((_plurality(carried), problem.id))
    for problem in old.problems:
        carried = Counter({p: n for (p, o), n in new_to_old.items() if o == problem.id})
        if carried and 2 * sum(carried.values()) >= len(problem.requirement_ids):
            links.add((problem.id, _plurality(carried)))
    links |= _alike_links(old, new, old_vectors, new_vectors, links, problem_similarity)
    linked_old = {o for o, _ in links}
    linked_new = {p for _, p in links}
    kinds = {c.new_id: c.kind for c in changes if c.new_id is not None}
    removed = {c.old_id for c in changes if c.kind == "removed" and c.old_id is not None}
    return (
        tuple(_link(old, new, group, kinds, removed) for group in _connected(links)),
        tuple(p for p in new.problems if p.id not in linked_new),
        tuple(p for p in old.problems if p.id not in linked_old),
    )


def compare_reports(
    old: Report,
    new: Report,
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    threshold: float = ALIGN_THRESHOLD,
    problem_similarity: float = PROBLEM_SIMILARITY,
) -> Comparison:
    """Compare two versions' reports; each vectors array has one row per requirement."""
    changes = align(
        old.requirements, new.requirements, old_vectors, new_vectors, threshold=threshold
    )
    links, new_problems, dropped = link_problems(
        old, new, changes, old_vectors, new_vectors, problem_similarity=problem_similarity
    )
    before, after = summarise(old), summarise(new)
    by_kind = {kind: tuple(c for c in changes if c.kind == kind) for kind in _KINDS}
    scope_change = _scope_change(len(new_problems), len(dropped))
    return Comparison(
        headline=headline(
            scope_change,
            before,
            after,
            new_labels=[p.label for p in new_problems],
            dropped_labels=[p.label for p in dropped],
            n_modified=len(by_kind["modified"]),
        ),
        scope_change=scope_change,
        before=before,
        after=after,
        added=by_kind["added"],
        removed=by_kind["removed"],
        modified=by_kind["modified"],
        unchanged=by_kind["unchanged"],
        new_problems=tuple(_delta(new, problem) for problem in new_problems),
        dropped_problems=tuple(_delta(old, problem) for problem in dropped),
        problem_links=links,
    )


def compare_series(
    reports: Sequence[Report],
    vectors: Sequence[np.ndarray],
    *,
    threshold: float = ALIGN_THRESHOLD,
    problem_similarity: float = PROBLEM_SIMILARITY,
) -> History:
    """Compare each version with the next, and the first with the last."""
    options = {"threshold": threshold, "problem_similarity": problem_similarity}
    steps = tuple(
        compare_reports(old, new, old_rows, new_rows, **options)
        for old, new, old_rows, new_rows in zip(
            reports, reports[1:], vectors, vectors[1:], strict=False
        )
    )
    overall = None
    if len(steps) == 1:
        overall = steps[0]
    elif len(steps) > 1:
        overall = compare_reports(reports[0], reports[-1], vectors[0], vectors[-1], **options)
    return History(
        headline=overall.headline if overall is not None else "Fewer than two versions.",
        versions=tuple(summarise(report) for report in reports),
        steps=steps,
        overall=overall,
    )


def summarise(report: Report) -> VersionSummary:
    """A version's size and breadth."""
    breadth = report.breadth
    return VersionSummary(
        name=report.source.name,
        sha256=report.source.sha256,
        title=report.title,
        n_requirements=len(report.requirements),
        n_functional=sum(1 for r in report.requirements if r.kind == "functional"),
        n_problems=breadth.n_problems,
        score=breadth.score,
        verdict=breadth.verdict,
        breadth_index=breadth.signals.breadth_index if breadth.signals is not None else 0.0,
        problem_labels=tuple(problem.label for problem in report.problems),
    )


def headline(
    scope_change: ScopeChange,
    before: VersionSummary,
    after: VersionSummary,
    *,
    new_labels: Sequence[str],
    dropped_labels: Sequence[str],
    n_modified: int,
) -> str:
    """One line: how the scope changed, in problems, requirements and verdict.

    Examples:
        >>> def version(n, verdict):
        ...     return VersionSummary(name="v", sha256="0", n_requirements=n, n_functional=n,
        ...         n_problems=1, score=0.0, verdict=verdict, breadth_index=1.0)
        >>> headline("grew", version(100, "borderline"), version(141, "over-broad"),
        ...          new_labels=["Fleet maintenance", "Payroll"], dropped_labels=[], n_modified=3)
        'Scope grew: +2 business problems (Fleet maintenance, Payroll), +41 requirements (+41 %), verdict borderline → over-broad'
    """  # noqa: E501
    verdicts = f"verdict {before.verdict} → {after.verdict}"
    added = _problems_phrase("+", new_labels)
    dropped = _problems_phrase("−", dropped_labels)
    size = _size_phrase(before.n_requirements, after.n_requirements)
    if scope_change == "grew":
        extra = f", {dropped}" if dropped_labels else ""
        return f"Scope grew: {added}{extra}, {size}, {verdicts}"
    if scope_change == "shrank":
        extra = f", {added}" if new_labels else ""
        return f"Scope shrank: {dropped}{extra}, {size}, {verdicts}"
    if scope_change == "shifted":
        return f"Scope shifted: {added}, {dropped}, {size}, {verdicts}"
    return (
        f"No growth in scope: 0 new business problems, {before.n_requirements} → "
        f"{after.n_requirements} requirements, {n_modified} reworded, {verdicts}"
    )


# -- private ----------------------------------------------------------------------------

_KINDS = ("added", "removed", "modified", "unchanged")


def _plurality(counts: Counter[int]) -> int:
    """The most common key; ties go to the smallest (problems are numbered largest first)."""
    return min(counts, key=lambda key: (-counts[key], key))


def _alike_links(
    old: Report,
    new: Report,
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    links: set[tuple[int, int]],
    problem_similarity: float,
) -> set[tuple[int, int]]:
    """Links for problems left unlinked, to the most alike problem of the other version."""
    if not old.problems or not new.problems:
        return set()
    old_rows = _problem_rows(old)
    new_rows = _problem_rows(new)
    similarity = np.array(
        [[float((old_vectors[o] @ new_vectors[n].T).mean()) for n in new_rows] for o in old_rows]
    )
    found: set[tuple[int, int]] = set()
    for column, problem in enumerate(new.problems):
        row = int(np.argmax(similarity[:, column]))
        if (
            problem.id not in {p for _, p in links}
            and similarity[row, column] >= problem_similarity
        ):
            found.add((old.problems[row].id, problem.id))
    for row, problem in enumerate(old.problems):
        column = int(np.argmax(similarity[row]))
        if (
            problem.id not in {o for o, _ in links}
            and similarity[row, column] >= problem_similarity
        ):
            found.add((problem.id, new.problems[column].id))
    return found


def _problem_rows(report: Report) -> list[list[int]]:
    row_of = {requirement.id: row for row, requirement in enumerate(report.requirements)}
    return [[row_of[rid] for rid in problem.requirement_ids] for problem in report.problems]


def _connected(links: set[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Connected groups of (old problem, new problem) links, ordered by their first new id."""
    groups: list[tuple[set[int], set[int]]] = []
    for old_id, new_id in sorted(links, key=lambda link: (link[1], link[0])):
        touching = [g for g in groups if old_id in g[0] or new_id in g[1]]
        merged = ({old_id}, {new_id})
        for group in touching:
            merged[0].update(group[0])
            merged[1].update(group[1])
            groups.remove(group)
        groups.append(merged)
    ordered = [(tuple(sorted(olds)), tuple(sorted(news))) for olds, news in groups]
    return sorted(ordered, key=lambda group: (group[1][0], group[0][0]))


def _link(
    old: Report,
    new: Report,
    group: tuple[tuple[int, ...], tuple[int, ...]],
    kinds: Mapping[str, str],
    removed: set[str],
) -> ProblemLink:
    old_ids, new_ids = group
    olds = [p for p in old.problems if p.id in old_ids]
    news = [p for p in new.problems if p.id in new_ids]
    n_before = sum(len(p.requirement_ids) for p in olds)
    n_after = sum(len(p.requirement_ids) for p in news)
    shapes: dict[tuple[bool, bool], LinkShape] = {
        (False, False): "continued",
        (False, True): "split",
        (True, False): "merged",
        (True, True): "regrouped",
    }
    trend: ProblemTrend = (
        "grew" if n_after > n_before else "shrank" if n_after < n_before else "same"
    )
    return ProblemLink(
        old_problems=old_ids,
        new_problems=new_ids,
        old_labels=tuple(p.label for p in olds),
        new_labels=tuple(p.label for p in news),
        shape=shapes[(len(olds) > 1, len(news) > 1)],
        n_before=n_before,
        n_after=n_after,
        n_added=sum(1 for p in news for rid in p.requirement_ids if kinds.get(rid) == "added"),
        n_removed=sum(1 for p in olds for rid in p.requirement_ids if rid in removed),
        trend=trend,
    )


def _delta(report: Report, problem: Problem) -> ProblemDelta:
    texts = {requirement.id: requirement.text for requirement in report.requirements}
    return ProblemDelta(
        id=problem.id,
        label=problem.label,
        keywords=problem.keywords,
        requirements=tuple(
            RequirementRef(id=rid, text=texts[rid]) for rid in problem.requirement_ids
        ),
    )


def _scope_change(n_new: int, n_dropped: int) -> ScopeChange:
    if n_new > n_dropped:
        return "grew"
    if n_new < n_dropped:
        return "shrank"
    return "shifted" if n_new else "no-growth"


def _problems_phrase(sign: str, labels: Sequence[str]) -> str:
    noun = "business problem" if len(labels) == 1 else "business problems"
    return f"{sign}{len(labels)} {noun} ({', '.join(labels)})"


def _size_phrase(before: int, after: int) -> str:
    delta = after - before
    if delta == 0:
        return f"±0 requirements ({before})"
    sign = "+" if delta > 0 else "−"
    share = f" ({sign}{abs(delta) / before:.0%})".replace("%", " %") if before else ""
    return f"{sign}{abs(delta)} requirements{share}"
