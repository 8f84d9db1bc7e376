"""Requirements of two versions of a spec → one change per requirement, paired one to one.

1. Identical text (case, punctuation and spacing ignored) → ``unchanged``.
2. The rest by one maximum-weight assignment (``scipy.optimize.linear_sum_assignment``) on a
   combined similarity: ``text_weight`` × the Dice overlap of their content words +
   (1 − ``text_weight``) × the cosine of their vectors. A pair counts only when its similarity
   reaches ``threshold``; a pair that keeps the document's own id (``FR-12``, ``3.2.1``, not a
   generated ``R-…`` id, which is only a hash of the text) gets ``id_bonus`` on top, so the id
   decides between near-equals but never pairs texts that are no longer alike (renumbered
   documents reuse ids for other requirements). Matched pairs are ``modified``.
3. What is left of the old version is ``removed``, of the new one ``added``.

Plain records and numpy: the vectors (one per requirement, functional and quality, in one vector
space for both versions) come from the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analyser.records import Requirement
from analyser.versions.comparison import Change, MatchedBy

# The combined similarity from which two requirements are one requirement reworded, for each
# embedder (their cosines mean different things). Measured on sample_specs/versions/reworded
# (docs/compare.md, bench/compare.py): with MiniLM, true pairs score 0.70 and up, a requirement
# and the most alike *other* requirement of the same spec 0.52 at the 95th percentile and 0.62
# at the 99th; 0.55 paired about 1 in 100 unpaired requirements wrongly in a stress test.
ALIGN_THRESHOLDS: dict[str, float] = {"minilm": 0.55, "tfidf": 0.30}
ALIGN_THRESHOLD = ALIGN_THRESHOLDS["minilm"]
ID_BONUS = 0.15
TEXT_WEIGHT = 0.4
_GENERATED_ID = re.compile(r"^R-[0-9A-F]{6}(?:~\d+)?$")
_WORD = re.compile(r"[a-z0-9]+")
_IGNORED_WORDS = ENGLISH_STOP_WORDS | {"shall", "must", "should", "will", "may", "able"}


def align(
    old_requirements: Sequence[Requirement],
    new_requirements: Sequence[Requirement],
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    threshold: float = ALIGN_THRESHOLD,
    id_bonus: float = ID_BONUS,
    text_weight: float = TEXT_WEIGHT,
) -> tuple[Change, ...]:
    """Pair the requirements of two versions one to one and say what happened to each.

    ``old_vectors`` / ``new_vectors`` hold one L2-normalised row per requirement, in the same
    order and in the same vector space. Changes come in the new version's order (added,
    modified, unchanged), then the removed ones in the old version's order.

    Examples:
        >>> import numpy as np
        >>> def req(rid, text):
        ...     return Requirement(id=rid, text=text, section="", kind="functional")
        >>> old = [req("A-1", "The system shall issue permits."), req("A-2", "Print a map.")]
        >>> new = [req("B-1", "The system shall issue permits."), req("B-2", "Send a letter.")]
        >>> old_vectors = np.eye(2, dtype=np.float32)
        >>> new_vectors = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
        >>> [(c.kind, c.old_id, c.new_id) for c in align(old, new, old_vectors, new_vectors)]
        [('unchanged', 'A-1', 'B-1'), ('added', None, 'B-2'), ('removed', 'A-2', None)]
    """
    pairs: dict[int, tuple[int, float, MatchedBy]] = {}  # new row → (old row, similarity, rule)
    old_by_text: dict[str, int] = {}
    for row, requirement in enumerate(old_requirements):
        old_by_text.setdefault(_normalise(requirement.text), row)
    for row, requirement in enumerate(new_requirements):
        old_row = old_by_text.pop(_normalise(requirement.text), None)
        if old_row is not None:
            pairs[row] = (old_row, 1.0, "text")
    old_left = sorted(set(range(len(old_requirements))) - {old for old, _, _ in pairs.values()})
    new_left = [row for row in range(len(new_requirements)) if row not in pairs]
    if old_left and new_left:
        similarity = similarity_matrix(
            [old_requirements[row].text for row in old_left],
            [new_requirements[row].text for row in new_left],
            old_vectors[old_left],
            new_vectors[new_left],
            text_weight=text_weight,
        )
        same_id = np.array(
            [
                [_same_own_id(old_requirements[o].id, new_requirements[n].id) for n in new_left]
                for o in old_left
            ],
            dtype=bool,
        )
        profit = similarity + id_bonus * same_id - threshold
        rows, columns = linear_sum_assignment(np.maximum(profit, 0.0), maximize=True)
        for row, column in zip(rows, columns, strict=True):
            if profit[row, column] > 0:
                rule: MatchedBy = "id" if same_id[row, column] else "similarity"
                score = round(float(similarity[row, column]), 3)
                pairs[new_left[column]] = (old_left[row], score, rule)
    return _changes(old_requirements, new_requirements, pairs)


def similarity_matrix(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    old_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    text_weight: float = TEXT_WEIGHT,
) -> np.ndarray:
    """Combined similarity (0–1) of every old text with every new one: ``text_weight`` × Dice
    overlap of content words + the rest × cosine of the vectors (negative cosines count 0)."""
    old_words = [_content_words(text) for text in old_texts]
    new_words = [_content_words(text) for text in new_texts]
    vocabulary = {word: i for i, word in enumerate(sorted(set().union(*old_words, *new_words)))}
    old_matrix = _indicator(old_words, vocabulary)
    new_matrix = _indicator(new_words, vocabulary)
    shared = old_matrix @ new_matrix.T
    sizes = old_matrix.sum(axis=1)[:, None] + new_matrix.sum(axis=1)[None, :]
    dice = np.divide(2 * shared, sizes, out=np.zeros_like(shared), where=sizes > 0)
    cosine = np.clip(old_vectors @ new_vectors.T, 0.0, 1.0)
    return text_weight * dice + (1.0 - text_weight) * cosine


# -- private ----------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _content_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in _IGNORED_WORDS or len(word) < 2:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]  # "permits" and "permit" are one word
        words.add(word)
    return words


def _indicator(word_sets: Sequence[set[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(word_sets), max(1, len(vocabulary))), dtype=np.float32)
    for row, words in enumerate(word_sets):
        matrix[row, [vocabulary[word] for word in words]] = 1.0
    return matrix


def _same_own_id(old_id: str, new_id: str) -> bool:
    """The same identifier, given by the document (a generated id is only a hash of the text)."""
    return old_id == new_id and not _GENERATED_ID.match(old_id)


def _changes(
    old_requirements: Sequence[Requirement],
    new_requirements: Sequence[Requirement],
    pairs: dict[int, tuple[int, float, MatchedBy]],
) -> tuple[Change, ...]:
    changes: list[Change] = []
    for row, new in enumerate(new_requirements):
        if row not in pairs:
            changes.append(
                Change(kind="added", new_id=new.id, new_text=new.text, new_problem=new.problem)
            )
            continue
        old_row, similarity, rule = pairs[row]
        old = old_requirements[old_row]
        changes.append(
            Change(
                kind="unchanged" if rule == "text" else "modified",
                old_id=old.id,
                new_id=new.id,
                old_text=old.text,
                new_text=new.text,
                similarity=similarity,
                matched_by=rule,
                old_problem=old.problem,
                new_problem=new.problem,
            )
        )
    kept = {old_row for old_row, _, _ in pairs.values()}
    changes += [
        Change(kind="removed", old_id=old.id, old_text=old.text, old_problem=old.problem)
        for row, old in enumerate(old_requirements)
        if row not in kept
    ]
    return tuple(changes)
