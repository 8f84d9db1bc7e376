"""The evaluation harness: ``python -m bench.evaluation`` (``make eval``) → docs/EVALUATION.md.

Each task measures the analyser on requirements written by others and reports its metric next to
a simple baseline measured in the same run. Everything is seeded, so a rerun reproduces the file.
"""
