"""Build ``analyser_minilm/centre.json``: the mean MiniLM vector of a reference set of requirements.

The reference set is the functional and quality requirements the analyser itself extracts from
the project's own sample specs (``sample_specs/``: fictional, written for this project), so the
centre is reproducible from the repository alone and uses no evaluation data. Run from the
repository root after any change to the model or the sample specs:

    make centre        # = .venv/bin/python models/minilm/build_centre.py && reinstall the package
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from analyser.breadth.embed import MiniLMEmbedder, _packaged_model
from analyser.language.extract import extract_requirements
from analyser.language.nlp import load_nlp
from analyser.language.segment import segment
from analyser.readers import SUPPORTED_SUFFIXES, read_spec

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "analyser_minilm" / "centre.json"


def build() -> dict:
    nlp = load_nlp()
    embedder = MiniLMEmbedder()
    texts: list[str] = []
    sources: dict[str, str] = {}
    for path in sorted((ROOT / "sample_specs").iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        document = read_spec(path)
        requirements = extract_requirements(segment(document, nlp), tabular=document.tabular)
        texts += [requirement.text for requirement in requirements]
        sources[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    vectors = embedder.embed(texts)
    _, _, manifest = _packaged_model()
    return {
        "what": "mean all-MiniLM-L6-v2 vector (mean-pooled, L2-normalised) of the "
        "reference requirements",
        "model_sha256": manifest["files"]["model.onnx"]["sha256"],
        "n_requirements": len(texts),
        "sources": sources,
        "vector": [round(float(value), 6) for value in np.mean(vectors, axis=0)],
    }


if __name__ == "__main__":
    centre = build()
    OUT.write_text(json.dumps(centre, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} from {centre['n_requirements']} requirements")
