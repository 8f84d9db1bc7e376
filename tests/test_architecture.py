"""The architecture is a test: data flows one way, and the faces stay thin."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analyser"
LEAVES = {"records", "errors", "config"}
# What each module may import from the package. Stages talk through records only.
ALLOWED: dict[str, set[str]] = {
    "records": set(),
    "errors": set(),
    "config": {"errors"},
    "readers": {"records", "errors"},
    "nlp": set(),
    "terms": set(),
    "roles": {"terms"},
    "segment": {"records", "roles", "terms"},
    "quality": {"records"},
    "extract": {"records", "quality"},
    "embed": {"errors"},
    "calibration": {"errors"},
    "projection": set(),
    "cluster": {"records"},
    "score": {"records", "calibration"},
    "report": {"records", "errors"},
    "comparison": {"records"},
    "align": {"records", "comparison"},
    "compare": {"align", "records", "comparison"},
    "compare_report": {"comparison", "errors"},
    "pipeline": {
        "__init__",
        "align",
        "calibration",
        "cluster",
        "compare",
        "comparison",
        "config",
        "embed",
        "errors",
        "extract",
        "nlp",
        "projection",
        "readers",
        "records",
        "score",
        "segment",
    },
    "archive": {"errors", "readers"},
    "store": {"errors", "records", "report"},
    "workers": {"__init__", "config", "errors", "pipeline", "records", "report", "store"},
    "batch": {
        "__init__",
        "archive",
        "config",
        "errors",
        "pipeline",
        "readers",
        "store",
        "workers",
    },
    "portfolio": {"errors", "store"},
    "cli_display": {"batch", "errors"},
    "cli": {
        "__init__",
        "archive",
        "batch",
        "cli_display",
        "compare_report",
        "config",
        "errors",
        "pipeline",
        "portfolio",
        "readers",
        "records",
        "report",
        "store",
    },
    "__init__": {
        "archive",
        "batch",
        "portfolio",
        "store",
        "compare_report",
        "comparison",
        "config",
        "errors",
        "pipeline",
        "readers",
        "records",
        "report",
    },
    "__main__": {"cli"},
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        name = relative.parts[0].removesuffix(".py")
        found.append((name, path))
    return found


def _imports(path: Path) -> set[str]:
    """Every module a file imports, absolute and dotted (``analyser.records``)."""
    names: set[str] = set()
    tree = ast.parse(path.read_text())
    typing_only = {  # `if TYPE_CHECKING:` imports never run
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _internal(path: Path) -> set[str]:
    """The package modules a file imports: ``__init__`` for ``from analyser import …``."""
    found = set()
    for name in _imports(path):
        if name == "analyser":
            found.add("__init__")
        elif name.startswith("analyser."):
            found.add(name.split(".")[1])
    return found


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_imports_flow_one_way(module: str, path: Path) -> None:
    internal = _internal(path)
    if module == "readers":
        internal -= {"readers"}
    assert module in ALLOWED, f"new module {module}: add it to the architecture contract"
    assert internal <= ALLOWED[module], f"{path.name} imports {internal - ALLOWED[module]}"


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_faces_stay_out_of_the_library(module: str, path: Path) -> None:
    imported = {name.split(".")[0] for name in _imports(path)}
    assert "streamlit" not in imported
    if module != "cli":
        assert "typer" not in imported
    if module not in ("nlp", "segment", "roles"):
        assert "spacy" not in imported, "spaCy stops at the segment boundary"


def test_app_uses_only_the_public_api() -> None:
    app = Path(__file__).resolve().parents[1] / "app.py"
    internal = {name for name in _imports(app) if name.startswith("analyser.")}
    assert internal == set(), f"app.py reaches into {internal}"
