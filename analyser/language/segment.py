"""Blocks → candidate statements: document structure first, then spaCy sentences.

A block that starts (or ends) with its own identifier — ``REQ-12``, ``FR-3.1``, ``[SRS004]``,
a clause number such as ``2.2.3`` — stays whole: it is one statement however many sentences
it has. Table rows give one statement each (the longest cell; an id cell becomes its ref).
Plain paragraphs are split into sentences. spaCy stops here: every later stage reads only
``Segment`` records (text, section, location, modal verb, lemmatised terms).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Span, Token

from analyser.language.defects import span_defects
from analyser.language.roles import actors, business_objects, external_systems
from analyser.language.terms import GENERIC_TERMS
from analyser.records import Block, Segment, SpecDocument

MODAL_RANK: tuple[str, ...] = ("shall", "must", "will", "should", "may")
_MODAL_PHRASES = re.compile(
    r"\b(?:is|are) (?:required|expected) to\b|\b(?:is|are) to be \w+ed\b|\bneeds? to\b|"
    r"\bha(?:s|ve) to\b|\bi want\b",
    re.IGNORECASE,
)
_ID = r"(?:[A-Z][A-Za-z]{0,9}(?:[-_.][A-Z][A-Za-z0-9]{0,9})*[-_.]?\d+(?:[-_.]\d+)*[a-z]?)"
_LEADING_ID = re.compile(
    rf"^\s*(?:\[(?P<bracketed>{_ID})\]|(?P<plain>{_ID})(?=[\s:.)\]–—-])|"
    r"(?P<clause>\d+(?:\.\d+){1,5})\.?(?=\s+[A-Z(\"'])|"
    rf"\((?P<parens>{_ID})\))[\s:.)\]–—-]*"
)
_TRAILING_ID = re.compile(r"\s*[\[(](?P<ref>[A-Z]{2,}[-_]?\d+(?:[-_.]\d+)*[a-z]?)[\])]\s*\.?$")
_FULL_ID = re.compile(rf"^\s*(?:{_ID}|\d+(?:\.\d+)+)\s*$")
_MIN_WORDS = 3
_MODAL_WORD = re.compile(r"\b(?:shall|must|will|should|may)\b", re.I)
# spaCy's parser needs memory in proportion to the text of a batch (about 3 GB for 1 MB), so a
# text longer than _MAX_UNIT_CHARS — a spec without line breaks — goes to it as pieces of whole
# sentences of at most _PIECE_CHARS: a batch of them stays under 64,000 characters. The longest
# paragraph in the PURE documents and the sample specs has 3,200 characters.
_MAX_UNIT_CHARS = 20_000
_PIECE_CHARS = 1_000
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# Plurals that specifications use as singular mass nouns (see ``_spelled``).
_MASS_NOUNS = frozenset({"data", "media"})


@dataclass(frozen=True, slots=True)
class _Unit:
    """A piece of text bound for spaCy, with the block it came from."""

    text: str
    block: Block
    ref: str | None
    whole: bool  # keep as one statement (do not split into sentences)
    from_table: bool


def segment(document: SpecDocument, nlp: Language, *, batch_size: int = 64) -> tuple[Segment, ...]:
    """Turn a document's blocks into candidate statements, in document order.

    Examples:
        >>> from analyser.language.nlp import load_nlp
        >>> from analyser.records import Block, SpecDocument, SpecSource
        >>> source = SpecSource(name="toy.txt", sha256="0", format="txt")
        >>> blocks = (Block(kind="paragraph", text="REQ-1 The system shall issue permits."),)
        >>> document = SpecDocument(source=source, blocks=blocks)
        >>> [(s.ref, s.text, s.modal) for s in segment(document, load_nlp())]
        [('REQ-1', 'The system shall issue permits.', 'shall')]
    """
    units = [piece for unit in _units(document) for piece in _pieces(unit)]
    segments: list[Segment] = []
    pairs = ((unit.text, unit) for unit in units)
    for doc, unit in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        spans = [doc[:]] if unit.whole or not doc.has_annotation("SENT_START") else doc.sents
        chunks = tuple(doc.noun_chunks) if doc.has_annotation("DEP") else None
        for span in spans:
            text = span.text.strip()
            if len(text.split()) < _MIN_WORDS:
                continue
            segments.append(
                Segment(
                    text=text,
                    section=unit.block.section,
                    location=unit.block.location,
                    block_kind=unit.block.kind,
                    ref=unit.ref,
                    modal=_strongest_modal(span),
                    terms=_terms(span, chunks),
                    actors=actors(span),
                    systems=external_systems(span),
                    objects=business_objects(span),
                    from_table=unit.from_table,
                    defects=span_defects(span, text),
                )
            )
    return tuple(segments)


def split_leading_id(text: str) -> tuple[str | None, str]:
    """Split a statement's own identifier from its text: ``"FR-3.1: Pay"`` → ``("FR-3.1", "Pay")``.

    Examples:
        >>> split_leading_id("[SRS004] The system shall log errors. (M)")
        ('SRS004', 'The system shall log errors. (M)')
        >>> split_leading_id("2.2.3 The system shall support calls.")
        ('2.2.3', 'The system shall support calls.')
        >>> split_leading_id("The operator shall confirm (REQ-7).")
        ('REQ-7', 'The operator shall confirm.')
        >>> split_leading_id("A citizen may apply.")
        (None, 'A citizen may apply.')
    """
    match = _LEADING_ID.match(text)
    if match is not None:
        ref = next(value for value in match.groupdict().values() if value is not None)
        rest = text[match.end() :].strip()
        if len(rest.split()) >= _MIN_WORDS and _looks_like_id(ref):
            return ref, rest
    trailing = _TRAILING_ID.search(text)
    if trailing is not None:
        rest = text[: trailing.start()].rstrip()
        if not rest.endswith((".", "!", "?")):
            rest += "."
        return trailing.group("ref"), rest
    return None, text.strip()


# -- private ----------------------------------------------------------------------------


def _units(document: SpecDocument) -> Iterator[_Unit]:
    lead: str | None = None  # "The portal shall:" introducing the list items that follow
    for block in document.blocks:
        if block.kind == "heading":
            lead = None
            continue
        if block.kind == "table_row":
            unit = _table_unit(block, tabular=document.tabular)
            if unit is not None:
                yield unit
            continue
        ref, text = split_leading_id(block.text)
        ref = block.ref or ref
        if block.kind == "list_item" and lead is not None and _continues_lead(lead, text):
            text = f"{lead.rstrip(': ')} {text}"
        elif block.kind == "paragraph":
            lead = text if text.endswith(":") and len(text.split()) <= 25 else None
        yield _Unit(text=text, block=block, ref=ref, whole=ref is not None, from_table=False)


def _pieces(unit: _Unit) -> Iterator[_Unit]:
    """The unit, or if it is longer than ``_MAX_UNIT_CHARS``, its sentences packed into pieces
    of at most ``_PIECE_CHARS`` (split into sentences again by spaCy; the ref stays on the
    first)."""
    if len(unit.text) <= _MAX_UNIT_CHARS:
        yield unit
        return
    sentences = [
        part
        for sentence in _SENTENCE_END.split(unit.text)
        for part in textwrap.wrap(sentence, _PIECE_CHARS, break_on_hyphens=False)
    ]
    piece: list[str] = []
    length, ref = 0, unit.ref
    for sentence in sentences:
        if piece and length + 1 + len(sentence) > _PIECE_CHARS:
            yield replace(unit, text=" ".join(piece), ref=ref, whole=False)
            piece, length, ref = [], 0, None
        piece.append(sentence)
        length += len(sentence) + (1 if length else 0)
    yield replace(unit, text=" ".join(piece), ref=ref, whole=False)


def _continues_lead(lead: str, item: str) -> bool:
    """Is a list item the second half of its lead ("The portal:" + "shall present …")?"""
    starts_lower = item[:1].islower()
    lead_has_modal = _MODAL_WORD.search(lead) is not None
    return starts_lower and (lead_has_modal or _MODAL_WORD.match(item) is not None)


def _table_unit(block: Block, *, tabular: bool) -> _Unit | None:
    if tabular:
        return _Unit(text=block.text, block=block, ref=block.ref, whole=True, from_table=True)
    cells = [cell.strip() for cell in block.cells] or [block.text]
    ref = next((cell for cell in cells if _FULL_ID.match(cell) and len(cell) <= 20), None)
    longest = max(cells, key=lambda cell: len(cell.split()))
    if len(longest.split()) < 4:
        return None
    inner_ref, text = split_leading_id(longest)
    # Only a table the reader recognised as a requirements table (its header names the
    # requirement column) makes every row a requirement; elsewhere a row needs a modal verb.
    return _Unit(
        text=text,
        block=block,
        ref=block.ref or ref or inner_ref,
        whole=True,
        from_table=block.ref is not None,
    )


def _looks_like_id(ref: str) -> bool:
    # A bare word with a trailing digit ("Windows 7", "Page 3") is not an identifier.
    return any(char.isdigit() for char in ref) and (
        ref[0].isdigit() or any(sep in ref for sep in "-_.") or ref[:2].isupper()
    )


def _strongest_modal(span: Span) -> str | None:
    found = {token.lower_ for token in span if token.lower_ in MODAL_RANK}
    for modal in MODAL_RANK:
        if modal in found:
            return modal
    phrase = _MODAL_PHRASES.search(span.text)
    if phrase is not None:
        return "want" if phrase.group(0).lower() == "i want" else "required"
    return None


def _word(token: Token) -> str:
    """A lemma in lower case, except acronyms, which keep their capitals ("PCN", "CAD")."""
    text = token.text
    if len(text) > 1 and text.isupper():
        return text
    if len(text) > 2 and text[-1] == "s" and text[:-1].isupper():
        return text[:-1]  # "PCNs" → "PCN"
    return token.lemma_.lower()


def _spelled(word: str, token: Token) -> str:
    """``word`` as a term is shown: plurals that specifications use as singular mass nouns
    keep their written form, where the lemmatiser's "datum" and "medium" would name a
    problem "Inspection and datum". Only the spelling changes: which words count as
    generic (the lemma) is as before, so the clusters are the same."""
    return token.lower_ if token.lower_ in _MASS_NOUNS else word


def _terms(span: Span, chunks: tuple[Span, ...] | None) -> tuple[str, ...]:
    """Lemmatised content nouns and short noun phrases, generic words removed.

    ``chunks`` are the noun chunks of the span's document (``None`` when it is not parsed),
    found once per document: ``Span.noun_chunks`` would find all of them again for each span.
    """
    terms: list[str] = []
    if chunks is not None:
        for chunk in chunks:
            if chunk.start < span.start or chunk.end > span.end:
                continue
            lemmas = [
                (_word(token), token)
                for token in chunk
                if token.pos_ in ("NOUN", "PROPN", "ADJ")
                and token.is_alpha
                and not token.is_stop
                and len(token) > 2
            ]
            words = [_spelled(w, token) for w, token in lemmas if w not in GENERIC_TERMS][-3:]
            if words:
                terms.extend(words)
                if len(words) >= 2:
                    terms.append(" ".join(words[-2:]))
        return tuple(terms)
    for token in span:
        if token.is_alpha and not token.is_stop and len(token) > 2:
            lemma = token.lower_
            if lemma not in GENERIC_TERMS:
                terms.append(lemma)
    return tuple(terms)
