"""The architecture is a test: data flows one way through the stages, and the faces stay thin.

Module names here are dotted paths inside the package (``language.segment``); the readers count
as one module, ``readers``, and ``__init__`` is the public API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "analyser"
# The pipeline's stages in the order the orchestrator runs them. No stage module imports
# another: they talk through records, and only ``pipeline`` knows the order.
STAGES = (
    "readers",
    "language.segment",
    "language.extract",
    "breadth.embed",
    "breadth.cluster",
    "breadth.score",
    "review",
    "report",
)
# What each module may import from the package.
ALLOWED: dict[str, set[str]] = {
    "records": set(),
    "errors": set(),
    "config": {"errors"},
    "readers": {"records", "errors", "config"},
    "language": set(),
    "language.nlp": set(),
    "language.terms": set(),
    "language.roles": {"language.terms"},
    "language.segment": {"records", "language.defects", "language.roles", "language.terms"},
    "language.defects": {"records"},
    "language.quality": {"records"},
    "language.extract": {"records", "language.quality"},
    "language.kind": {"records", "errors", "language.quality"},
    "breadth": set(),
    "breadth.embed": {"errors"},
    "breadth.calibration": {"errors"},
    "breadth.projection": set(),
    "breadth.micro": set(),
    "breadth.units": {"records", "breadth.micro"},
    "breadth.cluster": {"records", "breadth.micro", "breadth.units"},
    "breadth.evidence": {"records"},
    "breadth.score": {"records", "breadth.calibration", "breadth.evidence"},
    "review": {"records", "review.catalogue", "review.checks", "review.measures"},
    "review.catalogue": {"records"},
    "review.cues": set(),
    "review.checks": {"records", "review.catalogue", "review.cues"},
    "review.measures": {"records"},
    "review.render": {"records", "errors", "review.catalogue"},
    "review.document": {"records", "review.catalogue", "review.render"},
    "report": {"records", "errors", "review.render"},
    "versions": set(),
    "versions.comparison": {"records"},
    "versions.align": {"records", "versions.comparison"},
    "versions.compare": {"records", "versions.align", "versions.comparison"},
    "versions.render": {"versions.comparison", "errors"},
    "pipeline": {
        "__init__",
        "breadth.calibration",
        "breadth.cluster",
        "breadth.embed",
        "breadth.projection",
        "breadth.score",
        "config",
        "errors",
        "language.extract",
        "language.kind",
        "language.nlp",
        "language.segment",
        "readers",
        "records",
        "review",
        "versions.align",
        "versions.compare",
        "versions.comparison",
    },
    "batch": set(),
    "batch.archive": {"errors", "readers"},
    "batch.store": {"errors", "records", "report"},
    "batch.workers": {
        "__init__",
        "batch.store",
        "config",
        "errors",
        "pipeline",
        "records",
        "report",
    },
    "batch.run": {
        "__init__",
        "batch.archive",
        "batch.store",
        "batch.workers",
        "config",
        "errors",
        "pipeline",
        "readers",
    },
    "batch.portfolio": {"errors", "batch.store"},
    "cli": {"cli.commands"},
    "cli.display": {"__init__", "errors"},
    "cli.commands": {"__init__", "batch.archive", "cli.display"},
    "__init__": {
        "batch.archive",
        "batch.portfolio",
        "batch.run",
        "batch.store",
        "config",
        "errors",
        "pipeline",
        "readers",
        "records",
        "report",
        "review",
        "review.document",
        "review.render",
        "versions.comparison",
        "versions.render",
    },
    "__main__": {"cli.commands"},
}
# The CLI is a face too: it imports the public API, its own modules, and these internals only.
CLI_INTERNALS = {
    "batch.archive": "discover/load: `analyse` reads a folder or an archive one member at a time",
    "errors": "CODE_MEANINGS: the batch summary explains each error code it counts",
}
FACES = [REPO / "app.py", *sorted((REPO / "ui").glob("*.py"))]
LINE_LIMIT = 400
PAGE_LIMIT = 300


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[0] == "readers":
        return "readers"
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> list[tuple[str, Path]]:
    return [(_name(path), path) for path in sorted(PACKAGE.rglob("*.py"))]


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
            found.add(_name(PACKAGE / (name.removeprefix("analyser.").replace(".", "/") + ".py")))
    return found


MODULES = _modules()


@pytest.mark.parametrize(
    ("module", "path"), MODULES, ids=[str(p.relative_to(PACKAGE)) for _, p in MODULES]
)
def test_imports_flow_one_way(module: str, path: Path) -> None:
    internal = _internal(path) - {module}
    assert module in ALLOWED, f"new module {module}: add it to the architecture contract"
    assert internal <= ALLOWED[module], f"{path.name} imports {internal - ALLOWED[module]}"


def test_the_contract_names_only_modules_that_exist() -> None:
    assert set(ALLOWED) == {name for name, _ in MODULES}
    assert set(STAGES) <= set(ALLOWED)


def test_readers_know_no_nlp() -> None:
    for name, path in MODULES:
        if name != "readers":
            continue
        imported = _imports(path)
        roots = {module.split(".")[0] for module in imported}
        assert not roots & {"spacy", "onnxruntime", "tokenizers", "sklearn"}, path.name
        assert not {m for m in imported if m.startswith(("analyser.language", "analyser.breadth"))}


@pytest.mark.parametrize("stage", STAGES)
def test_stages_do_not_call_the_next_stage(stage: str) -> None:
    for name, path in MODULES:
        if name == stage:
            others = _internal(path) & set(STAGES) - {stage}
            assert not others, f"{path.name} (stage {stage}) imports the stage(s) {others}"


def test_only_the_orchestrator_knows_the_stage_order() -> None:
    importers = {name for name, path in MODULES if len(_internal(path) & set(STAGES[1:-1])) > 1}
    assert importers == {"pipeline"}


@pytest.mark.parametrize(
    ("module", "path"), MODULES, ids=[str(p.relative_to(PACKAGE)) for _, p in MODULES]
)
def test_faces_stay_out_of_the_library(module: str, path: Path) -> None:
    imported = {name.split(".")[0] for name in _imports(path)}
    assert "streamlit" not in imported, "nothing in the library imports Streamlit"
    if not module.startswith("cli"):
        assert "typer" not in imported
    if module not in ("language.nlp", "language.segment", "language.roles", "language.defects"):
        assert "spacy" not in imported, "spaCy stops at the segment boundary"


@pytest.mark.parametrize("face", FACES, ids=lambda path: path.name)
def test_the_app_uses_only_the_public_api(face: Path) -> None:
    internal = {name for name in _imports(face) if name.startswith("analyser.")}
    assert internal == set(), f"{face.name} reaches into {internal}"


def test_the_cli_uses_the_public_api_and_named_internals_only() -> None:
    for name, path in MODULES:
        if name.startswith("cli"):
            reached = _internal(path) - {"__init__"} - {n for n in ALLOWED if n.startswith("cli")}
            assert reached <= set(CLI_INTERNALS), f"{path.name} reaches into {reached}"


@pytest.mark.parametrize(
    "path",
    [path for _, path in MODULES] + FACES,
    ids=lambda path: str(path.relative_to(REPO)),
)
def test_modules_stay_small(path: Path) -> None:
    limit = PAGE_LIMIT if path.parent.name == "ui" else LINE_LIMIT
    assert len(path.read_text().splitlines()) <= limit


def test_app_py_only_sets_up_the_pages() -> None:
    tree = ast.parse((REPO / "app.py").read_text())
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert {"set_page_config", "navigation", "Page"} <= calls
    assert len((REPO / "app.py").read_text().splitlines()) <= 60
