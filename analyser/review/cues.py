"""The cue patterns the delivery-risk checks look for, one list per topic: data to read and
extend, kept apart from the logic in ``review.checks``.

Cues are regular expressions matched against one statement (a sentence, list item or
requirement) or the heading it sits under; every pattern is a phrase a reviewer would accept as
the document speaking to that topic.
"""

from __future__ import annotations

import re


def cue(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


NEED = cue(
    r"\b(?:business |the |our )?needs? (?:to|for|is|are)\b",
    r"\b(?:the )?problems?\b(?! solving)",
    r"\bpain points?\b",
    r"\bchallenges?\b",
    r"\b(?:currently|at present)\b",
    r"\b(?:existing|current|legacy|old) (?:system|process|arrangement|service|software)s?\b",
    r"\b(?:manual|paper-based|spreadsheets?|duplicat\w+|re-?keying|inefficien\w*|"
    r"fragmented|out of support|end of life|unsupported)\b",
    r"\bbacklogs? of\b",
    r"\bcomplaints?\b",
    r"\b(?:purpose|objectives?|aims?|goals?|vision|drivers?) of (?:the|this) "
    r"(?:system|service|procurement|project|programme|platform|contract)\b",
    r"\bbusiness case\b",
    r"\b(?:\d+\+?|several|many|multiple|separate|different|disconnected|unconnected) "
    r"(?:separate |different |legacy )?(?:systems|applications|databases|tools|spreadsheets)\b",
    r"\bconsolidat\w*\b",
    r"\b(?:support|licen[cs]e|contract) (?:\w+ ){0,2}(?:ends|expires|runs out)\b",
    r"\bto replace\b|\bwill replace\b|\breplaces\b",
)
# An outcome moves something by an amount ("reduce the wait from 15 to 5 days", "cut …
# by 20 %"), or names a target or success measure with a number. The verbs are matched in lower
# case: "Council Tax Reduction Scheme 2012" is a name, not an outcome.
OUTCOME = re.compile(
    r"\b(?:reduc|cut|increas|rais|improv|halv|doubl|sav|shorten|lower|bring)\w*\b.{0,80}?"
    r"\b(?:by|to|from|within|under|below|above|at least)\b.{0,30}?\d"
    r"|(?i:\btargets?\b|\bkpis?\b|\bkey performance\b|\bsuccess (?:measures?|criteria)\b|"
    r"\bmeasures? of success\b|\bbaseline\b|\bbenefits? realisation\b).{0,120}?\d"
)
# A date for delivery is a milestone, not an outcome ("go-live target: October 2025").
MILESTONE = cue(r"\bgo-?live\b|\breleases?\b|\blaunch\w*\b|\bcontract award\b|\bmobilis\w*")
BASELINE = cue(
    r"\b(?:fail\w*|errors?|delays?|waits?|complaints?|outages?|crash\w*|missed|lost)\b.{0,60}"
    r"(?:\d|\bone in \w+|\b(?:once|twice) (?:a|per|each|every) \w+)",
    r"\bbacklogs? of \d",
    r"\b\d+(?:\.\d+)? ?%.{0,40}\b(?:late|wrong|overdue|fail\w*|missed|incorrect|lost|rejected|"
    r"duplicat\w*|errors?|complain\w*|abandon\w*|re-?key\w*)",
    r"\b(?:about|around|roughly|only|nearly|over|under|almost|some) (?:a|one) "
    r"(?:third|quarter|fifth|half|tenth)\b",
    r"\b\d+ (?:hours?|h|days?) (?:a|per|each) (?:week|month)\b",
    r"\b(?:one|two|three) in (?:every )?\w+\b",
    r"\b(?:takes?|taking|took|wait\w*|spend\w*|spent) (?:up to |about |around |on average |"
    r"an average of |over |more than )?\d+ (?:working |calendar )?(?:days|weeks|months|hours|"
    r"minutes)\b",
)
AMOUNT = re.compile(
    r"\d|\bhalf\b|\bdouble\b|\bzero\b|\bone in \w+|\btwice\b|\b(?:a|one) (?:third|quarter|"
    r"fifth|tenth)\b",
    re.I,
)
# Headings whose rows are outcomes: "2.2 Objectives and success measures", "Targets".
OUTCOME_HEADING = cue(
    r"\bsuccess\b|\bobjectives\b|\boutcomes?\b|\btargets?\b|\bkpis?\b|"
    r"\bkey performance\b|\bbenefits\b|\b(?:success|performance) measures\b|"
    r"\bmeasures of success\b"
)
INVOLVEMENT = cue(
    # ("closed user group" is a telephony feature, so "user group" is not a cue)
    r"\buser (?:research|testing|acceptance|panels?|representatives?|involvement|"
    r"feedback|workshops?|needs)\b",
    r"\buser acceptance test\w*\b",
    r"\bacceptance test\w* (?:by|with) (?:\w+ ){0,2}(?:users|staff|officers|caseworkers|"
    r"residents|practitioners|volunteers)\b",
    r"\b(?:uat|co-?design\w*|co-?produc\w*|usability test\w*|user-centred|service design)\b",
    r"\bpilot(?:ed|ing)?\b (?:with|phase|scheme|site|group|period|users?|the)\b|\bpiloted\b",
    r"\bprototyp\w* (?:\w+ ){0,3}(?:with|by|to) (?:\w+ ){0,2}(?:users|staff|residents|officers|"
    r"caseworkers|practitioners)\b",
    r"\b(?:tested|trialled|designed|developed|reviewed|signed off) (?:with|by) (?:\w+ ){0,2}"
    r"(?:users|staff|residents|officers|caseworkers|practitioners|representatives)\b",
    r"\binvolv\w* (?:\w+ ){0,2}(?:users|staff|residents|officers|caseworkers|practitioners)\b",
    r"\bshow and tell\b",
)
GENERIC_USERS = frozenset(
    ["user", "users", "person", "people", "someone", "anyone", "party", "individual",
     "member", "we", "i", "you"]
)  # fmt: skip
INFORMATION: dict[str, re.Pattern[str]] = {
    "ownership": cue(
        r"\bdata (?:owner\w*|controller|processor|steward\w*)\b",
        r"\b(?:owns?|ownership of|property of|controller of) (?:\w+ ){0,2}(?:data|records|"
        r"information)\b",
        r"\b(?:data|records|information) (?:\w+ ){0,2}(?:remains?|shall remain) (?:\w+ ){0,2}"
        r"(?:property|owned)\b",
        r"\binformation asset owner\b",
        r"\b(?:remains?|stays?|is|will be) the (?:master|golden|only|single) (?:record|source)\b",
        r"\bremains? the (?:record|source)\b",
    ),
    "retention": cue(
        r"\bretain\w* (?:\w+ ){0,4}(?:for|until)\b",
        r"\bretention\b",
        r"\b(?:kept|keep|held|hold) (?:\w+ ){0,4}for (?:\d|one|two|three|five|six|seven|ten)",
        r"\b(?:delet\w+|purg\w+|anonymi[sz]\w+|destr\w+|dispos\w+) (?:\w+ ){0,6}(?:after|"
        r"once|when|at the end)\b",
        r"\barchiv\w* (?:after|when|once)\b",
        r"\bdisposal schedule\b",
    ),
    "exchange": cue(
        r"\b(?:hmrc|dwp|nhs|police|home office|dvla|land registry|companies house|ofsted|cqc|"
        r"environment agency|border force|hm courts|ministry|department for \w+|gp practices?|"
        r"partner (?:agencies|organisations|bodies)|other (?:bodies|agencies|organisations|"
        r"authorities|councils|local authorities))\b",
        r"\b(?:data|information) (?:sharing|exchange)\b",
        r"\b(?:share|exchange|send|pass|transfer|receive)\w* (?:\w+ ){0,3}(?:data|information|"
        r"records|details|referrals?|notifications?) (?:\w+ ){0,2}(?:with|to|from) "
        r"(?:the |an |other |external |partner )",
        r"\bexternal (?:bodies|agencies|organisations|partners?|systems?)\b",
        r"\b(?:send|receiv|exchang|shar|pass|transfer|import|export|submit|notif|file)\w* "
        r"(?:\w+ ){0,8}(?:to|from|with) (?:the |each |its |a )?(?:\w+ ){0,4}(?:authorit(?:y|ies)|"
        r"agenc(?:y|ies)|tribunal|regulator|registry|police|post office|contractors?|insurers?|"
        r"courts?|hospitals?|schools|housing associations|councils|bodies)\b",
        r"\bdata sharing agreements?\b",
        # data moving to or from a named body or national service: "upload to the FSA",
        # "exchange … with the Traffic Penalty Tribunal" (names, so matched case-sensitively)
        r"\b(?:send|sent|receiv|exchang|shar|pass|transfer|import|export|submit|upload|notif|"
        r"return|feed|interfac|integrat|check|quer|look)\w*(?: up)? (?:[\w'-]+ ){0,10}?"
        r"(?:to|from|with|into|against|via|through|on) (?:the |a |an |each |its |their )?"
        r"(?-i:(?!(?:PDF|CSV|API|XML|JSON|UK|GDPR|SMS|Excel|Word|Outlook|Council|Board|"
        r"Authority|Service|Supplier|Trust)\b)(?:[A-Z]{2,}s?\b|[A-Z][a-z]+(?: (?:of |and |for )?"
        r"[A-Z][a-zA-Z]+)+))",
    ),
    "quality": cue(
        r"\bdata quality\b",
        r"\bvalidat\w* (?:the |each |all |any )?(?:\w+ )?(?:data|address\w*|postcodes?|dates?|"
        r"entr\w+|fields?|inputs?|records?|numbers?|details)\b",
        r"\b(?:data|records?|information) (?:\w+ ){0,3}(?:accurate|complete and accurate|"
        r"up to date)\b",
        r"\bde-?duplicat\w*|\bduplicat\w*",
        r"\bcompleteness\b",
        r"\breconcil\w*\b",
        r"\bflag\w* (?:\w+ ){0,3}(?:differences?|discrepanc\w*|mismatch\w*|errors?|"
        r"inconsistenc\w*)\b",
        r"\bcheck\w* (?:\w+ ){0,4}for (?:errors|completeness|duplicates|consistency|accuracy)\b",
        r"\bcleans\w*\b",
        r"\bmandatory fields?\b",
        r"\bdata standards?\b",
        r"\bmatch\w* (?:\w+ ){0,2}(?:records|against)\b",
    ),
    "migration": cue(
        r"\bdata migration\b|\bmigrat\w* (?:[\w,]+ ){0,4}(?:data|records|cases|accounts|"
        r"documents|files|history)\b|\b(?:be|are|is) migrated\b|\bmigrated (?:from|to|into)\b",
        r"\blegacy (?:data|records)\b",
        r"\b(?:existing|historic\w*|current) (?:data|records|cases|case records)\b",
        r"\bdata (?:conversion|transfer|load\w*|take-?on)\b",
        r"\bbulk (?:load|upload|import)\b",
        r"\bimport\w* (?:\w+ ){0,2}(?:existing|historic\w*|legacy)\b",
    ),
}
CHANGE: dict[str, re.Pattern[str]] = {
    "training": cue(
        # the verb or noun, not the railway's trains: "train users", "training for all staff"
        r"\btrain(?:ing)? (?:for |of |to )?(?:all |the |our |new |key |council |front-?line )?"
        r"(?:staff|users|officers|administrators|managers|trainers|team|caseworkers|agents)\b",
        r"\btraining (?:materials?|plan|sessions?|courses?|programme|needs)\b",
        r"\bbe trained\b|\btrained (?:staff|users|officers)\b|\btrain-the-trainer\b",
        r"\b(?:days?|hours?) of training\b",
        r"\buser guides?\b",
        r"\b(?:user |training |operating )manuals?\b",
        r"\bprovide (?:\w+ ){0,2}training\b|\btraining (?:\w+ )?(?:shall|should|must|will) be "
        r"(?:provided|delivered)\b",
    ),
    "process change": cue(
        r"\bbusiness process\w*\b",
        r"\bprocess (?:change|redesign|re-?engineering|mapping|improvement)\b",
        r"\bways? of working\b",
        r"\b(?:target )?operating model\b",
        r"\bchange management\b",
        r"\b(?:organisational|business) change\b(?! team| manager| lead)",
        r"\bworking practices\b",
        r"\bchanges? to (?:\w+ ){0,2}(?:processes|procedures|roles)\b",
    ),
    "transition": cue(
        r"\bcut-?over\b",
        r"\bgo(?:es)?[- ]?live (?:in |on |by |from )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
        r"oct|nov|dec|\d|date|plan|support)",
        r"\broll-?out\b|\brolled out\b",
        r"\brelease [1-9]\b|\bfirst release\b|\bin one release\b",
        r"\buntil the (?:new )?(?:system|platform|service) is live\b",
        r"\bimplementation (?:plan|phase|period|support|timetable)\b",
        r"\bparallel (?:run\w*|operation)\b",
        r"\btransition (?:plan|period|phase|arrangements|to the new)\b",
        r"\bphased (?:implementation|introduction|delivery|roll-?out)\b",
        r"\bswitch-?over\b",
        r"\bhypercare\b",
        r"\bmobilisation (?:period|phase|plan)\b",
        r"\b(?:private|public) beta\b",
        r"\bearly life support\b",
    ),
    "decommissioning": cue(
        r"\bdecommission\w*\b",
        r"\bretir(?:e|ed|ing|ement) (?:of )?(?:the )?(?:existing|legacy|old|current)\b",
        r"\b(?:switch|turn)(?:ed|ing)? off (?:the )?(?:old|existing|legacy|current)\b",
        r"\bexit (?:plan|strategy|management)\b",
        r"\bend of (?:the )?contract\b",
    ),
}
# Sentences under these headings say why: background, the current situation, the need.
NEED_HEADING = cue(
    r"\bbackground\b|\bcurrent (?:situation|position|arrangements|state)\b|\bbusiness need\b|"
    r"\bthe need\b|\bproblem statement\b|\bcase for change\b|\bwhy\b|\brationale\b|"
    r"\bdrivers? for change\b"
)
# Sections whose statements are definitions or document control, not the spec speaking.
NOT_STATEMENTS = cue(
    r"\bglossary\b|\bdefinitions?\b|\babbreviations\b|\bacronyms\b|\bterms used\b|"
    r"\brevision history\b|\bdocument (?:control|history)\b|\bversion history\b|"
    r"\bchange (?:log|history)\b|\breferences\b"
)
TABLE_OF_CONTENTS = re.compile(r"\.{4,}\s*\d+\s*$|\.{4,}")
PROSE_WORDS = 6
NOT_PROSE = re.compile(r"\.{4,}|\|")  # table-of-contents leaders, table cells
# What a status needs, by the labelling guide: topics found for "present" and for "weak".
THRESHOLDS = {"information": (3, 1), "change": (2, 1)}
