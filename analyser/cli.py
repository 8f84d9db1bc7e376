"""The command line: each command is a thin wrapper over one library call.

Exit codes: 0 ok · 1 an input could not be analysed (a coded message on stderr says why) ·
2 usage error.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from analyser import __version__
from analyser.config import AnalyserConfig
from analyser.errors import AnalyserError
from analyser.pipeline import Analyser
from analyser.readers import SUPPORTED_SUFFIXES
from analyser.records import Report
from analyser.report import to_csv, to_json, to_markdown

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Tell, with evidence, whether a requirements specification is over-broad.",
)


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    csv = "csv"


@app.command("analyse")
def analyse_cli(
    paths: Annotated[list[Path], typer.Argument(help="Spec files, or folders to search for them.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    fast: Annotated[
        bool, typer.Option("--fast", help="TF-IDF instead of the MiniLM model.")
    ] = False,
) -> None:
    """Analyse specifications: requirements, business problems, breadth verdict."""
    files = _expand(paths)
    if not files:
        typer.echo(
            f"error: no spec files ({' '.join(SUPPORTED_SUFFIXES)}) found in the folder(s) given.",
            err=True,
        )
        raise typer.Exit(code=1)
    analyser = Analyser(AnalyserConfig(embedder="tfidf" if fast else "minilm")).load()
    reports: list[Report] = []
    n_failed = 0
    for outcome in analyser.analyse_many(files, on_progress=_progress(len(files))):
        if outcome.report is not None:
            reports.append(outcome.report)
        else:
            n_failed += 1
            typer.echo(f"error: {outcome.name}: {outcome.error}", err=True)
    _write(_render(reports, output_format, one_input=len(files) == 1), out)
    if n_failed:
        raise typer.Exit(code=1)


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


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                child
                for child in path.rglob("*")
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)  # a missing file is reported by the reader, with its code
    return files


def _progress(total: int):  # type: ignore[no-untyped-def]
    def report(index: int, name: str) -> None:
        if total > 1:
            typer.echo(f"[{index + 1}/{total}] {name}", err=True)

    return report


def _render(reports: list[Report], output_format: OutputFormat, *, one_input: bool) -> str:
    if output_format is OutputFormat.csv:
        return to_csv(reports)
    if output_format is OutputFormat.markdown:
        return "\n".join(to_markdown(report) for report in reports)
    if one_input:
        return "".join(to_json(report) + "\n" for report in reports)
    return "".join(to_json(report, indent=None) + "\n" for report in reports)  # JSON Lines


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        typer.echo(f"error: cannot write the report to '{out}': {error.strerror}.", err=True)
        raise typer.Exit(code=1) from None
