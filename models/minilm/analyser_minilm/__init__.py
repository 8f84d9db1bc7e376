"""all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8-weight ONNX model.

Data only: the analyser's embed stage loads ``MODEL_PATH`` with onnxruntime and
``TOKENIZER_PATH`` with tokenizers, mean-pools and L2-normalises, and checks both files against
the sha256 in ``MANIFEST``. How the files were made: README.md and export.py in the source tree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = [
    "CENTRE_PATH",
    "MANIFEST",
    "MODEL_PATH",
    "PARITY_REFERENCE_PATH",
    "REFERENCE_PATH",
    "TOKENIZER_PATH",
]

_HERE = Path(__file__).resolve().parent

MODEL_PATH: Path = _HERE / "model.onnx"
TOKENIZER_PATH: Path = _HERE / "tokenizer.json"
# A few sentences with their fp32 sentence-transformers vectors, for parity tests without torch.
PARITY_REFERENCE_PATH: Path = _HERE / "parity_reference.json"
# The mean vector of a reference set of requirements (our sample specs), which the analyser
# subtracts before clustering; built by build_centre.py in the source tree.
CENTRE_PATH: Path = _HERE / "centre.json"
# The breadth reference distribution (scores and verdict thresholds for each embedder); built by
# bench/evaluation/calibrate.py in the source tree (make calibrate).
REFERENCE_PATH: Path = _HERE / "reference.json"
MANIFEST: dict[str, Any] = json.loads((_HERE / "manifest.json").read_text(encoding="utf-8"))
