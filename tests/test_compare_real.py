"""Comparing real documents: a PURE original against its own text rendering is the same spec.

The rendering (``pure/text-markdown/``) was made from the original by another tool, so page
furniture, hyphenation and spacing differ and a few requirements split or join differently.
Nothing was added to the scope: the comparison must say so, and must find most requirements
again. Reads the evaluation data beside the repository (never writes there); skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser import Analyser

pytestmark = pytest.mark.realdata

# (original, share of its requirements matched in the rendering: measured 0.94 and 1.00)
PAIRS = [("2005 - microcare.pdf", 0.9), ("0000 - gamma j.pdf", 0.95)]


@pytest.mark.parametrize(("name", "bar"), PAIRS, ids=[name for name, _ in PAIRS])
def test_an_original_and_its_rendering_show_no_growth(
    name: str, bar: float, shared_data: Path, analyser: Analyser
) -> None:
    original = shared_data / "pure" / "documents" / name
    rendering = shared_data / "pure" / "text-markdown" / f"{name}.md"
    if not (original.is_file() and rendering.is_file()):
        pytest.skip(f"'{name}' or its text rendering is not in the evaluation data")
    comparison = analyser.compare_paths(original, rendering)
    assert comparison.scope_change == "no-growth", comparison.headline
    assert not comparison.new_problems and not comparison.dropped_problems
    matched = len(comparison.modified) + len(comparison.unchanged)
    assert matched / comparison.before.n_requirements >= bar
    assert len(comparison.unchanged) >= len(comparison.modified)
