"""Every performance measurement, each beside a baseline from the same run → docs/PERFORMANCE.md.

Batch throughput with 1 and 2 workers and a kill-and-resume (``bench.batch``), pipeline
overhead against the models alone (``bench.overhead``), cost growth at 1k/5k/20k requirements
(``bench.scaling``), the cost of the trained functional/quality classifier against the
lexicon (``bench.kind_cost``), reading with PDFium against pypdf (``bench.reading``), the app's
upload → full results time with each PDF reader, in a real browser (``bench.app_upload``), and
each stage on the sample specs as a multiple of spaCy's rule-based sentencizer on the same
text. About 55 minutes on 2 cores.

    python -m bench.performance [--data ../shared/data] [--out docs/PERFORMANCE.md]
    python -m bench.performance FILES...     (only the stage table, on these files)
    python -m bench.performance --reading    (only reading and the app's upload time)
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import spacy

from analyser import Analyser, AnalyserConfig, read_spec
from analyser.breadth.cluster import cluster_problems
from analyser.language.extract import extract_requirements
from analyser.language.segment import segment
from bench import app_upload, batch, kind_cost, overhead, reading, review_cost, scaling
from bench._data import DEFAULT_DATA
from bench._models import TimedModels
from bench._timing import best_of
from bench.synthetic import synthetic_document, synthetic_spec

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_specs"


def measure(paths: list[Path], *, repeat: int = 3) -> list[dict[str, float | str]]:
    analyser = Analyser(AnalyserConfig())
    fast = Analyser(AnalyserConfig(embedder="tfidf"), nlp=analyser.nlp)
    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    rows = []
    for path in paths:
        document = read_spec(path)
        text = "\n".join(block.text for block in document.blocks)
        baseline, _ = best_of(repeat, lambda: list(sentencizer(text).sents))
        t_read, _ = best_of(repeat, lambda: read_spec(path))
        t_segment, segments = best_of(repeat, lambda: segment(document, analyser.nlp))
        t_extract, requirements = best_of(
            repeat, lambda: extract_requirements(segments, tabular=document.tabular)
        )
        functional = [r for r in requirements if r.kind == "functional"]
        texts = [r.text for r in functional]
        t_embed, vectors = best_of(repeat, lambda: analyser.embedder.embed(texts))
        t_tfidf, _ = best_of(repeat, lambda: fast.embedder.embed(texts))
        t_cluster, _ = best_of(
            repeat,
            lambda: cluster_problems(
                functional,
                vectors,
                merge_similarity=analyser.config.merge_threshold,
                term_overlap=analyser.config.term_overlap,
                min_problem_share=analyser.config.min_problem_share,
                min_problem_size=analyser.config.min_problem_size,
            ),
        )
        t_total, _ = best_of(repeat, lambda: analyser.analyse_path(path))
        rows.append(
            {
                "file": path.name,
                "words": len(text.split()),
                "requirements": len(requirements),
                "baseline_s": baseline,
                "read": t_read / baseline,
                "segment": t_segment / baseline,
                "extract": t_extract / baseline,
                "embed": t_embed / baseline,
                "embed_fast": t_tfidf / baseline,
                "cluster": t_cluster / baseline,
                "total": t_total / baseline,
                "total_s": t_total,
            }
        )
    return rows


def stage_section(paths: list[Path], *, repeat: int = 3) -> str:
    rows = measure(paths, repeat=repeat)
    columns = ["read", "segment", "extract", "embed", "embed_fast", "cluster", "total"]
    lines = [
        "## Stages, on the sample specs",
        "",
        "Stage time as a multiple of spaCy's rule-based sentencizer splitting the same text "
        f"(best of {repeat}, models loaded once).",
        "",
        "| file | words | reqs | " + " | ".join(columns) + " | total (s) |",
        "|---|---|---|" + "---|" * len(columns) + "---|",
    ]
    for row in rows:
        cells = " | ".join(f"{row[c]:.1f}×" for c in columns)
        lines.append(
            f"| {row['file']} | {row['words']} | {row['requirements']} | {cells} "
            f"| {row['total_s']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="Only the stage table, on these.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "PERFORMANCE.md")
    parser.add_argument(
        "--reading", action="store_true", help="Only the reading and app-upload sections."
    )
    args = parser.parse_args()
    if args.files:
        print(stage_section(args.files))
        return
    if args.reading:
        print(reading_report(args.data))
        return
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf"))
    if not (args.data / "pure" / "documents").is_dir():
        print(f"The evaluation data is not at {args.data} (pass --data): stage table only.")
        print(stage_section(samples))
        return
    started = time.perf_counter()
    sections = performance_report(args.data, samples)
    args.out.write_text(sections, encoding="utf-8")
    print(sections)
    print(f"written to {args.out} in {(time.perf_counter() - started) / 60:.1f} min")


def performance_report(
    data: Path,
    samples: list[Path],
    *,
    folder: Path | None = None,
    sizes: tuple[int, ...] = scaling.SIZES,
    repeat: int = 3,
) -> str:
    """Every measurement, each beside its baseline from the same run, as docs/PERFORMANCE.md.

    ``folder`` (default: the PURE documents) is batch-scored and its overhead measured;
    ``sizes`` are the synthetic specs of the cost-growth table, whose last two give the growth
    figure. Each section is printed to stderr as soon as it is measured, so a run stopped
    late keeps what it had.
    """
    folder = folder or data / "pure" / "documents"
    say = functools.partial(print, file=sys.stderr, flush=True)
    say("batch throughput, 1 worker …")
    one = batch.measure_throughput(folder, 1)
    say("batch throughput, 2 workers …")
    two = batch.measure_throughput(folder, 2)
    say("kill and resume …")
    resumed = batch.measure_resumption(folder)
    say(batch.section(one, two, resumed))
    say("pipeline overhead …")
    models = TimedModels()
    models.analyser.analyse_document(synthetic_document(50, data=data))  # first-call costs
    pure, skipped = overhead.measure_pure(models, sorted(folder.iterdir()))
    synthetic = overhead.measure_synthetic(models, data=data)
    say(overhead.table(pure, skipped, synthetic))
    say(f"cost growth at {', '.join(f'{size:,}' for size in sizes)} requirements …")
    rows = scaling.run_sizes(sizes, data=data)
    say(scaling.table(rows))
    say("functional/quality classifier cost …")
    kinds = kind_cost.measure(sorted(folder.iterdir()))
    say(kind_cost.section(kinds))
    say("reading, PDFium against pypdf …")
    read_rows = reading.measure(folder, models.analyser, reading.labels_of(data))
    say(reading.section(read_rows))
    say("the app: upload → full results …")
    uploads, upload_rows = _uploads(data, folder)
    say(uploads)
    say("the scope review's share of analysis …")
    review_rows = review_cost.measure(folder, models.analyser)
    say(review_cost.section(review_rows))
    say("stages on the sample specs …")
    stages = stage_section(samples, repeat=repeat)
    share = reading.shares(read_rows)

    speedup = one.seconds / two.seconds
    analysis_s = sum(row.analysis_s for row in pure)
    models_s = sum(row.models_s for row in pure)
    small, large = rows[-2], rows[-1]
    growth = large.analysis_s / small.analysis_s
    model_growth = large.models_s / small.models_s
    size_ratio = large.size / small.size
    once = resumed.rows_after == resumed.distinct_after == resumed.inputs

    def met(ok: bool) -> str:
        return "yes" if ok else "no"

    summary = [
        "# Performance",
        "",
        f"`make bench` (`python -m bench.performance`), measured {date.today().isoformat()} on "
        f"a {os.cpu_count()}-core machine without a GPU. Every figure sits beside a baseline "
        "measured in the same run, so the ratios carry over to other machines; seconds are "
        "given for orientation. Data: the PURE documents (`pure/documents/`, read from the "
        "evaluation data, never copied) and synthetic specs built in memory from CrowdRE, "
        "PROMISE NFR and the user-story backlogs (`bench/synthetic.py`).",
        "",
        "| measure | baseline (same run) | result | target | met |",
        "|---|---|---|---|---|",
        f"| batch throughput, 2 workers | 1 worker: {one.specs_per_second:.3f} specs/s, "
        f"{one.requirements_per_second:.1f} requirements/s | {two.specs_per_second:.3f} specs/s, "
        f"{two.requirements_per_second:.1f} requirements/s: **{speedup:.2f}×** | ≥ 1.6× "
        f"| {met(speedup >= 1.6)} |",
        f"| pipeline overhead, {len(pure)} PURE documents | models alone (spaCy `nlp.pipe` + "
        f"embedding): {models_s:.1f} s | analysis {analysis_s:.1f} s: "
        f"**{analysis_s / models_s:.2f}** | ≤ 1.3 | {met(analysis_s / models_s <= 1.3)} |",
        f"| cost growth, {large.size:,} ÷ {small.size:,} requirements | models alone: "
        f"{model_growth:.2f}× | **{growth:.2f}×** ({small.analysis_s:.0f} s → "
        f"{large.analysis_s:.0f} s) | ≤ {size_ratio * 1.25:g}× | "
        f"{met(growth <= size_ratio * 1.25)} |",
        f"| peak RSS at {large.size:,} requirements | models loaded: {large.loaded_mb:,.0f} MB "
        f"| **{large.peak_mb:,.0f} MB** | ≤ 2,048 MB | {met(large.peak_mb <= 2048)} |",
        f"| analysis with the trained functional/quality classifier, {kinds.documents} PURE "
        f"documents | lexicon: {kinds.lexicon_s:.1f} s | {kinds.trained_s:.1f} s: "
        f"**{kinds.ratio:.3f}×** | ≤ {kind_cost.MAX_RATIO:g}× "
        f"| {met(kinds.ratio <= kind_cost.MAX_RATIO)} |",
        f"| reading, {len(read_rows)} PURE documents, as a share of analysis | pypdf: "
        f"{share['pypdf']:.1%} | PDFium: **{share['pdfium']:.1%}** | ≤ 10 % "
        f"| {met(share['pdfium'] <= 0.10)} |",
        *upload_rows,
        review_cost.summary_row(review_rows),
        f"| kill (SIGKILL) halfway, then rerun | {resumed.rows_at_kill} of {resumed.inputs} "
        f"committed at the kill | {resumed.rows_after} rows, {resumed.distinct_after} distinct, "
        f"rerun skipped {resumed.skipped_by_rerun} | every spec exactly once | {met(once)} |",
        "",
    ]
    return "\n".join(
        [
            *summary,
            batch.section(one, two, resumed),
            overhead.table(pure, skipped, synthetic),
            scaling.table(rows),
            kind_cost.section(kinds),
            reading.section(read_rows),
            uploads,
            review_cost.section(review_rows),
            stages,
        ]
    )


def reading_report(data: Path) -> str:
    """The reading and app-upload sections, with their rows of the summary table."""
    folder = data / "pure" / "documents"
    analyser = Analyser(AnalyserConfig()).load()
    rows = reading.measure(folder, analyser, reading.labels_of(data))
    share = reading.shares(rows)
    uploads, upload_rows = _uploads(data, folder)
    summary = [
        "| measure | baseline (same run) | result | target | met |",
        "|---|---|---|---|---|",
        f"| reading, {len(rows)} PURE documents, as a share of analysis | pypdf: "
        f"{share['pypdf']:.1%} | PDFium: **{share['pdfium']:.1%}** | ≤ 10 % "
        f"| {'yes' if share['pdfium'] <= 0.10 else 'no'} |",
        *upload_rows,
        "",
    ]
    return "\n".join([*summary, reading.section(rows), uploads])


UPLOAD_TARGETS = (5.0, 5.0, 8.0)  # largest sample spec, 300 requirements, largest PURE PDF


def _uploads(data: Path, folder: Path) -> tuple[str, list[str]]:
    """The app's upload → full results section, and its rows of the summary table: the largest
    sample spec, a synthetic spec of 300 requirements and the PURE PDF with the most pages,
    each with both PDF readers."""
    from pypdf import PdfReader

    largest_sample = max(
        (p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf", ".csv")),
        key=lambda p: p.stat().st_size,
    )
    pdfs = list(folder.glob("*.pdf")) or list(SAMPLES.glob("*.pdf"))
    largest_pdf = max(pdfs, key=lambda p: len(PdfReader(p).pages))
    lines = [
        "## The app: upload → full results",
        "",
        "Chromium (Playwright) on `streamlit run app.py`, models loaded by a first analysis "
        "(warm); each file uploaded on a fresh page with each PDF reader chosen under "
        "*Reading limits*, timed until the verdict banner and the problem map show. Each "
        "upload is a full analysis (the app caches by content and reading settings).",
        "",
    ]
    with tempfile.TemporaryDirectory() as folder_300:
        synthetic = Path(folder_300) / "synthetic-300-requirements.md"
        synthetic.write_text(synthetic_spec(300, data=data), encoding="utf-8")
        files = [largest_sample, synthetic, largest_pdf]
        try:
            rows = app_upload.measure(files)
        except RuntimeError as error:
            return "\n".join([*lines, f"Not measured: {error}.", ""]), []
    targets = {file.name: target for file, target in zip(files, UPLOAD_TARGETS, strict=True)}
    summary = [
        f"| app upload → full results, {row.file} (warm) | pypdf: {row.seconds['pypdf']:.1f} s "
        f"| PDFium: **{row.seconds['pdfium']:.1f} s** | ≤ {targets[row.file]:g} s "
        f"| {'yes' if row.seconds['pdfium'] <= targets[row.file] else 'no'} |"
        for row in rows
    ]
    return "\n".join(lines) + "\n" + app_upload.table(rows, targets), summary


if __name__ == "__main__":
    main()
