"""A quality requirement with nothing to measure it by (INCOSE R34; ISO 29148 verifiable).

A statement that gives a quality as the system's property ("shall be secure", "should be easy to
search", "shall perform well") passes when it gives a number, a percentage or a named standard
or level. Legal, interoperability and operational statements are constraints, not measures, and
are not read; nor is a function that serves a quality ("shall lock an account after 5 failed
sign-ins").
"""

from __future__ import annotations

import re

from analyser.records import Defect, Requirement

_CONSTRAINTS = frozenset(["legal", "interoperability"])  # constraints, not measurable qualities
_CLAUSE_END = re.compile(r";|, and\b|\. ")
# A number (not a year), a named standard or level, or a number in words.
_MEASURE = re.compile(
    r"(?<![\d-])(?!(?:19|20)\d\d\b)\d"
    r"|\b(?:wcag|iso|iec|bs en|owasp|ncsc|nist|fips|pci(?: dss)?|cyber essentials|gds|"
    r"(?:level|grade) (?:a|aa|aaa)|aa|aaa|tls|saml|oauth|openid|ipv6|nhs dspt|psn|"
    r"government security classifications?|official[- ]sensitive|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|sixty|"
    r"hundred|thousand)\b",
    re.I,
)
# A modal, or a user story's "I want the site to …"
_MODAL = (
    r"(?:\b(?:shall|must|should|will)\s+(?:not\s+)?(?:also\s+|always\s+|at all times\s+)?"
    r"|\bI (?:want|need|would like) (?:[\w'-]+ ){0,5}?to\s+)"
)
# The statement names a quality as its property: "shall be secure", "should be easy to
# search", "shall be highly available", "shall perform well", "shall work on mobile phones".
_PROPERTY = re.compile(
    _MODAL + r"(?:be|remain)\s+(?:(?:very|highly|fully|suitably|sufficiently|readily|always|"
    r"easily|as|made|kept|designed to be|built to be)\s+){0,2}"
    r"(?P<quality>secure(?:ly)?|available(?! (?:to|for|from|in|on|as|via|through)\b(?!.*\b"
    r"(?:at all times|always)\b))|reliable|robust|usable|easy to \w+|user[- ]friendly|"
    r"intuitive|accessible|scalable|flexible(?: enough)?|responsive|fast|quick|efficient|stable|"
    r"resilient|maintainable|portable|compatible|performant|modern|simple to \w+|"
    r"straightforward|fit for purpose|simple(?: enough)?|simpler|quicker|easier(?: to \w+)?|"
    r"configurable enough|as near real[- ]time)\b"
    r"|" + _MODAL + r"(?:perform|respond|run|operate|scale|cope|work|load|behave|recover)\s+"
    r"(?P<how>well|quickly|fast|efficiently|smoothly|reliably|securely|seamlessly|"
    r"on (?:mobile|all|any|different|modern|common|tablets?|phones?|my phone)\b[\w ]{0,30}|"
    r"with (?:a )?screen readers?\b|with (?:peak|high) (?:traffic|load|demand)|"
    r"(?<=cope )with (?:peak|high|heavy) \w+)"
    r"|\b(?P<measures>(?:appropriate|adequate|suitable|sufficient) (?:security|performance|"
    r"resilience) (?:measures|controls|arrangements))",
    re.I,
)


def unmeasurable_quality(requirement: Requirement) -> Defect | None:
    """The defect, spanning the phrase that names the quality, or ``None``.

    Examples:
        >>> from analyser.records import Requirement
        >>> r = Requirement(id="1", text="The system shall perform well under load.",
        ...                 section="", kind="quality", category="performance")
        >>> unmeasurable_quality(r).quote
        'well'
    """
    text = requirement.text
    if requirement.category in _CONSTRAINTS:
        return None
    # The statement must state a property ("shall be secure", "shall perform well"), not a
    # function that serves a quality ("shall lock an account after 5 failed sign-ins"); the
    # measure must be in the same clause ("available 99.5% …, and … available at all times").
    for found in _PROPERTY.finditer(text):
        end_of_clause = _CLAUSE_END.search(text, found.end())
        clause = text[found.start() : end_of_clause.start() if end_of_clause else len(text)]
        if _MEASURE.search(clause):
            continue
        group = next(name for name in ("quality", "how", "measures") if found.group(name))
        start, end = found.start(group), found.end(group)
        return Defect(rule="unmeasurable-quality", start=start, end=end, quote=text[start:end])
    return None
