"""Pieces of regular expression shared by the rule-based extractors."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from reportgraph.model import Annotated, Mention, RelationMention, Sentence

# White space inside a name: spaces, or one line break (text wrapped mid-name).
SP = r"(?:[ \t]+|[ \t]*\n[ \t]+)"


def _latin(upper: bool) -> str:
    """The letters of Latin script of one case, as ranges of a character class: names
    arrive spelt in every European alphabet and in transliterations ("Łukasz", "Șerban",
    "Nguyễn", "Maḩallah"), and Python's ``re`` knows no Unicode categories."""
    blocks = [range(0xC0, 0x250), range(0x1E00, 0x1F00)]  # Latin-1 to Extended-B, Additional
    found = [c for b in blocks for c in b if chr(c).isalpha() and chr(c).isupper() == upper]
    parts, start = [], found[0]
    for prev, cur in zip(found, [*found[1:], None], strict=True):
        if cur != prev + 1:
            parts.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
            start = cur
    return ("A-Z" if upper else "a-z") + "".join(parts)


# A capitalised word of a name: "Kim", "Gi-won", "O'Brien", "U.S.", "McCain".
# Letters of Latin script beyond ASCII ("Velázquez", "Luján", "Øverland").
UPPER = _latin(upper=True)
LOWER = _latin(upper=False)
WORD = (
    rf"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z]{{2,}}\b|[{UPPER}]['\u2019][{UPPER}][{LOWER}]+"
    rf"|(?:Ma?c|De|Di|La|Le|Van|Von)?[{UPPER}][{LOWER}]+(?:[-'\u2019][{UPPER}{LOWER}]+)*"
    rf"(?:(?<=s)['\u2019](?=[ \t][{UPPER}]))?"  # "Peoples' Rights", "Workers' Party"
    rf"|[A-Z]\b)"
)
# Small words allowed inside a multi-word proper name.
JOIN = r"(?:of|for|on|and|the|de|del|da|in|to|against|relating\s+to|&)"
# A run of capitalised words, possibly joined by the small words above.
PROPER = rf"{WORD}(?:{SP}(?:{JOIN}{SP})*{WORD})*"
# Capitalised words that begin sentences but never names.
# what joins a body's name to the state it serves: "the Border Guard (BG) of Zembla"
OF_A_STATE = re.compile(r"\s*(?:\([A-Z][\w.-]*\)\s*)?\s+of\s+(?:the\s+)?")
# A name read as where an act happened, not who took part in it ("detained in Chad",
# "protested outside the court"); AT_PLACE leaves out "to", which may also name whom
# something is given to ("sent aid to the refugees").
_AT_WORDS = r"in|into|from|near|at|across|inside|outside"
PLACE_BEFORE = re.compile(
    rf"\b(?:{_AT_WORDS}|to)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?$", re.I
)  # "fled to neighbouring Chad"
AT_PLACE = re.compile(rf"\b(?:{_AT_WORDS})\s+(?:the\s+)?$", re.I)
# A news dateline opening a line: "ALMATY, Nov 3 (Zembla Wire) -", "VELLPORT, Zembla --",
# "LIMA, 12 October 2021 -",
# "(Vellport) -", "(Berlin, June 2, 2024) -". Group "city" (or "bracketed") is the place it
# was filed from; the agency in brackets is who reports, and no name in it takes part in
# what the sentence tells.
# a dateline's date: "Nov 3", "Nov. 3, 2021", "12 October 2021"
DATELINE_DATE = (
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
    r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?)"
)
DATELINE = re.compile(
    rf"^[ \t]*(?:(?P<city>[{UPPER}][{UPPER}'.-]+(?:[ \t]+[{UPPER}][{UPPER}'.-]+){{0,2}})"
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)?,?[ \t]*"
    rf"{DATELINE_DATE}?[ \t]*(?:\([^()\n]{{2,40}}\))?"
    r"|\((?P<bracketed>[A-Z][\w'-]+(?:[ \t][A-Z][\w'-]+){0,2})(?:,[^()\n]{2,30})?\))"
    # then a dash, a colon ("YANGON: Two ..."), or a wire's name and the story's first word
    r"(?:[ \t]*(?:--?|\u2013|\u2014|:)[ \t]|(?<=\))[ \t]+(?=[A-Z]))",
    re.M,
)

# "to which Zembla is a State party", "States Parties": states bound by a treaty, no body
STATE_PARTY = re.compile(r"States?\s+Part(?:y|ies)", re.I)

# what names the source of a report just before a name: "according to (the) X", "according
# to the independent monitoring group X", "according to a report by X"
SOURCE = re.compile(
    r"\b[Aa]ccording\s+to\s+(?:(?:the|a|an|her|his|their|its)\s+)?(?:[a-z][\w'\u2019-]*\s+){0,5}$"
)

FUNCTION_WORDS = frozenset(
    [
        "Whereas",
        "While",
        "When",
        "Where",
        "Under",
        "Since",
        "Because",
        "Although",
        "Though",
        "After",
        "Before",
        "In",
        "On",
        "At",
        "As",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "Both",
        "Between",
        "And",
        "But",
        "Also",
        "However",
        "Thus",
        "Despite",
        "Unlike",
        "Like",
        "Our",
        "Its",
        "Their",
        "His",
        "Her",
        "My",
        "Your",
        "We",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "The",
        "A",
        "An",
        "Then",
        "If",
        "To",
        "Of",
        "Only",
        "Even",
        "Meanwhile",
        "Moreover",
        "Furthermore",
        "Yet",
        "So",
        "Such",
        "Some",
        "Any",
        "Every",
        "Each",
        "All",
        "Most",
        "Many",
        "No",
        "Not",
        "Dear",
        "Text",
        "Following",
        "Starting",
        "According",
        "Regarding",
        "Concerning",
        "Later",
        "Earlier",
        "Today",
        "Yesterday",
        "Recently",
        "Last",
        "Next",
        "Now",
        "Here",
        "There",
        "Still",
        "Instead",
        "Finally",
        "First",
        "Second",
        "Third",
        "During",
        "Until",
        "Upon",
        "Into",
        "Through",
        "Among",
        "Against",
        "Within",
    ]
)
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|"
    "dozens|hundreds|thousands|tens of thousands|several|many"
)


def skip_function_words(text: str) -> int:
    """How many characters of leading function words ("Whereas the", "Under") to drop."""
    offset = 0
    while True:
        m = re.match(r"([A-Za-z]+)(\s+)", text[offset:])
        if not m or not (m.group(1) in FUNCTION_WORDS or m.group(1).islower()):
            return offset
        offset += m.end()


_PART_NOUNS = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:office|agency|mission|branch)\b")


def names_a_part(text: str, end: int) -> bool:
    """Does the name ending at ``end`` qualify a part of its own ("a United Nations depot",
    "the United Nations food agency"), which is what the sentence speaks of?"""
    return bool(_PART_NOUNS.match(text, end))


def part_named(text: str, end: int) -> int | None:
    """Where the name of a body's agency or office ends that a body's name ending at
    ``end`` begins ("the UN refugee agency", "the United Nations human rights office"):
    the body the sentence speaks of, named as the text names it."""
    found = _AGENCY_OF.match(text, end)
    return found.end() if found else None


# "UN refugee agency", "UN human rights office", "UN children's agency"
_AGENCY_OF = re.compile(
    r"[ \t]+(?:[a-z]+(?:'s|\u2019s)?[ \t]+){1,2}(?:agency|office|body|watchdog)\b"
)


def heading_line(text: str, pos: int) -> bool:
    """Is ``pos`` on a short line that capitalises every word, as titles do?"""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", line)
    long_words = [w for w in words if len(w) >= 4]
    return (
        2 <= len(words) <= 12
        and not line.endswith(".")
        and bool(long_words)
        and all(w[0].isupper() for w in long_words)
    )


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def add(
    doc: Annotated, start: int, end: int, cls: str, source: str, name: str = ""
) -> Mention | None:
    """Add the span [start, end) of the document as a mention, trimmed of space and
    trailing punctuation; returns it, or None when it crosses an earlier mention."""
    text = doc.document.text
    while start < end and text[start] in " \t\n\"'\u201c(":
        if text[start] in '"\u201c' and re.search('["\u201d]', text[start + 1 : end]):
            break  # keep the quotes of '"Open Door" policy'
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.\"'\u201d)":
        if text[end - 1] == "." and re.search(
            r"\b[A-Z]\.$|\b(?:U\.S|U\.N|Prov|Inc|Co)\.$", text[start:end]
        ):
            break
        end -= 1
    if end <= start:
        return None
    mention = Mention(start, end, text[start:end], cls, source, name)
    return mention if doc.add_mention(mention) else None


HEADS_FILE = "name_heads.tsv"


@cache
def _head_rows() -> tuple[tuple[str, str, str], ...]:
    data = files("reportgraph") / "data" / HEADS_FILE
    rows = []
    for line in data.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if not line.strip() or line.startswith("#") or cells[0] == "class":
            continue
        rows.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    return tuple(rows)


def heads(cls: str, where: str = "") -> str:
    """The head words of ``cls`` names (``data/name_heads.tsv``) that stand ``where`` the
    table says, as a regular-expression alternation, longest first: a user extends the
    kinds of names found by adding a row, not by editing a pattern."""
    words = sorted(
        (h for c, h, w in _head_rows() if c == cls and w == where), key=len, reverse=True
    )
    return "|".join(SP.join(re.escape(w) for w in h.split()) for h in words) or "(?!)"


def relate(
    doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence, source: str
) -> None:
    """Record that ``s`` stands in ``predicate`` to ``o``, unless they name one thing."""
    if s.canonical != o.canonical:
        doc.relations.append(RelationMention(s, predicate, o, sentence, source))


def nested(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


# Plural nouns of people in a role: what a group is, and what security forces are not.
ROLE_NOUNS = (
    r"refugees|defectors|escapees|asylum{SP}seekers|migrants|women|men|children|people"
    r"|nationals|citizens|soldiers|agents|guards|lawmakers|legislators|diplomats"
    r"|missionaries|activists|workers|residents|prisoners|detainees|families|students|Christians"
    r"|spouses|security{SP}agents|border{SP}guards|civilians|victims|brokers|traffickers"
).replace("{SP}", SP)


def outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions no other of the list contains ("the Consulate in Pelton", not Pelton)."""
    return [
        m
        for m in mentions
        if not any(o is not m and o.start <= m.start and m.end <= o.end for o in mentions)
    ]


# Particles inside a person's name: glued by a hyphen ("al-Vellani") or standing alone
# ("Tariq bin Vellan", "Ana de Vell").
HYPHEN_PARTICLES = ("al", "el", "ad", "as", "ash", "at", "az")
NAME_PARTICLES = ("bin", "bint", "ibn", "de", "van", "von", "der", "da", "dos", "du")

# Capitals that name a file's format or mark a section of a text ("see the PDF", "<DOC>",
# "SEC. 2."), never a body.
FORMAT_WORDS = frozenset("PDF TXT DOC DOCX HTML HTM XML CSV JSON RTF JPG JPEG PNG GIF SEC".split())

# What a people is said to be: "the Zembans are an ethnic minority in Vell".
PEOPLE_KINDS = frozenset("group minority people community population tribe nation".split())


# ", a coalition of twelve groups said today.": a speaker of a few words with no clause of
# its own, and the verb of saying ending the sentence
_SPEAKER_LAST = re.compile(
    r",(?=\s+(?:the|a|an|[A-Z0-9])[\w'\u2019.-]*(?:\s+[\w'\u2019.-]+){0,7}?\s+"
    r"(?:said|says|stated|added|warned|noted)"
    r"(?:\s+(?:today|yesterday|on\s+[A-Z]\w+day|in\s+a\s+statement))?[.!]?\s*$)"
)
_CLAUSE_WORDS = re.compile(r"\b(?:who|which|that|and|but|as|while|when|if|because)\b")


def speaker_last(sentence: str) -> int | None:
    """Where the speaker named at a sentence's end begins (its comma): what comes before
    is what was said ("Police detained ten people, the Vell Council said.")."""
    found = _SPEAKER_LAST.search(sentence)  # one at most: no comma after it
    if found is None or _CLAUSE_WORDS.search(sentence, found.end()):
        return None
    return found.start()
