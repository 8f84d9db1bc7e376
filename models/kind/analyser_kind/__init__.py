"""Weights of the analyser's functional/quality classifier (two logistic regressions).

Data only: ``analyser.language.kind`` reads ``WEIGHTS_PATH``. Trained on PROMISE NFR (CC BY-SA
3.0) by ``bench/evaluation/train_kinds.py`` in the source tree (``make train-kind``); the data
card is README.md and the attribution NOTICE.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["WEIGHTS_PATH"]

WEIGHTS_PATH: Path = Path(__file__).resolve().parent / "kind.json"
