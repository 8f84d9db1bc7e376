"""The command line, a face over the public API: ``commands`` (typer) and ``display``."""

from analyser.cli.commands import app, main

__all__ = ["app", "main"]
