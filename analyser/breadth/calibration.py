"""The reference distribution that turns a breadth index into a 0–100 score and a verdict.

The breadth index (``score.breadth_index``) counts a spec's business problems, discounting small
and uneven ones. What a value means is measured, not asserted: a reference set of specs with a
known number of separate systems was analysed by this version of the analyser, and its indices
are stored with the thresholds derived from them (``models/minilm/analyser_minilm/
reference.json``, built by ``make calibrate``; how: ``bench/evaluation/calibrate.py`` and
``docs/EVALUATION.md``). The score of a spec is the share of reference specs it is broader than.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyser.errors import ModelError

_REBUILD = (
    "Reinstall the model package ('make setup' on a fresh checkout) or rebuild the reference "
    "with 'make calibrate'."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One embedder's reference distribution of breadth indices and the thresholds from it.

    Attributes:
        embedder: the embedder the indices were measured with.
        values: the reference specs' breadth indices, sorted.
        borderline_at / over_broad_at: breadth index from which a spec is borderline /
            over-broad.
        full_problem_size: functional requirements from which a problem counts fully in the
            index (smaller problems count in proportion).
        description: how the reference was built, from which data, with which version.
    """

    embedder: str
    values: tuple[float, ...]
    borderline_at: float
    over_broad_at: float
    full_problem_size: int
    description: str = ""

    def percentile(self, index: float) -> float:
        """The share of reference specs with a smaller index (ties count half), in [0, 1].

        Examples:
            >>> r = Reference(embedder="x", values=(1.0, 1.0, 2.0, 3.0), borderline_at=1.5,
            ...               over_broad_at=2.5, full_problem_size=12)
            >>> r.percentile(1.0), r.percentile(2.5), r.percentile(9.0)
            (0.25, 0.75, 1.0)
        """
        if not self.values:
            return 0.0
        below = bisect.bisect_left(self.values, index)
        ties = bisect.bisect_right(self.values, index) - below
        return (below + 0.5 * ties) / len(self.values)


def load_reference(embedder: str, path: Path | None = None) -> Reference:
    """The packaged reference for ``embedder`` (``path``: another reference file)."""
    if path is None:
        try:
            import analyser_minilm

            path = Path(analyser_minilm.REFERENCE_PATH)
        except (ImportError, AttributeError):
            raise ModelError(f"The model package has no breadth reference. {_REBUILD}") from None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entry = data["embedders"][embedder]
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError(
            f"The breadth reference '{path.name}' has no readable entry for the '{embedder}' "
            f"embedder. {_REBUILD}"
        ) from None
    return reference_from_dict(embedder, entry, description=str(data.get("description", "")))


def reference_from_dict(
    embedder: str, entry: Mapping[str, Any], *, description: str = ""
) -> Reference:
    try:
        return Reference(
            embedder=embedder,
            values=tuple(sorted(float(v) for v in entry["values"])),
            borderline_at=float(entry["borderline_at"]),
            over_broad_at=float(entry["over_broad_at"]),
            full_problem_size=int(entry["full_problem_size"]),
            description=description,
        )
    except (KeyError, TypeError, ValueError):
        raise ModelError(
            f"The breadth reference for '{embedder}' is malformed. {_REBUILD}"
        ) from None
