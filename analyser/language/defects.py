"""How a statement is written: the defects a reviewer would send back to its author.

Seven rules read one parsed statement (a spaCy span): vague terms, escape clauses, open-ended
lists, several obligations in one sentence, a passive obligation with no actor, comparatives
with no reference, and pronouns with no clear referent. The eighth, a quality requirement with
no measurable criterion, needs the requirement's kind and lives in ``analyser.review``. Each
finding carries the exact span, so a reviewer can see what was read. The word lists are data;
what each rule means is written in ``docs/review.md`` and the gold set's labelling guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from analyser.records import Defect, DefectRule

MODALS = frozenset(["shall", "must", "will", "should", "may"])

_VAGUE = re.compile(
    r"\b(?:user[- ]friendly|easy|easily|simple|simply|intuitive(?:ly)?|flexib(?:le|ility)|"
    r"robust(?:ly)?|seamless(?:ly)?|efficient(?:ly)?|effective(?:ly)?|adequate(?:ly)?|"
    r"sufficient(?:ly)?|appropriate(?:ly)?|suitabl[ey]|reasonabl[ey]|timely|prompt(?:ly)?|"
    r"quickly|fast|modern|high[- ]quality|significant(?:ly)?|minimal|regularly|"
    r"periodically|minimi[sz]e[sd]?|maximi[sz]e[sd]?|optimi[sz]e[sd]?|as soon as possible|"
    r"state[- ]of[- ]the[- ]art|clear(?:ly)?|straightforward|convenient(?:ly)?|short|"
    r"immediately|instantly|straight away|readily|in real[- ]time|consistent(?:ly)?|usually|"
    r"normally|generally|typically|approximately|about|around|various|a number of|"
    r"secure(?:ly)?|engaging|attractive|lots of|a lot of|a few|comprehensive(?:ly)?|"
    r"best[- ]in[- ]class|world[- ]class|future[- ]proof(?:ed)?|similar|periodic|"
    r"as soon as|up[- ]to[- ]date|discreet(?:ly)?|high[- ]value|properly|professional(?:ly)?|"
    r"relevant|in good time|without degradation)\b",
    re.I,
)
# Set phrases in which a vague word is a term of art, not vague.
_NOT_VAGUE = re.compile(
    r"\b(?:effective (?:date|from)|reasonable (?:adjustments?|preference|steps)|"
    r"fast[- ]track|all fast|simple interest|easy[- ]read|suitable (?:offer|school|"
    r"accommodation)|short (?:code|name|title|form)|common (?:land|law)|minor (?:works|"
    r"injur\w+)|major (?:incident|works)|as well as|well[- ]being|clear(?:ed|s|ing)? "
    r"(?:the|a|an|all|any|down)\b|significant (?:harm|incident))",
    re.I,
)
_ESCAPE = re.compile(
    r"\b(?:(?:as|where|when|if) (?:appropriate|possible|practicable|practical|necessary|"
    r"required|applicable|needed|feasible|relevant|reasonably practicable)|"
    r"as far as (?:is )?(?:reasonably )?(?:possible|practicable)|"
    r"to the (?:maximum |fullest )?extent (?:possible|practicable)|ideally|"
    r"wherever possible|if at all possible|where (?:it is )?(?:reasonably )?practicable)\b",
    re.I,
)
_OPEN = re.compile(
    r"\betc\b\.?|\band so (?:on|forth)\b|\band the like\b|"
    r"\bincluding,? (?:but|and) not limited to\b|\bincluding without limitation\b|"
    r"\bsuch as\b|\be\.\s?g\b\.?|\bfor (?:example|instance)\b|\bamong others\b|"
    r"\b(?:and|or) (?:any )?other\b(?! than)",
    re.I,
)
_VERB_SENSES = frozenset(["prompt", "prompts", "clear", "clears", "secure", "secures"])
_LETS = frozenset(["allow", "enable", "let", "permit"])
_RATIONALE = re.compile(r"\bso that\b", re.I)
_CLAUSES = frozenset(["advcl", "relcl", "acl", "csubj", "pcomp"])  # conditions, descriptions
_COMPARATIVE_LEMMAS = frozenset(["improve", "enhance", "reduce", "increase"])
_NOT_COMPARATIVE = frozenset(
    ["further", "later", "earlier", "older", "other", "latter", "former", "upper", "inner"]
)
# A reference point or an amount: "than …", "by 20 %", "from 10 to 5 days", or any number.
_REFERENCE = re.compile(r"\bthan\b|\bby \d|\bfrom .{1,40}\bto\b|\d|\bcompared (?:with|to)\b", re.I)
_PERSONAL = frozenset(["it", "its", "they", "them", "their", "theirs", "itself", "themselves"])
_DEMONSTRATIVE = frozenset(["this", "that", "these", "those"])
_SINGULAR_PRONOUNS = frozenset(["it", "its", "itself"])


def span_defects(span: Span, text: str | None = None) -> tuple[Defect, ...]:
    """The defects in one statement, with offsets into ``text`` (the span's text, stripped).

    Examples:
        >>> from analyser.language.nlp import load_nlp
        >>> doc = load_nlp()("Records shall be archived as appropriate, e.g. yearly.")
        >>> [(d.rule, d.quote) for d in span_defects(doc[:])]
        [('passive-no-actor', 'shall be archived'), ('escape-clause', 'as appropriate'), \
('open-ended', 'e.g.')]
    """
    raw = span.text
    text = raw.strip() if text is None else text
    shift = span.start_char + (len(raw) - len(raw.lstrip()))
    found: list[tuple[DefectRule, int, int]] = []
    escapes = [(m.start(), m.end()) for m in _ESCAPE.finditer(text)]
    found += [("escape-clause", start, end) for start, end in escapes]
    found += [("open-ended", m.start(), m.end()) for m in _OPEN.finditer(text)]
    parsed = span.doc.has_annotation("DEP")
    # "prompt the officer", "clear the queue": the verb, not the vague word
    verbs = {t.idx - shift for t in span if t.pos_ == "VERB" and t.lower_ in _VERB_SENSES}
    verbs = verbs if parsed else set()
    found += [
        ("vague-term", start, end)
        for start, end in _vague(text)
        if not any(s <= start < e for s, e in escapes) and start not in verbs
    ]
    if parsed:
        for rule, first, last in _parsed(span):
            found.append((rule, first.idx - shift, last.idx + len(last.text) - shift))
    found.sort(key=lambda item: (item[1], item[0]))
    return tuple(
        Defect(rule=rule, start=start, end=end, quote=text[start:end])
        for rule, start, end in _unique(found)
        if 0 <= start < end <= len(text)
    )


def _vague(text: str) -> Iterator[tuple[int, int]]:
    exempt = [(m.start(), m.end()) for m in _NOT_VAGUE.finditer(text)]
    rationale = _RATIONALE.search(text)  # a user story's "so that …" is its reason, not its ask
    end = rationale.start() if rationale is not None else len(text)
    for match in _VAGUE.finditer(text, 0, end):
        if any(s <= match.start() < e for s, e in exempt):
            continue
        word = match.group(0)
        if word[0].isupper() and text[: match.start()].rstrip()[-1:] not in ("", ".", "!", "?"):
            continue  # capitalised inside a sentence: a name ("Common Transfer File")
        if word.lower() in ("about", "around") and not re.match(r"\s+\d", text[match.end() :]):
            continue  # "about" a number is vague; "about the applicant" is not
        if word.lower().startswith(("prompt", "quick", "fast", "timely", "regular", "approx")):
            # "promptly, within 2 working days": the number pins it down.
            window = text[match.end() : match.end() + 40]
            if re.search(r"\d", window):
                continue
        yield match.start(), match.end()


def _parsed(span: Span) -> Iterator[tuple[DefectRule, Token, Token]]:
    obligations = _obligations(span)
    yield from _multiple(span, obligations)
    yield from _passive(obligations)
    yield from _comparatives(span)
    yield from _pronouns(span)


def _obligations(span: Span) -> list[Token]:
    """The verbs a statement obliges: the verb of each modal ("shall issue"), the verb after
    "shall be able to", and a user story's "I want to …" verb."""
    verbs: dict[int, Token] = {}
    for token in span:
        if token.lower_ in MODALS and token.dep_ == "aux":
            verb = token.head
            if verb.dep_ in _CLAUSES:  # "when a licence will expire, …", "so that it will …"
                continue
        elif (
            token.lower_ in ("want", "need", "like")
            and token.dep_ == "ROOT"
            and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in token.children)
        ):
            verb = next((c for c in token.children if c.dep_ == "xcomp"), token)
        else:
            continue
        if verb.lemma_ == "be":
            able = next((c for c in verb.children if c.lower_ == "able"), None)
            if able is not None:
                verb = next((c for c in able.children if c.dep_ == "xcomp"), verb)
        if verb.lemma_ in _LETS:  # "shall allow a parent to accept or decline …"
            verb = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), verb)
        verbs.setdefault(verb.i, verb)
    return list(verbs.values())


def _multiple(span: Span, obligations: list[Token]) -> Iterator[tuple[DefectRule, Token, Token]]:
    """Two obligations: two modal verbs, or a verb of obligation with a coordinated verb
    ("shall record the visit and notify the owner", "shall be able to view and download")."""
    if len(obligations) >= 2:
        second = obligations[1]
        yield "multiple", _joiner(span, second), second
        return
    for verb in obligations:
        tags = ("VB", "VBP", "VBZ", "VBN") if verb.tag_ == "VBN" else ("VB", "VBP", "VBZ")
        for token in verb.subtree:
            # a finite or base verb: "posted", "rejected" in a list are states, not duties
            if token.i <= verb.i or token.dep_ != "conj" or token.tag_ not in tags:
                continue
            if _governed_by(token, verb):
                yield "multiple", _joiner(span, token), token
                return
        # The small parser often hangs the second verb on a noun ("complete a work order …
        # and attach the photos"): a base verb straight after "and" / "or" in the obligation's
        # reach, outside any clause of its own, is a second duty all the same.
        for token in span.doc[verb.i + 1 : span.end]:
            if token.tag_ not in tags or token.i == 0:
                continue
            before = span.doc[token.i - 1]
            if (
                before.lower_ in ("and", "or")
                and before.dep_ == "cc"
                and _outside_clauses(token, verb)
            ):
                yield "multiple", before, token
                return


def _governed_by(token: Token, verb: Token) -> bool:
    """The coordinated verb belongs to the obligation itself, not to a clause inside it
    ("flag applications approaching the deadline", "records that are closed and archived")."""
    head = token.head
    while head.i != verb.i:
        if head.dep_ in _CLAUSES or head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
            return False
        head = head.head
        if head.i == head.head.i and head.i != verb.i:
            return False
    return True


def _outside_clauses(token: Token, verb: Token) -> bool:
    """No relative, adverbial or clausal head lies between the token and the sentence root."""
    head = token
    while head.head.i != head.i:
        if head.dep_ in _CLAUSES and head.i != token.i:
            return False
        if head.i == verb.i:
            return True
        head = head.head
    return True


def _joiner(span: Span, verb: Token) -> Token:
    """The "and" / "or" / ";" just before a coordinated verb, when there is one."""
    for token in reversed(span.doc[max(span.start, verb.i - 3) : verb.i]):
        if token.dep_ == "cc" or token.text == ";":
            return token
    return verb


def _passive(obligations: list[Token]) -> Iterator[tuple[DefectRule, Token, Token]]:
    for verb in obligations:
        if verb.dep_ in ("xcomp", "ccomp"):  # "I want to be told", "allow items to be returned"
            continue
        children = list(verb.children)
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in children):
            continue
        if any(c.dep_ == "agent" for c in children):
            continue
        modal = next((c for c in children if c.lower_ in MODALS), verb)
        yield "passive-no-actor", modal, verb


def _comparatives(span: Span) -> Iterator[tuple[DefectRule, Token, Token]]:
    text = span.text
    for token in span:
        lower = token.lower_
        if lower in _NOT_COMPARATIVE or (token.is_title and token.i > span.start):
            continue
        comparative = token.tag_ in ("JJR", "RBR") or (
            token.lemma_.lower() in _COMPARATIVE_LEMMAS and token.tag_ in ("VBN", "VBD", "JJ")
        )
        if not comparative:
            continue
        if lower in ("more", "less", "fewer") and token.dep_ in ("amod", "advmod", "nummod"):
            head = token.head
            if head.like_num or any(c.like_num for c in head.children):
                continue
        after = text[token.idx - span.start_char :]
        before = span.doc[max(span.start, token.i - 2) : token.i].text.lower()
        if _REFERENCE.search(after[:80]) or before.endswith(("no", "or", "not", "one or")):
            continue
        yield "comparative", token, token


def _pronouns(span: Span) -> Iterator[tuple[DefectRule, Token, Token]]:
    for token in span:
        lower = token.lower_
        if lower in _DEMONSTRATIVE:
            # "this" / "these" standing alone ("where this is known"), not before its noun
            # ("this form"), and not "that" / "those", which are mostly relative or followed
            # by what they mean ("those from the last 6 years")
            if lower in ("this", "these") and token.tag_ == "DT" and token.dep_ != "det":
                yield "pronoun", token, token
            continue
        if lower not in _PERSONAL or token.pos_ not in ("PRON", "DET"):
            continue
        if _expletive(token):
            continue  # "It shall be possible to …": a dummy subject, not a reference
        # Only a pronoun with nothing in its own sentence to stand for is reported: one with
        # several candidates is usually clear to a reader (and to the gold set's labellers).
        if not _antecedents(span, token):
            yield "pronoun", token, token


def _expletive(token: Token) -> bool:
    """ "It" standing for a clause that follows: "it shall be possible to …", "it is necessary
    that …"."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return token.dep_ == "expl"
    verb = token.head
    if any(c.dep_ == "ccomp" for c in verb.children):
        return True  # "it should be noted that …", "it seems that …"
    return verb.lemma_ == "be" and any(
        child.dep_ in ("acomp", "attr") and any(c.dep_ in ("xcomp", "ccomp") for c in
                                                [*child.children, *verb.children])
        for child in verb.children
    )  # fmt: skip


def _antecedents(span: Span, pronoun: Token) -> list[Token]:
    """Nouns before the pronoun, in its sentence, that it could stand for: the right number,
    and not the subject of the pronoun's own clause when the pronoun is that verb's object
    ("the system shall store the file and email it": not the system)."""
    singular = pronoun.lower_ in _SINGULAR_PRONOUNS
    excluded: set[int] = set()
    if pronoun.dep_ in ("dobj", "pobj", "dative"):
        verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
        clause = [verb, *verb.conjuncts] if verb.pos_ in ("VERB", "AUX") else [verb]
        for each in clause:
            excluded.update(c.i for c in each.children if c.dep_ in ("nsubj", "nsubjpass"))
    nouns = []
    for token in span.doc[span.start : pronoun.i]:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in excluded:
            continue
        if token.dep_ == "compound":
            continue
        plural = token.tag_ in ("NNS", "NNPS")
        if singular and plural:
            continue
        if not singular and not plural and token.pos_ != "PROPN" and not _person(token):
            continue
        nouns.append(token)
    return nouns


def _person(token: Token) -> bool:
    """A singular noun "their" may stand for: a person by what they do, or an organisation."""
    lemma = token.lemma_.lower()
    return lemma.endswith(("er", "or", "ant", "ent", "ist", "ian", "ee")) or lemma in {
        "person", "child", "family", "staff", "public", "team", "council", "authority",
    }  # fmt: skip


def _unique(found: list[tuple[DefectRule, int, int]]) -> list[tuple[DefectRule, int, int]]:
    seen: set[tuple[DefectRule, int, int]] = set()
    kept = []
    for item in found:
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return kept
