"""Names as the resolver compares them: folded forms, keys that survive spelling and
romanization, and the evidence inside a name (states, places, numbers) that keeps two
things apart.

Every table here is general English or general knowledge of names (abbreviations, family
names, romanization habits), never taken from a report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

from reportgraph.extract.gazetteer import country_names, demonyms
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.model import Mention

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_LABEL_ARTICLE = re.compile(r"^(?:the|The|THE|a|A|an|An)\s+")

# Abbreviations English prose uses inside names, expanded so that "UN High Commissioner"
# and "United Nations High Commissioner" fold alike.
ABBREVIATIONS = {
    "un": "united nations",
    "us": "united states",
    "usa": "united states",
    "uk": "united kingdom",
    "eu": "european union",
    "intl": "international",
    "int'l": "international",
    "natl": "national",
    "dept": "department",
    "govt": "government",
    "assn": "association",
    "prov": "province",
    "sen": "senator",
    "rep": "representative",
}
# Words a place name may carry or drop: "Sichuan Province" is "Sichuan".
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:province|prefecture|oblast|autonomous region|special administrative region"
    r"|municipality|governorate)$"
)
# Words that join a name and say nothing about which thing it is.
STOPWORDS = frozenset(
    "the of for on and to in at a an by with from relating concerning regarding its no nr"
    " number".split()
)
# Head words of laws that English swaps freely: "the Open Door policy / campaign".
_LAW_GENERIC = frozenset("policy campaign crackdown".split())
# Words that make a name a part of the thing another name names ("Article 3 of ...").
PART_WORDS = frozenset(
    "article articles section paragraph chapter clause annex protocol amendment".split()
)
# Head words of bodies: "United Nations High Commissioner for Refugees" is not a longer
# way of writing "United Nations".
BODY_WORDS = frozenset(
    "office commission commissioner committee council agency ministry department bureau"
    " court assembly secretariat programme program fund mission embassy consulate branch"
    " division unit board delegation parliament congress senate police army navy"
    " organization organisation institute association foundation federation union team panel"
    " service centre center".split()
)
TITLES = frozenset(
    "mr mrs ms miss dr prof sen rep gen col capt lt sgt rev fr sir dame lord lady"
    " president minister ambassador senator representative judge pastor father"
    " secretary governor mayor general chancellor premier king queen prince"
    " congressman congresswoman colonel justice".split()
)


@lru_cache(maxsize=1 << 18)
def fold(name: str) -> str:
    """The comparison form of a name: 'The  Chinese government's' -> 'chinese government'."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    text = _ARTICLE.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", ascii_fold(fold(name))).strip("-")
    if not text:
        text = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return text[:80]


def label_form(text: str) -> str:
    """A name as a label: spacing folded, a leading article and wrapping quotes dropped."""
    text = " ".join(text.split())
    return _LABEL_ARTICLE.sub("", text)


def surface(mention: Mention) -> str:
    """The surface form of a mention as a label."""
    return label_form(mention.text)


def entity_key(cls: str, name: str) -> str:
    return f"{cls.lower()}/{slug(name)}"


@lru_cache(maxsize=1 << 18)
def normal(name: str, cls: str = "") -> str:
    """``fold`` plus what a reader ignores: initials joined ("u s" -> "us"), common
    abbreviations expanded, hyphens as spaces, a place's administrative suffix dropped."""
    text = fold(name).replace("-", " ").replace("_", " ")
    text = re.sub(r"\b(\w)\s(?=\w\b)", r"\1", text)  # "u s" -> "us", "d p r k" -> "dprk"
    words = [ABBREVIATIONS.get(w, w) for w in text.split()]
    text = " ".join(words)
    if cls == "Place":
        text = _ADMIN_SUFFIX.sub("", text)
    return text


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)
def core_tokens(name: str, cls: str = "") -> frozenset[str]:
    """The words that say which thing a name names: no joining words, no numbers, plurals
    made singular; for laws, no swappable head word. A single letter stays ("Covenant B")."""
    words = [_singular(w) for w in normal(name, cls).split()]
    out = {w for w in words if w not in STOPWORDS and not w.isdigit()}
    if cls == "Law" and len(out - _LAW_GENERIC) >= 1:
        out -= _LAW_GENERIC
    return frozenset(out)


@lru_cache(maxsize=1 << 18)
def numbers(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\d+", name))


def is_year(number: str) -> bool:
    return len(number) == 4 and number[:2] in ("18", "19", "20")


@cache
def _state_words() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, code in {**country_names(), **demonyms()}.items():
        key = normal(name)
        if key:
            out.setdefault(key, code)
    return out


@lru_cache(maxsize=1 << 18)
def states(name: str) -> frozenset[str]:
    """ISO codes of the states a name names ("Laotian agents" -> {LA})."""
    words = normal(name).split()
    table = _state_words()
    found: set[str] = set()
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            code = table.get(" ".join(words[i:j]))
            if code:
                found.add(code)
                i = j - 1
                break
        i += 1
    return frozenset(found)


@cache
def _place_words() -> dict[str, str]:
    return {normal(name, "Place"): name for name in gazetteer()}


@lru_cache(maxsize=1 << 18)
def places_in(name: str) -> frozenset[str]:
    """Gazetteer places named inside a name ("Embassy in Lima" -> {Lima})."""
    words = normal(name).split()
    table = _place_words()
    found: set[str] = set()
    for i in range(len(words)):
        for j in range(min(len(words), i + 4), i, -1):
            hit = table.get(" ".join(words[i:j]))
            if hit:
                found.add(hit)
                break
    return frozenset(found)


@lru_cache(maxsize=1 << 18)
def known_place(name: str) -> str | None:
    """The gazetteer's own name for a place, if this is one."""
    return _place_words().get(normal(name, "Place"))


def acronym(name: str) -> str | None:
    """The word itself when a name is an acronym ("UNHCR", "U.N.")."""
    letters = re.sub(r"[.\s]", "", name)
    if 2 <= len(letters) <= 10 and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials(name: str) -> str:
    """The capitals of a name's words, joining words skipped: 'World Food Programme' -> WFP."""
    words = re.findall(r"[\w'\u2019]+", name)
    return "".join(w[0] for w in words if w[0].isupper() and w.lower() not in STOPWORDS)


# --- people ---------------------------------------------------------------------------

# Common Korean family names and their usual romanizations (general knowledge of names).
_KOREAN_FAMILY = {
    "kim": "gim",
    "gim": "gim",
    "lee": "i",
    "yi": "i",
    "rhee": "i",
    "ri": "i",
    "rhie": "i",
    "i": "i",
    "park": "bak",
    "pak": "bak",
    "bak": "bak",
    "choi": "choe",
    "choe": "choe",
    "chwe": "choe",
    "jung": "jeong",
    "jeong": "jeong",
    "chung": "jeong",
    "chong": "jeong",
    "kang": "gang",
    "gang": "gang",
    "cho": "jo",
    "jo": "jo",
    "yoon": "yun",
    "yun": "yun",
    "jang": "jang",
    "chang": "jang",
    "lim": "im",
    "im": "im",
    "rim": "im",
    "yim": "im",
    "han": "han",
    "oh": "o",
    "o": "o",
    "seo": "seo",
    "suh": "seo",
    "shin": "sin",
    "sin": "sin",
    "kwon": "gwon",
    "gwon": "gwon",
    "hwang": "hwang",
    "ahn": "an",
    "an": "an",
    "song": "song",
    "ryu": "yu",
    "yoo": "yu",
    "yu": "yu",
    "hong": "hong",
    "jeon": "jeon",
    "jun": "jeon",
    "chun": "cheon",
    "cheon": "cheon",
    "chon": "cheon",
    "ko": "go",
    "koh": "go",
    "go": "go",
    "moon": "mun",
    "mun": "mun",
    "son": "son",
    "sohn": "son",
    "bae": "bae",
    "pae": "bae",
    "baek": "baek",
    "paik": "baek",
    "paek": "baek",
    "heo": "heo",
    "hur": "heo",
    "huh": "heo",
    "nam": "nam",
    "noh": "no",
    "roh": "no",
    "no": "no",
    "ha": "ha",
    "kwak": "gwak",
    "sung": "seong",
    "seong": "seong",
    "cha": "cha",
    "joo": "ju",
    "ju": "ju",
    "chu": "ju",
    "woo": "u",
    "koo": "gu",
    "ku": "gu",
    "min": "min",
    "na": "na",
    "ji": "ji",
    "chae": "chae",
    "won": "won",
    "bang": "bang",
    "hyun": "hyeon",
    "hyeon": "hyeon",
    "byun": "byeon",
    "byeon": "byeon",
    "yang": "yang",
    "um": "eom",
    "eom": "eom",
}


def _korean_syllables(text: str) -> str:
    """A Korean given name with the differences between romanizations folded: hyphens and
    spaces, doubled vowels (Choong/Chong), eo/o/u (Cheon/Chon/Chun), eu/u, ee/ui/i, and
    voiced/unvoiced consonants (Ki/Gi, Pak/Bak, Chol/Jol)."""
    s = re.sub(r"[^a-z]", "", ascii_fold(text).lower())
    for old, new in (("ee", "i"), ("ui", "i"), ("eo", "o"), ("eu", "u"), ("oo", "o")):
        s = s.replace(old, new)
    s = s.replace("u", "o")
    s = s.replace("ch", "j").replace("k", "g").replace("p", "b").replace("t", "d")
    return re.sub(r"(.)\1+", r"\1", s)


def person_tokens(name: str) -> list[str]:
    """A person's name as words, titles and middle initials dropped."""
    words = re.findall(r"[\w'\u2019-]+", ascii_fold(" ".join(name.split())))
    words = [w for w in words if w.lower().strip(".") not in TITLES]
    if len(words) > 2:
        words = [words[0], *[w for w in words[1:-1] if len(w.strip(".")) > 1], words[-1]]
    return words


@lru_cache(maxsize=1 << 18)
def person_key(name: str) -> str:
    """'Lee Seo-yeon' and 'Yi Seo Yeon' -> one key; Western names only folded."""
    words = person_tokens(name)
    if not words:
        return fold(name)
    first = words[0].lower()
    if first in _KOREAN_FAMILY and len(words) >= 2:
        given = _korean_syllables("".join(words[1:]))
        return f"{_korean_syllables(_KOREAN_FAMILY[first])}|{given}"
    return "|".join(re.sub(r"[^a-z]", "", w.lower()) for w in words)


def person_parts(name: str) -> tuple[str, str]:
    """(family-or-first, rest) of ``person_key``: compared separately to refuse a merge of
    two people who share a family name but not a given name."""
    key = person_key(name)
    head, _, rest = key.partition("|")
    return head, rest
