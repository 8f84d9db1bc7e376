"""The command line: each command is a thin wrapper over one library call.

Exit codes: 0 ok · 1 an input could not be analysed (a coded message on stderr says why) ·
2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from analyser import (
    SUPPORTED_SUFFIXES,
    Analyser,
    AnalyserConfig,
    AnalyserError,
    ArchiveLimits,
    ReadBudget,
    Report,
    ResultStore,
    __version__,
    comparison_to_json,
    comparison_to_markdown,
    history_to_json,
    history_to_markdown,
    league_table,
    render_league,
    review_docx,
    review_markdown,
    review_to_json,
    run_batch,
    to_csv,
    to_json,
    to_markdown,
)
from analyser.batch.archive import RejectedInput, discover, load
from analyser.cli.display import BatchDisplay, describe_summary

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Tell, with evidence, whether a requirements specification is over-broad.",
)


class CompareChoice(StrEnum):
    json = "json"
    markdown = "markdown"


class ExportChoice(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    csv = "csv"


class ReviewFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    docx = "docx"


class PdfReaderChoice(StrEnum):
    pdfium = "pdfium"
    pypdf = "pypdf"


# The reading budget and engine, shared by every command that reads specs.
Fast = Annotated[bool, typer.Option("--fast", help="TF-IDF instead of the MiniLM model.")]
MaxSeconds = Annotated[
    float,
    typer.Option("--max-seconds", min=1, help="Stop reading a file after this many seconds."),
]
MaxPages = Annotated[int, typer.Option("--max-pages", min=1, help="Most pages read from a PDF.")]
MaxChars = Annotated[
    int, typer.Option("--max-chars", min=1, help="Most characters of text read from a file.")
]
MaxMemory = Annotated[
    int, typer.Option("--max-memory", min=64, help="Most memory reading one file may take, MB.")
]
PdfReader = Annotated[
    PdfReaderChoice,
    typer.Option("--pdf-reader", help="pdfium (fast) or pypdf (the earlier reader)."),
]
_BUDGET = ReadBudget()


@app.command("analyse")
def analyse_cli(
    paths: Annotated[
        list[Path], typer.Argument(help="Spec files, folders to search, zip archives.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    fast: Fast = False,
    max_seconds: MaxSeconds = _BUDGET.seconds,
    max_pages: MaxPages = _BUDGET.pages,
    max_chars: MaxChars = _BUDGET.characters,
    max_memory: MaxMemory = _BUDGET.memory_mb,
    pdf_reader: PdfReader = PdfReaderChoice.pdfium,
) -> None:
    """Analyse specifications: requirements, business problems, breadth verdict."""
    inputs = list(discover(paths, suffixes=SUPPORTED_SUFFIXES))
    if not inputs:
        typer.echo(
            f"error: no spec files ({' '.join(SUPPORTED_SUFFIXES)}) found in the folder(s) given.",
            err=True,
        )
        raise typer.Exit(code=1)
    analyser = Analyser(
        _config(fast, max_seconds, max_pages, max_chars, max_memory, pdf_reader)
    ).load()
    reports: list[Report] = []
    n_failed = 0
    for index, item in enumerate(inputs):
        if len(inputs) > 1:
            typer.echo(f"[{index + 1}/{len(inputs)}] {item.origin}", err=True)
        try:
            if isinstance(item, RejectedInput):
                raise item.error
            reports.append(analyser.analyse_bytes(load(item), name=item.name))
        except AnalyserError as error:
            n_failed += 1
            typer.echo(f"error: {item.origin}: {error}", err=True)
    _write(_render(reports, output_format, one_input=len(inputs) == 1), out)
    if n_failed:
        raise typer.Exit(code=1)


@app.command("review")
def review_cli(
    path: Annotated[Path, typer.Argument(help="The spec file to review.")],
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="json, markdown or docx (Word).")
    ] = ReviewFormat.markdown,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write here (docx: default <spec>.review.docx)."),
    ] = None,
    fast: Fast = False,
    max_seconds: MaxSeconds = _BUDGET.seconds,
    max_pages: MaxPages = _BUDGET.pages,
    max_chars: MaxChars = _BUDGET.characters,
    max_memory: MaxMemory = _BUDGET.memory_mb,
    pdf_reader: PdfReader = PdfReaderChoice.pdfium,
) -> None:
    """Scope review: delivery-risk checks and requirement defects, with the evidence."""
    config = _config(fast, max_seconds, max_pages, max_chars, max_memory, pdf_reader)
    with _coded_errors():
        report = Analyser(config).load().analyse_path(path)
        if output_format is ReviewFormat.docx:
            target = out if out is not None else Path(f"{path.stem}.review.docx")
            _write_bytes(review_docx(report), target)
            typer.echo(f"wrote {target}", err=True)
            return
        if output_format is ReviewFormat.json:
            text = review_to_json(report) + "\n"
        else:
            text = review_markdown(report)
    _write(text, out)


@app.command("batch")
def batch_cli(
    paths: Annotated[
        list[Path], typer.Argument(help="Spec files, folders (searched recursively), zip archives.")
    ],
    db: Annotated[Path, typer.Option("--db", help="The SQLite results database.")] = Path(
        "results.sqlite"
    ),
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Local worker processes.")
    ] = 1,
    fast: Fast = False,
    max_seconds: MaxSeconds = _BUDGET.seconds,
    max_pages: MaxPages = _BUDGET.pages,
    max_chars: MaxChars = _BUDGET.characters,
    max_memory: MaxMemory = _BUDGET.memory_mb,
    pdf_reader: PdfReader = PdfReaderChoice.pdfium,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Analyse on this Dask scheduler (tcp://host:8786)."),
    ] = None,
    max_size: Annotated[
        float, typer.Option("--max-size", min=0.1, help="Largest spec read, in MB.")
    ] = 50.0,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Analyse again specs that failed before.")
    ] = False,
) -> None:
    """Score whole archives into a results database; reruns skip what is already scored."""
    limits = ArchiveLimits(max_file_bytes=int(max_size * 2**20))
    config = _config(fast, max_seconds, max_pages, max_chars, max_memory, pdf_reader)
    with _coded_errors(), ResultStore(db) as store, BatchDisplay() as display:
        summary = run_batch(
            paths,
            store,
            config=config,
            workers=workers,
            dask_address=dask,
            limits=limits,
            retry_failed=retry_failed,
            on_progress=display.update,
        )
    typer.echo(describe_summary(summary, db))


@app.command("export")
def export_cli(
    db: Annotated[Path, typer.Option("--db", help="The SQLite results database.")] = Path(
        "results.sqlite"
    ),
    export_format: Annotated[
        ExportChoice, typer.Option("--format", "-f", help="Table format.")
    ] = ExportChoice.csv,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    include_failed: Annotated[
        bool, typer.Option("--include-failed", help="List unscored specs after the ranking.")
    ] = False,
) -> None:
    """The league table of a results database, broadest spec first."""
    if export_format is ExportChoice.parquet and out is None:
        typer.echo("error: Parquet is a binary format: give a file with --out.", err=True)
        raise typer.Exit(code=2)
    with _coded_errors(), ResultStore(db, read_only=True) as store:
        table = league_table(store, include_failed=include_failed)
    data = render_league(table, export_format.value)
    if out is None:
        sys.stdout.write(data.decode())
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        typer.echo(f"error: cannot write '{out}': {error.strerror}.", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"{len(table)} specs written to {out}.", err=True)


@app.command("compare")
def compare_cli(
    old: Annotated[Path, typer.Argument(help="The earlier version of the spec.")],
    new: Annotated[Path, typer.Argument(help="The later version.")],
    output_format: Annotated[
        CompareChoice, typer.Option("--format", "-f", help="Comparison format.")
    ] = CompareChoice.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    fast: Fast = False,
    max_seconds: MaxSeconds = _BUDGET.seconds,
    max_pages: MaxPages = _BUDGET.pages,
    max_chars: MaxChars = _BUDGET.characters,
    max_memory: MaxMemory = _BUDGET.memory_mb,
    pdf_reader: PdfReader = PdfReaderChoice.pdfium,
) -> None:
    """Compare two versions of a spec: new and dropped business problems, changed requirements."""
    with _coded_errors():
        analyser = Analyser(
            _config(fast, max_seconds, max_pages, max_chars, max_memory, pdf_reader)
        )
        comparison = analyser.compare_paths(old, new)
    if output_format is CompareChoice.markdown:
        _write(comparison_to_markdown(comparison), out)
    else:
        _write(comparison_to_json(comparison) + "\n", out)


@app.command("history")
def history_cli(
    versions: Annotated[
        list[Path], typer.Argument(help="Versions of one spec, oldest first (at least two).")
    ],
    output_format: Annotated[
        CompareChoice, typer.Option("--format", "-f", help="Timeline format.")
    ] = CompareChoice.markdown,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    fast: Fast = False,
    max_seconds: MaxSeconds = _BUDGET.seconds,
    max_pages: MaxPages = _BUDGET.pages,
    max_chars: MaxChars = _BUDGET.characters,
    max_memory: MaxMemory = _BUDGET.memory_mb,
    pdf_reader: PdfReader = PdfReaderChoice.pdfium,
) -> None:
    """A timeline of a spec's versions: how its business problems grew or shrank, step by step."""
    if len(versions) < 2:
        typer.echo("error: history needs at least two versions, oldest first.", err=True)
        raise typer.Exit(code=2)
    with _coded_errors():
        analyser = Analyser(
            _config(fast, max_seconds, max_pages, max_chars, max_memory, pdf_reader)
        )
        history = analyser.history_paths(versions)
    if output_format is CompareChoice.markdown:
        _write(history_to_markdown(history), out)
    else:
        _write(history_to_json(history) + "\n", out)


@app.command("formats")
def formats_cli() -> None:
    """List the file formats the analyser reads."""
    typer.echo(" ".join(SUPPORTED_SUFFIXES))


@app.command("version")
def version_cli() -> None:
    """Print the analyser's version."""
    typer.echo(__version__)


def main() -> None:
    """Console-script entry point: a usage error exits 2, an analysis error exits 1."""
    try:
        app()
    except AnalyserError as error:  # raised outside a batch, e.g. while loading a model
        typer.echo(f"error: {error}", err=True)
        sys.exit(1)


# -- private ----------------------------------------------------------------------------


def _config(
    fast: bool,
    max_seconds: float,
    max_pages: int,
    max_chars: int,
    max_memory: int,
    pdf_reader: PdfReaderChoice,
) -> AnalyserConfig:
    budget = ReadBudget(
        seconds=max_seconds, pages=max_pages, characters=max_chars, memory_mb=max_memory
    )
    return AnalyserConfig(
        embedder="tfidf" if fast else "minilm", budget=budget, pdf_reader=pdf_reader.value
    )


@contextmanager
def _coded_errors() -> Iterator[None]:
    """An ``AnalyserError`` ends the command with its coded message and exit code 1."""
    try:
        yield
    except AnalyserError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None


def _render(reports: list[Report], output_format: OutputFormat, *, one_input: bool) -> str:
    if output_format is OutputFormat.csv:
        return to_csv(reports)
    if output_format is OutputFormat.markdown:
        return "\n".join(to_markdown(report) for report in reports)
    if one_input:
        return "".join(to_json(report) + "\n" for report in reports)
    return "".join(to_json(report, indent=None) + "\n" for report in reports)  # JSON Lines


def _write_bytes(data: bytes, out: Path) -> None:
    try:
        out.write_bytes(data)
    except OSError as error:
        typer.echo(f"error: cannot write '{out}': {error.strerror}.", err=True)
        raise typer.Exit(code=1) from None


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        typer.echo(f"error: cannot write the report to '{out}': {error.strerror}.", err=True)
        raise typer.Exit(code=1) from None
