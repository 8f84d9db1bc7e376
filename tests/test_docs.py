"""Docs are executable: every CLI command, report format, error code and setting is documented."""

from __future__ import annotations

import dataclasses
import re

import pytest

from analyser import errors
from analyser.cli.commands import app
from analyser.config import AnalyserConfig
from analyser.readers import SUPPORTED_SUFFIXES
from analyser.report import REPORT_FORMATS

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
METHOD = (REPO / "docs" / "method.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [c.name for c in app.registered_commands])
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"analyser {command}\b", README)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_report_format_is_in_the_readme(fmt: str) -> None:
    assert f"--format {fmt}" in README or (fmt == "json" and "JSON report" in README)


@pytest.mark.parametrize(
    "error",
    [
        e
        for e in vars(errors).values()
        if isinstance(e, type)
        and issubclass(e, errors.AnalyserError)
        and e is not errors.AnalyserError
    ],
)
def test_every_error_code_is_in_the_readme(error: type) -> None:
    assert f"| {error.code} |" in README


@pytest.mark.parametrize("setting", [f.name for f in dataclasses.fields(AnalyserConfig)])
def test_every_setting_is_in_the_method_doc(setting: str) -> None:
    assert f"| `{setting}` |" in METHOD


def test_readme_lists_every_format_and_the_two_commands() -> None:
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in README, suffix
    assert "make run" in README and "make test" in README


DOCS_TEXT = "\n".join(
    path.read_text(encoding="utf-8") for path in [REPO / "README.md", *(REPO / "docs").glob("*.md")]
)
NAMED_PATHS = sorted(
    set(re.findall(r"`((?:analyser|ui|bench|tests|models)/[\w/.-]*\w)`", DOCS_TEXT))
    | set(re.findall(r"\b((?:analyser|ui)/[\w/]+\.py)\b", DOCS_TEXT))
)


@pytest.mark.parametrize("path", NAMED_PATHS)
def test_every_path_the_docs_name_exists(path: str) -> None:
    assert (REPO / path).exists(), f"the docs name {path}, which does not exist"


@pytest.mark.parametrize(
    "package",
    sorted(p.name for p in (REPO / "analyser").iterdir() if (p / "__init__.py").is_file()),
)
def test_the_architecture_doc_describes_every_package(package: str) -> None:
    architecture = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert f"**`{package}/`**" in architecture or f"`{package}/" in architecture
