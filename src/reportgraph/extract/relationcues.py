"""The words between two names of a sentence, or before them, that tell a relation: a
table of (predicate, subject classes, object classes, pattern), read by ``relations``."""

from __future__ import annotations

import re

_STATE_CLASSES = ("Country", "Organization")
PEOPLE = ("Person", "Group")
# the titles of who heads a body; "president and CEO" is one
_HEAD_TITLES = (
    r"(?:[Cc]hair(?:man|woman|person)?|[Pp]resident|[Dd]irector(?:[- ]General)?|[Hh]ead|[Ll]eader"
    r"|[Ss]ecretary[- ]General|[Ee]xecutive\s+[Dd]irector|CEO|[Cc]hief\s+[Ee]xecutive)"
    r"(?:\s+(?:and|&)\s+(?:CEO|[Cc]hief\s+[Ee]xecutive(?:\s+[Oo]fficer)?|[Pp]resident|[Ff]ounder))?"
)
# (predicate, subject classes, object classes, pattern for the text between them)
BETWEEN: list[tuple[str, tuple[str, ...], tuple[str, ...], re.Pattern[str]]] = [
    ("ratified", _STATE_CLASSES, ("Law",),
     re.compile(r"\b(?:has|have|had)?\s*ratif(?:y|ied|ies)\b")),
    ("signatoryOf", _STATE_CLASSES, ("Law",), re.compile(r"\bsignator(?:y|ies)\s+to\b|\bsigned\b")),
    ("partyTo", _STATE_CLASSES, ("Law",), re.compile(r"\bpart(?:y|ies)\s+to\b|\bacceded\s+to\b")),
    ("violates", (*_STATE_CLASSES, "Person", "Group"), ("Law",),
     re.compile(r"\bviolat(?:e|es|ed|ing)\b|\bin\s+violation\s+of\b|\bbreach(?:es|ed|ing)?\b"
                r"|\bcontravene")),
    (
        "memberOf",
        ("Person",),
        ("Organization",),
        re.compile(
            r"^\s*(?:,\s*(?:the\s+|a\s+|an\s+)?(?:[Mm]ember|[Oo]fficial|[Rr]esearcher|[Ss]taff"
            r"|[Vv]ice[- ](?:[Cc]hair(?:man|woman)?|[Pp]resident)|[Dd]eputy\s+\w+|[Cc]ommissioner"
            r"|[Ss]pokes(?:man|woman|person)|[Dd]irector\s+\w+|[Oo]fficer)\s+)?(?:of|at|from|with)\s+"
            r"(?:the\s+)?(?:[A-Z][\w.]*(?:'s|\u2019s)\s+)?$"
        ),
    ),
    # "the activists, members of the Vell Movement,"
    ("memberOf", ("Group",), ("Organization",),
     re.compile(r"^\s*,\s*(?:all\s+|both\s+)?(?:members|activists|supporters)\s+of\s+(?:the\s+)?$")),
    # "the Vell Service and the Zembla Desk are each part of the Broadcasting Board"
    ("partOf", ("Organization",), ("Organization",),
     re.compile(r"\b(?:is|are|was|were|became|remains?)\s+(?:each\s+|also\s+|now\s+|still\s+)?"
                r"(?:an?\s+)?(?:part|unit|division|branch|arm|component|subsidiary|wing)\s+of\s+"
                r"(?:the\s+)?(?:[\w-]+\s+){0,3}?$")),
    # "Vellistan is a member of the Union", "Zembla became a founding member state of ..."
    ("memberOf", ("Country", "Organization"), ("Organization",),
     re.compile(r"\b(?:is|are|was|were|became|become|remains?)\s+(?:an?\s+)?(?:founding\s+|full\s+)?"
                r"members?\s+(?:states?\s+)?of\s+(?:the\s+)?$")),
    # "Ana Silva, the Chair of the Refugee Council", "..., the UN High Commissioner for Refugees"
    ("leaderOf", ("Person",), ("Organization",),
     re.compile(r"^\s*,\s*(?:the\s+)?(?:then\s+|new\s+|former\s+)?"
                rf"(?:{_HEAD_TITLES})(?:\s+of\s+(?:the\s+)?|\s*,\s*)?\s*$|^\s*,\s*the\s+$")),
    (
        "spokespersonOf",
        ("Person",),
        _STATE_CLASSES,
        re.compile(r"spokes(?:man|woman|person)\s+(?:of|for)\s+(?:the\s+)?$"),
    ),
    (
        "heldIn",
        ("Person", "Group"),
        ("Place",),
        re.compile(
            r"\b(?:held|detained|imprisoned|jailed|kept|sent)\b[^.;]{0,60}?\b(?:in|at|to)\s+"
            r"(?:an?\s+|the\s+)?(?:[a-z]+\s+)?$"
        ),
    ),
    (
        "operatesIn",
        ("Organization", "Group"),
        ("Place", "Country"),
        re.compile(
            r"\b(?:operat(?:e|es|ing|ed)|works?|working|active|stationed|activities|shelters?"
            r"|offices?|network|looking|spying|spy|flooding)\s+(?:\w+\s+){0,4}?"
            r"(?:in|inside|into)\s+(?:the\s+)?$"
        ),
    ),
    # "a prison in Pelton, run by the state police agency"
    ("operatedBy", ("Place",), ("Organization", "Country"),
     re.compile(r"^(?:\s+in\s+[\w\s]{1,30})?,?\s+(?:run|operated|managed|controlled)\s+by\s+"
                r"(?:the\s+)?$")),
    ("basedIn", ("Person", "Organization", "Group"), ("Place", "Country"),
     re.compile(r"\bbased\s+in\s+(?:the\s+)?$")),
    # "Vell Front-controlled Zembla", "rebel-held Vellport": who holds a place
    ("operatesIn", ("Organization", "Group"), ("Place", "Country"),
     re.compile(r"^-(?:controlled|held|occupied|run)\s+$")),
    ("locatedIn", ("Place",), ("Country",), re.compile(r"^\s*,\s*$")),  # "Geneva, Switzerland"
    ("locatedIn", ("Place", "Organization"), ("Place", "Country"),
     re.compile(r"^\s+(?:city\s+|province\s+|prefecture\s+|county\s+)?in\s+(?:the\s+)?$")),
    # "refugees hiding in Thailand": where a group or person is, as the text says
    ("locatedIn", ("Group", "Person"), ("Place", "Country"),
     re.compile(r"\b(?:hid(?:e|es|ing|den)|liv(?:e|es|ing)|stay(?:s|ing|ed)?|stranded)\s+"
                r"(?:\w+\s+){0,2}?in\s+(?:the\s+)?$")),
    # "Ana Vell has ruled Zembla since 1993"
    ("leaderOf", ("Person",), ("Country",),
     re.compile(r"^\s+(?:has\s+|had\s+)?(?:ruled|rules|governed|governs)\s+(?:over\s+)?$")),
    ("issuedBy", ("Person", "Organization", "Country"), ("Law",),
     re.compile(r"\b(?:issu(?:e|ed|es|ing)|pass(?:ed|es)|adopt(?:ed|s)|enact(?:ed|s)|decreed)\b")),
]  # fmt: skip
# (predicate, pattern for the text between object and subject when the object comes first)
BEFORE: list[tuple[str, tuple[str, ...], tuple[str, ...], re.Pattern[str]]] = [
    # "the Tokyo-based group Human Rights Now"
    ("basedIn", ("Organization", "Group"), ("Place", "Country"),
     re.compile(r"^-based\s+(?:[a-z]+\s+){0,2}(?:(?:[A-Z][\w'-]*|the|of|for|and)\s+){0,8}\(?$")),
    (
        "spokespersonOf",
        ("Person",),
        _STATE_CLASSES,
        re.compile(
            r"^\s*(?:'s\s+|\u2019s\s+)?(?:[A-Z][\w]*\s+){0,2}[Ss]pokes(?:man|woman|person)\s+$"
        ),
    ),
    ("presidentOf", ("Person",), ("Country", "Organization"),
     re.compile(r"^\s*(?:'s\s+|\u2019s\s+)?(?:[Vv]ice[- ])?[Pp]resident\s+$")),
    ("primeMinisterOf", ("Person",), ("Country",),
     re.compile(r"^\s*(?:'s\s+|\u2019s\s+)?(?:Prime\s+Minister|Premier)\s+$")),
    ("leaderOf", ("Person",), ("Country", "Organization"),
     re.compile(r"^\s*(?:'s\s+|\u2019s\s+)?(?:(?:new|former|then|late)\s+)?(?:leader|Leader"
                r"|[Cc]hairman|[Dd]irector|[Hh]ead|King|dictator|[Ss]ecretary[- ]General)\s+$")),
    # "Vell Watch's Ana Silva said": one of its people
    ("memberOf", ("Person",), ("Organization",), re.compile(r"^(?:'s|\u2019s)\s+$")),
    # "the Rome Statute, of which Italy is a signatory", "the Convention, which Peru acceded to"
    ("signatoryOf", ("Country", "Organization"), ("Law",),
     re.compile(r"^\s*,?\s*(?:to\s+)?(?:of\s+)?which\s+$")),
]  # fmt: skip
