"""The web app: analyse a spec, compare its versions, rank a portfolio of scored specs.

A thin face over the ``analyser`` library. Models load once per process (``cache_resource``);
each analysis is cached by file content and settings (``cache_data``), and regrouping at another
granularity reuses the cached vectors. Uploads stay in memory (only a legacy .doc passes
through a temporary folder for antiword, removed as soon as it is read).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from analyser import (
    SUPPORTED_SUFFIXES,
    Analyser,
    AnalyserConfig,
    AnalyserError,
    Analysis,
    BatchProgress,
    Comparison,
    History,
    Report,
    ResultStore,
    comparison_to_json,
    league_table,
    read_spec,
    run_batch,
    to_csv,
    to_json,
    to_markdown,
)

SAMPLES = Path(__file__).parent / "sample_specs"
MAX_UPLOAD_MB = 25
# Okabe–Ito: distinguishable with the common colour-vision deficiencies; one colour per problem,
# the same in every panel.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VERDICT_BANNER = {"focused": st.success, "borderline": st.warning, "over-broad": st.error}
GRANULARITY = {-2: "Fewest", -1: "Fewer", 0: "Default", 1: "More", 2: "Most"}
VERDICT_ORDER = ["focused", "borderline", "over-broad"]
VERDICT_COLOURS = ["#009E73", "#E69F00", "#D55E00"]  # Okabe–Ito green, orange, vermilion
LEAGUE_SHOWN = [
    "rank", "spec", "verdict", "score", "portfolio_percentile", "n_problems", "n_requirements",
    "top_problems",
]  # fmt: skip


@st.cache_resource(show_spinner="Loading the language and embedding models…")
def load_analyser(embedder: str) -> Analyser:
    return Analyser(AnalyserConfig(embedder=embedder)).load()


@st.cache_data(show_spinner=False, max_entries=64)
def examine(data: bytes, name: str, embedder: str) -> Analysis:
    return load_analyser(embedder).examine_document(read_spec(name, data=data, name=name))


@st.cache_data(show_spinner=False, max_entries=128)
def regroup(data: bytes, name: str, embedder: str, granularity: int) -> Analysis:
    analysis = examine(data, name, embedder)
    if granularity == 0:
        return analysis
    return load_analyser(embedder).regroup(analysis, granularity=granularity)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)


def choose_inputs() -> list[tuple[bytes, str]]:
    """The sidebar: uploaded files (several allowed) or one sample spec."""
    st.sidebar.header("Specification")
    uploaded = st.sidebar.file_uploader(
        f"Upload specs (up to {MAX_UPLOAD_MB} MB each)",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="upload",
    )
    if uploaded:
        return [(file.getvalue(), file.name) for file in uploaded]
    samples = {path.name: path for path in sample_files()}
    choice = st.sidebar.selectbox(
        "…or pick a sample spec",
        ["—", *samples],
        key="sample",
        help="Fictional specs written for this tool.",
    )
    return [] if choice == "—" else [(samples[choice].read_bytes(), choice)]


def analyse_all(
    inputs: list[tuple[bytes, str]], embedder: str, granularity: int
) -> dict[str, Analysis | str]:
    """Each input's analysis, or the message saying why it could not be analysed."""
    results: dict[str, Analysis | str] = {}
    progress = st.progress(0.0, text="Analysing…") if len(inputs) > 1 else None
    for number, (data, name) in enumerate(inputs, start=1):
        if progress is not None:
            progress.progress(
                (number - 1) / len(inputs), text=f"Analysing {name} ({number}/{len(inputs)})…"
            )
        if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
            results[name] = (
                f"{name} is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. "
                "Split the document, or score it with the command line (`analyser analyse`)."
            )
            continue
        try:
            with st.spinner(f"Analysing {name}…"):
                results[name] = regroup(data, name, embedder, granularity)
        except AnalyserError as error:
            results[name] = str(error)
    if progress is not None:
        progress.empty()
    return results


def show_overview(results: dict[str, Analysis | str]) -> None:
    for name, result in results.items():
        if isinstance(result, str):
            st.error(result if name in result else f"{name}: {result}")
    rows = []
    for name, result in results.items():
        if isinstance(result, str):
            rows.append(
                {
                    "file": name,
                    "verdict": "failed",
                    "score": None,
                    "problems": None,
                    "requirements": None,
                    "message": result,
                }
            )
        else:
            breadth = result.report.breadth
            rows.append(
                {
                    "file": name,
                    "verdict": breadth.verdict,
                    "score": breadth.score,
                    "problems": breadth.n_problems,
                    "requirements": len(result.report.requirements),
                    "message": "",
                }
            )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def colours(report: Report) -> dict[str, str]:
    return {p.label: PALETTE[p.id % len(PALETTE)] for p in report.problems}


def show_verdict(report: Report) -> None:
    breadth = report.breadth
    VERDICT_BANNER[breadth.verdict](
        f"**{breadth.verdict.capitalize()}** — {report.source.name}: breadth score "
        f"{breadth.score:.0f} / 100, {breadth.n_problems} business "
        f"problem{'s' if breadth.n_problems != 1 else ''}"
    )
    signals = breadth.signals
    actors = Counter(actor for r in report.requirements for actor in r.actors)
    systems = Counter(system for r in report.requirements for system in r.external_systems)
    columns = [*st.columns(4), *st.columns(4)[:3]]  # two rows: readable on a laptop
    columns[0].metric("Verdict", breadth.verdict)
    columns[1].metric("Breadth score", f"{breadth.score:.0f} / 100")
    columns[2].metric("Business problems", breadth.n_problems)
    columns[3].metric("Requirements", len(report.requirements))
    columns[4].metric(
        "Quality concerns",
        len(report.concerns),
        help=f"{signals.n_quality if signals else 0} quality requirements",
    )
    columns[5].metric("Actors", len(actors), help=_top(actors))
    columns[6].metric("External systems", len(systems), help=_top(systems))
    st.markdown("**Why**")
    st.markdown("\n".join(f"- {reason}" for reason in breadth.reasons))
    if actors or systems:
        with st.expander("Actors and external systems the requirements name"):
            left, right = st.columns(2)
            left.dataframe(
                pd.DataFrame(actors.most_common(), columns=["actor", "requirements"]),
                hide_index=True,
            )
            right.dataframe(
                pd.DataFrame(systems.most_common(), columns=["external system", "requirements"]),
                hide_index=True,
            )


def _top(counts: Counter[str]) -> str:
    if not counts:
        return "None named."
    return "Most mentioned: " + ", ".join(f"{name} ({n})" for name, n in counts.most_common(8))


def show_map(analysis: Analysis) -> None:
    report = analysis.report
    functional = [r for r in report.requirements if r.kind == "functional"]
    if not functional or not report.problems:
        return
    label_of = {p.id: p.label for p in report.problems}
    frame = pd.DataFrame(
        {
            "x": analysis.coordinates[:, 0],
            "y": analysis.coordinates[:, 1],
            "problem": [label_of.get(r.problem, "—") for r in functional],
            "id": [r.id for r in functional],
            "requirement": [r.text for r in functional],
            "section": [r.section for r in functional],
        }
    )
    palette = colours(report)
    scale = alt.Scale(domain=list(palette), range=list(palette.values()))
    st.markdown("### Problem map")
    st.caption("Each dot is a functional requirement; nearby dots say similar things.")
    left, right = st.columns([3, 2])
    left.altair_chart(
        alt.Chart(frame)
        .mark_circle(size=70, opacity=0.85)
        .encode(
            x=alt.X("x", axis=None),
            y=alt.Y("y", axis=None),
            color=alt.Color("problem", scale=scale, legend=alt.Legend(orient="bottom", columns=2)),
            tooltip=["id", "requirement", "section", "problem"],
        )
        .properties(height=380),
        width="stretch",
    )
    sizes = pd.DataFrame(
        {
            "problem": [p.label for p in report.problems],
            "requirements": [len(p.requirement_ids) for p in report.problems],
        }
    )
    right.altair_chart(
        alt.Chart(sizes)
        .mark_bar()
        .encode(
            x="requirements",
            y=alt.Y("problem", sort="-x", title=None),
            color=alt.Color("problem", scale=scale, legend=None),
            tooltip=["problem", "requirements"],
        )
        .properties(height=380),
        width="stretch",
    )


def show_problems(analysis: Analysis) -> None:
    report = analysis.report
    st.markdown("### Business problems")
    by_id = {requirement.id: requirement for requirement in report.requirements}
    palette = colours(report)
    for problem in report.problems:
        colour = palette[problem.label]
        title = f"{problem.id}. {problem.label} — {len(problem.requirement_ids)} requirements"
        with st.container(border=True):
            st.markdown(
                f"<span style='color:{colour}'>●</span> **{title}**", unsafe_allow_html=True
            )
            st.caption(
                "Keywords: "
                + (", ".join(problem.keywords) or "—")
                + " · Sections: "
                + ("; ".join(problem.sections) or "—")
            )
            for rid in analysis.representatives(problem.id, n=3):
                st.markdown(f"- `{rid}` {by_id[rid].text}")
            with st.expander(f"All {len(problem.requirement_ids)} requirements"):
                rows = [
                    {"id": rid, "requirement": by_id[rid].text, "section": by_id[rid].section}
                    for rid in problem.requirement_ids
                ]
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_split(report: Report) -> None:
    if not report.breadth.split:
        return
    st.markdown("### Proposed split — each part could be a separate procurement")
    rows = [
        {"part": part.name, "requirements": part.n_requirements} for part in report.breadth.split
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_concerns(report: Report) -> None:
    if not report.concerns:
        return
    st.markdown("### Cross-cutting quality concerns (not counted as problems)")
    rows = [
        {"concern": c.category, "requirements": len(c.requirement_ids)} for c in report.concerns
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def show_requirements(report: Report, *, key: str = "") -> None:
    st.markdown("### Requirements")
    label_of = {p.id: p.label for p in report.problems}
    frame = pd.DataFrame(
        [
            {
                "id": r.id,
                "requirement": r.text,
                "problem": label_of.get(r.problem, "—") if r.problem is not None else "—",
                "kind": r.kind if r.category is None else f"{r.kind} ({r.category})",
                "section": r.section,
            }
            for r in report.requirements
        ]
    )
    columns = st.columns(4)
    problems = columns[0].multiselect(
        "Problem", sorted(frame["problem"].unique()), key=f"{key}f_problem"
    )
    kinds = columns[1].multiselect("Kind", sorted(frame["kind"].unique()), key=f"{key}f_kind")
    sections = columns[2].multiselect(
        "Section", sorted(frame["section"].unique()), key=f"{key}f_section"
    )
    text = columns[3].text_input("Contains", key=f"{key}f_text")
    shown = frame
    if problems:
        shown = shown[shown["problem"].isin(problems)]
    if kinds:
        shown = shown[shown["kind"].isin(kinds)]
    if sections:
        shown = shown[shown["section"].isin(sections)]
    if text:
        shown = shown[shown["requirement"].str.contains(text, case=False, regex=False)]
    st.caption(f"{len(shown)} of {len(frame)} requirements")
    st.dataframe(shown, hide_index=True, width="stretch")


def show_downloads(report: Report, *, key: str = "") -> None:
    stem = Path(report.source.name).stem
    columns = st.columns(3)
    columns[0].download_button(
        "JSON report", to_json(report), f"{stem}.report.json", "application/json", key=f"{key}json"
    )
    columns[1].download_button(
        "Markdown summary",
        to_markdown(report),
        f"{stem}.report.md",
        "text/markdown",
        key=f"{key}md",
    )
    columns[2].download_button(
        "Requirements CSV",
        to_csv([report]),
        f"{stem}.requirements.csv",
        "text/csv",
        key=f"{key}csv",
    )


def analyse_page() -> None:
    st.title("Scope-creep analyser")
    st.caption(
        "Is this requirements specification trying to solve too many problems with one system?"
    )
    fast = st.sidebar.toggle("Fast mode (TF-IDF)", value=False, key="fast")
    granularity = st.sidebar.select_slider(
        "Granularity",
        options=list(GRANULARITY),
        value=0,
        format_func=GRANULARITY.get,
        key="granularity",
        help="Fewer or more problems, from the same requirements (nothing is read or embedded "
        "again). The verdict thresholds are calibrated at the default.",
    )
    inputs = choose_inputs()
    if not inputs:
        st.info(
            "Upload one or more specifications (" + ", ".join(SUPPORTED_SUFFIXES) + ") or pick "
            "a sample spec."
        )
        return
    results = analyse_all(inputs, "tfidf" if fast else "minilm", granularity)
    if len(results) > 1:
        show_overview(results)
        name = st.selectbox("Show the report for", list(results), key="shown")
    else:
        name = next(iter(results))
    result = results[name]
    if isinstance(result, str):
        st.error(result)
        return
    report = result.report
    show_verdict(report)
    show_map(result)
    show_split(report)
    show_problems(result)
    show_concerns(report)
    show_requirements(report)
    show_downloads(report)


def portfolio_page() -> None:
    st.title("Portfolio")
    st.caption("Specs scored in bulk by `analyser batch`, broadest first.")
    store = choose_store()
    if store is None:
        st.info(
            "No results database yet. Score a folder or zip archive of specs from the command "
            "line, then open the database here:\n\n"
            "`analyser batch specs/ archive.zip --db results.sqlite --workers 2`\n\n"
            "Or score the sample specs now to see what the page shows."
        )
        if st.button("Score the sample specs", key="score_samples"):
            score_samples()
            st.rerun()
        return
    table = league_table(store, include_failed=True)
    table.insert(1, "spec", short_origins(list(table["origin"])))
    scored = table[table["rank"].notna()]
    failed = table[table["rank"].isna()]
    show_portfolio_figures(scored, failed)
    if len(scored):
        show_league(scored)
        show_distribution(scored)
    if len(failed):
        with st.expander(f"{len(failed)} files could not be scored"):
            st.dataframe(
                failed[["spec", "error_code", "error_message"]],
                hide_index=True,
                width="stretch",
            )
    if len(scored):
        show_drill_down(store, scored)


def choose_store() -> ResultStore | None:
    """The sidebar: a database path, an uploaded database, or the sample specs scored here."""
    st.sidebar.header("Results database")
    path = st.sidebar.text_input(
        "Database file", value=os.environ.get("ANALYSER_DB", "results.sqlite"), key="db_path"
    )
    upload = st.sidebar.file_uploader(
        "…or upload one", type=["sqlite", "db"], key="db_upload", help="Read in memory."
    )
    try:
        if upload is not None:
            return ResultStore.from_bytes(upload.getvalue(), name=upload.name)
        if path and Path(path).is_file():
            return ResultStore(path, read_only=True)
    except AnalyserError as error:
        st.error(str(error))
        return None
    return st.session_state.get("sample_store")


def score_samples() -> None:
    """Score the sample specs into an in-memory database held by this session."""
    store = ResultStore(":memory:")
    bar = st.progress(0.0, text="Scoring the sample specs…")

    def advance(event: BatchProgress) -> None:
        name = event.origin.rsplit("/", 1)[-1]
        bar.progress(event.done / event.total, text=f"{name} ({event.done}/{event.total})")

    run_batch([SAMPLES], store, analyser=load_analyser("minilm"), on_progress=advance)
    bar.empty()
    st.session_state["sample_store"] = store


def short_origins(origins: list[str]) -> list[str]:
    """Origins without the folder they all share: ``creep/v2.md`` rather than a long path,
    and two ``v2.md`` from different folders stay apart."""
    if not origins:
        return []
    parts = [origin.replace("!/", "/").split("/") for origin in origins]
    shared = 0
    while all(len(p) > shared + 1 for p in parts) and len({p[shared] for p in parts}) == 1:
        shared += 1
    return ["/".join(p[shared:]) for p in parts]


def show_portfolio_figures(scored: pd.DataFrame, failed: pd.DataFrame) -> None:
    verdicts = Counter(scored["verdict"])
    columns = st.columns(5)
    columns[0].metric("Specs scored", len(scored))
    columns[1].metric("Over-broad", verdicts["over-broad"])
    columns[2].metric("Borderline", verdicts["borderline"])
    columns[3].metric("Focused", verdicts["focused"])
    columns[4].metric("Not scored", len(failed), help="Unreadable, empty or unsupported files.")


def show_league(scored: pd.DataFrame) -> None:
    st.markdown("### League table")
    left, right = st.columns(2)
    verdicts = left.multiselect("Verdict", VERDICT_ORDER, key="league_verdict")
    text = right.text_input("Name or path contains", key="league_text")
    shown = scored
    if verdicts:
        shown = shown[shown["verdict"].isin(verdicts)]
    if text:
        shown = shown[shown["spec"].str.contains(text, case=False, regex=False)]
    st.caption(f"{len(shown)} of {len(scored)} specs")
    st.dataframe(
        shown[LEAGUE_SHOWN],
        hide_index=True,
        width="stretch",
        column_config={
            "score": st.column_config.ProgressColumn(
                "score", min_value=0, max_value=100, format="%.0f"
            ),
            "portfolio_percentile": st.column_config.NumberColumn("percentile here", format="%.0f"),
        },
    )


def show_distribution(scored: pd.DataFrame) -> None:
    st.markdown("### Score distribution")
    chart = (
        alt.Chart(scored)
        .mark_bar()
        .encode(
            x=alt.X("score:Q", bin=alt.Bin(step=10, extent=[0, 100]), title="breadth score"),
            y=alt.Y("count():Q", title="specs"),
            color=alt.Color(
                "verdict:N",
                scale=alt.Scale(domain=VERDICT_ORDER, range=VERDICT_COLOURS),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=["verdict:N", "count():Q"],
        )
        .properties(height=240)
    )
    st.altair_chart(chart, width="stretch")


def show_drill_down(store: ResultStore, scored: pd.DataFrame) -> None:
    st.markdown("### One spec in full")
    label_of = dict(zip(scored["origin"], scored["spec"], strict=True))
    origin = st.selectbox("Spec", list(scored["origin"]), format_func=label_of.get, key="drill")
    if origin is None:
        return
    report = store.report(origin)
    show_verdict(report)
    show_split(report)
    show_problem_table(report)
    show_concerns(report)
    show_requirements(report, key="drill_")
    show_downloads(report, key="drill_")


def show_problem_table(report: Report) -> None:
    st.markdown("### Business problems")
    rows = [
        {
            "problem": p.label,
            "requirements": len(p.requirement_ids),
            "keywords": ", ".join(p.keywords),
            "sections": "; ".join(p.sections),
        }
        for p in report.problems
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# -- the Compare page ---------------------------------------------------------------------

VERSIONS = SAMPLES / "versions"
SCOPE_BANNER = {"grew": st.warning, "shrank": st.info, "shifted": st.info, "no-growth": st.success}
CHANGE_KINDS = ["added", "removed", "modified", "unchanged"]


@st.cache_data(show_spinner=False, max_entries=16)
def compare_versions(
    inputs: tuple[tuple[bytes, str], ...], embedder: str
) -> tuple[History, list[Report], list[np.ndarray]]:
    """The series' history, each version's report, and a shared problem map."""
    analyser = load_analyser(embedder)
    reports = [examine(data, name, embedder).report for data, name in inputs]
    return analyser.history_of_reports(reports), reports, analyser.joint_map(reports)


def sample_series() -> dict[str, list[Path]]:
    if not VERSIONS.is_dir():
        return {}
    return {
        folder.name: sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
        for folder in sorted(VERSIONS.iterdir())
        if folder.is_dir()
    }


def choose_versions() -> list[tuple[bytes, str]]:
    """The sidebar: uploaded versions (oldest first) or a sample series."""
    st.sidebar.header("Versions")
    uploaded = st.sidebar.file_uploader(
        "Upload two or more versions, oldest first",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="versions_upload",
    )
    if uploaded:
        return [(file.getvalue(), file.name) for file in uploaded]
    series = sample_series()
    choice = st.sidebar.selectbox(
        "…or pick a sample series",
        ["—", *series],
        key="series",
        help="creep: a focused spec that takes on more problems draft by draft; reworded: "
        "renumbered and reworded, no growth; descoped: problems removed.",
    )
    return [] if choice == "—" else [(path.read_bytes(), path.name) for path in series[choice]]


def compare_page() -> None:
    st.title("Compare versions")
    st.caption("Scope creep is growth between drafts: which business problems did each add?")
    fast = st.sidebar.toggle("Fast mode (TF-IDF)", value=False, key="compare_fast")
    inputs = choose_versions()
    if len(inputs) < 2:
        st.info("Upload two or more versions of one spec, oldest first, or pick a sample series.")
        return
    too_large = [name for data, name in inputs if len(data) > MAX_UPLOAD_MB * 1024 * 1024]
    if too_large:
        st.error(f"{', '.join(too_large)}: larger than the {MAX_UPLOAD_MB} MB limit.")
        return
    try:
        with st.spinner(f"Analysing and aligning {len(inputs)} versions…"):
            history, reports, maps = compare_versions(tuple(inputs), "tfidf" if fast else "minilm")
    except AnalyserError as error:
        st.error(str(error))
        return
    if len(inputs) > 2:
        show_timeline(history)
    steps: dict[str, int] = {}
    if history.overall is not None and len(history.steps) > 1:
        steps[f"{history.versions[0].name} → {history.versions[-1].name} (overall)"] = -1
    steps |= {f"{c.before.name} → {c.after.name}": index for index, c in enumerate(history.steps)}
    shown = (
        st.selectbox("Compare", list(steps), key="step") if len(steps) > 1 else next(iter(steps))
    )
    index = steps[shown]
    comparison = history.overall if index == -1 else history.steps[index]
    assert comparison is not None
    first, second = (0, len(reports) - 1) if index == -1 else (index, index + 1)
    show_headline(comparison)
    show_side_by_side(comparison, reports[first], reports[second], maps[first], maps[second])
    show_problem_changes(comparison)
    show_diff(comparison)
    st.download_button(
        "Comparison (JSON)", comparison_to_json(comparison), "comparison.json", "application/json"
    )


def show_headline(comparison: Comparison) -> None:
    SCOPE_BANNER[comparison.scope_change](f"**{comparison.headline}**")
    before, after = comparison.before, comparison.after
    columns = st.columns(4)
    columns[0].metric(
        "Business problems",
        after.n_problems,
        after.n_problems - before.n_problems,
        delta_color="inverse",
    )
    columns[1].metric(
        "Requirements",
        after.n_requirements,
        after.n_requirements - before.n_requirements,
        delta_color="off",
    )
    columns[2].metric(
        "Breadth score",
        f"{after.score:.0f}",
        f"{after.score - before.score:+.0f}",
        delta_color="inverse",
    )
    columns[3].metric("Verdict", after.verdict, f"was {before.verdict}", delta_color="off")


def show_side_by_side(
    comparison: Comparison,
    old: Report,
    new: Report,
    old_map: np.ndarray,
    new_map: np.ndarray,
) -> None:
    """Both versions on the same axes; new (right) and dropped (left) problems in colour,
    the problems that carry on in grey."""
    st.markdown("### Problem map, before and after")
    st.caption(
        "Each dot is a functional requirement, both versions on the same axes. In colour: "
        "problems new in the later version (right) or dropped from the earlier one (left)."
    )
    new_ids = {p.id for p in comparison.new_problems}
    dropped_ids = {p.id for p in comparison.dropped_problems}
    frames = [
        _version_frame(old, old_map, dropped_ids, "dropped"),
        _version_frame(new, new_map, new_ids, "new"),
    ]
    highlighted = sorted({h for f in frames for h in f["highlight"] if h != "carried on"})
    domain = ["carried on", *highlighted]
    scale = alt.Scale(domain=domain, range=["#BBBBBB", *PALETTE[: len(highlighted)]])
    x_scale = alt.Scale(domain=_extent(old_map, new_map, 0))
    y_scale = alt.Scale(domain=_extent(old_map, new_map, 1))
    for column, frame, version in zip(
        st.columns(2), frames, (comparison.before, comparison.after), strict=True
    ):
        plural = "s" if version.n_problems != 1 else ""
        column.markdown(
            f"**{version.name}** — {version.n_problems} problem{plural}, {version.verdict}"
        )
        column.altair_chart(
            alt.Chart(frame)
            .mark_circle(size=60, opacity=0.85)
            .encode(
                x=alt.X("x", axis=None, scale=x_scale),
                y=alt.Y("y", axis=None, scale=y_scale),
                color=alt.Color(
                    "highlight",
                    scale=scale,
                    legend=alt.Legend(orient="bottom", columns=1, labelLimit=400),
                    title=None,
                ),
                tooltip=["id", "requirement", "problem"],
            )
            .properties(height=340),
            width="stretch",
        )


def _version_frame(
    report: Report, coordinates: np.ndarray, highlighted: set[int], word: str
) -> pd.DataFrame:
    label_of = {p.id: p.label for p in report.problems}
    functional = [r for r in report.requirements if r.kind == "functional"]
    return pd.DataFrame(
        {
            "x": coordinates[:, 0],
            "y": coordinates[:, 1],
            "id": [r.id for r in functional],
            "requirement": [r.text for r in functional],
            "problem": [label_of.get(r.problem, "—") for r in functional],
            "highlight": [
                f"{label_of[r.problem]} ({word})" if r.problem in highlighted else "carried on"
                for r in functional
            ],
        }
    )


def _extent(first: np.ndarray, second: np.ndarray, axis: int) -> list[float]:
    values = np.concatenate([first[:, axis], second[:, axis]]) if len(first) + len(second) else []
    if not len(values):
        return [-1.0, 1.0]
    low, high = float(np.min(values)), float(np.max(values))
    margin = (high - low) * 0.05 or 0.1
    return [low - margin, high + margin]


def show_problem_changes(comparison: Comparison) -> None:
    rows = [
        {
            "before": " + ".join(link.old_labels) or "—",
            "after": " + ".join(link.new_labels) or "—",
            "shape": link.shape,
            "trend": link.trend,
            "requirements": f"{link.n_before} → {link.n_after}",
        }
        for link in comparison.problem_links
    ]
    rows += [
        {"before": "—", "after": p.label, "shape": "new", "trend": "new",
         "requirements": f"0 → {len(p.requirements)}"}
        for p in comparison.new_problems
    ]  # fmt: skip
    rows += [
        {"before": p.label, "after": "—", "shape": "dropped", "trend": "dropped",
         "requirements": f"{len(p.requirements)} → 0"}
        for p in comparison.dropped_problems
    ]  # fmt: skip
    st.markdown("### Business problems, before → after")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_diff(comparison: Comparison) -> None:
    st.markdown("### Requirements, change by change")
    changes = [*comparison.added, *comparison.removed, *comparison.modified, *comparison.unchanged]
    frame = pd.DataFrame(
        [
            {
                "change": c.kind,
                "old id": c.old_id or "",
                "new id": c.new_id or "",
                "before": c.old_text or "",
                "after": c.new_text or "",
                "similarity": c.similarity,
            }
            for c in changes
        ]
    )
    counts = Counter(frame["change"])
    kinds = st.multiselect(
        "Change",
        CHANGE_KINDS,
        default=[k for k in CHANGE_KINDS if k != "unchanged"],
        format_func=lambda k: f"{k} ({counts[k]})",
        key="c_kind",
    )
    shown = frame[frame["change"].isin(kinds)]
    st.caption(f"{len(shown)} of {len(frame)} requirement changes")
    st.dataframe(shown, hide_index=True, width="stretch")


def show_timeline(history: History) -> None:
    st.markdown("### Timeline")
    SCOPE_BANNER[history.overall.scope_change if history.overall else "no-growth"](
        f"**Overall: {history.headline}**"
    )
    versions = pd.DataFrame(
        [
            {
                "version": f"{i + 1}. {v.name}",
                "business problems": v.n_problems,
                "requirements": v.n_requirements,
                "score": v.score,
                "verdict": v.verdict,
            }
            for i, v in enumerate(history.versions)
        ]
    )
    base = alt.Chart(versions).encode(x=alt.X("version:N", sort=None, title=None))
    problems = base.mark_line(point=alt.OverlayMarkDef(size=120)).encode(
        y=alt.Y("business problems:Q", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=VERDICT_ORDER, range=VERDICT_COLOURS)),
        tooltip=["version", "business problems", "requirements", "score", "verdict"],
    )
    line = base.mark_line(color="#999999").encode(y="business problems:Q")
    left, right = st.columns([3, 2])
    left.altair_chart((line + problems).properties(height=260), width="stretch")
    right.dataframe(
        pd.DataFrame(
            [{"step": f"{c.before.name} → {c.after.name}", "headline": c.headline}
             for c in history.steps]
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip


def main() -> None:
    st.set_page_config(page_title="Scope-creep analyser", page_icon="🔎", layout="wide")
    page = st.sidebar.radio(
        "Page", ["Analyse", "Compare", "Portfolio"], key="page", horizontal=True
    )
    if page == "Portfolio":
        portfolio_page()
    elif page == "Compare":
        compare_page()
    else:
        analyse_page()


main()
