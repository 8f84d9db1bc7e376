"""Where the evaluation data lives, and the ``--data`` option every benchmark shares."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def data_from_arguments(description: str) -> Path | None:
    """Parse ``--data``; ``None`` (after saying so) when the PURE documents are not there."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    data: Path = parser.parse_args().data
    if not (data / "pure").is_dir():
        print(f"skipped: the evaluation data is not at {data} (pass --data)")
        return None
    return data
