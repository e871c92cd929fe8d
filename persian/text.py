"""Normalisation of Persian text.

Two flavours exist because they answer different questions:

* :func:`normalize` folds away every difference a searcher would not care about
  (Arabic vs. Persian letter shapes, digit scripts, ZWNJ, diacritics, case).  Its
  output is a *search key*: compare or index it, never show it.
* :func:`normalize_for_display` only repairs what people get wrong when typing on
  an Arabic keyboard layout, keeping the text as it should be displayed (ZWNJ stays,
  digits stay in their script).

:func:`search_key` is :func:`normalize` for a stored text that a word-based full-text
index reads: the same key, followed by the pieces of its compound words.
"""

from __future__ import annotations

import re
import unicodedata

from persian.digits import (
    ARABIC_INDIC_DIGITS,
    ARABIC_INDIC_TO_PERSIAN,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
)

__all__ = [
    "INVISIBLE_CHARACTERS",
    "SEARCH_FOLDS",
    "ZWNJ",
    "normalize",
    "normalize_for_display",
    "remove_invisible",
    "search_key",
    "word_runs",
]

ZWNJ = "\u200c"

# Zero-width and bidirectional formatting characters.  They are invisible, so two
# strings that look identical can differ only by them (text copied out of an RTL
# document usually carries LRM/RLM marks around numbers).
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060"  # word joiner
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\ufeff"  # BOM / zero-width no-break space
)

_TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, the small high/low marks and the superscript alef.
_DIACRITICS = "".join(chr(cp) for cp in range(0x064B, 0x0660)) + "\u0670"

_REMOVE_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE_CHARACTERS))

# One table for the whole search folding, character by character: letters that an Arabic
# keyboard or an Arabic-first font produces instead of the Persian letter, Persian and
# Arabic-Indic digits as ASCII, and removals (an empty replacement). :func:`normalize` reads
# it through ``str.translate``; persian/search.py writes the same folding in SQL from it.
SEARCH_FOLDS: dict[str, str] = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی Farsi yeh
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک keheh
    "\u06c0": "\u0647",  # ۀ heh with yeh above -> ه
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u0623": "\u0627",  # أ alef with hamza above -> ا
    "\u0625": "\u0627",  # إ alef with hamza below -> ا
    "\u0671": "\u0627",  # ٱ alef wasla -> ا
    "\u0624": "\u0648",  # ؤ waw with hamza -> و
    **dict(zip(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2, strict=True)),
    **dict.fromkeys(sorted(INVISIBLE_CHARACTERS), ""),
    _TATWEEL: "",
    **dict.fromkeys(_DIACRITICS, ""),
}

_SEARCH_TABLE = str.maketrans(SEARCH_FOLDS)

_DISPLAY_TABLE = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي -> ی
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
    }
)

# A run of letters and digits: punctuation, the underscore and spaces end it.
_WORD_RUN = re.compile(r"[^\W_]+")
# What may open a word without joining it: quotes and brackets.
_OPENING = frozenset("«\"'([{‹“‘")

# The passes below converge in one or two rounds for real text; the bound only
# guards against an unforeseen Unicode cycle turning into an endless loop.
_MAX_ROUNDS = 10


def remove_invisible(text: str) -> str:
    """Drop zero-width and bidi formatting characters (including ZWNJ) from ``text``."""
    return text.translate(_REMOVE_INVISIBLE)


def _collapse_whitespace(text: str) -> str:
    # str.split() without arguments splits on every Unicode whitespace run and drops
    # empty ends, which is exactly "collapse and strip".
    return " ".join(text.split())


def _search_round(text: str) -> str:
    # NFKC first: it folds Arabic presentation forms (ﻙ, ﻱ, ﻻ …), full-width digits
    # and compatibility spaces into their ordinary characters, which the table then
    # maps.  It also composes ا + hamza into أ so that the table can fold it.
    text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    text = text.translate(_SEARCH_TABLE)
    return _collapse_whitespace(text)


def normalize(text: str | None) -> str:
    """Return the search key of ``text``.

    The key folds Arabic letter variants to Persian ones, all digits to ASCII,
    removes ZWNJ and other invisible controls, tatweel and diacritics, casefolds
    Latin letters and collapses whitespace.  Use it on both sides of a comparison.

    The function is idempotent: ``normalize(normalize(x)) == normalize(x)``.  A
    single pass is not enough for that, because the steps feed each other (removing
    a ZWNJ can put a base letter next to a combining mark that NFKC then composes;
    casefold can produce text NFKC would change), so the pass is repeated until the
    text stops changing.
    """
    if not text:
        return ""
    text = str(text)  # lazy translation strings and other str-likes
    for _round in range(_MAX_ROUNDS):
        folded = _search_round(text)
        if folded == text:
            break
        text = folded
    return text


def _clean_word(word: str) -> str:
    # Inside a word a single ZWNJ is meaningful (می‌شود); two in a row are a typo,
    # and one at a word edge (next to a space or the string end) joins nothing.
    while ZWNJ * 2 in word:
        word = word.replace(ZWNJ * 2, ZWNJ)
    return word.strip(ZWNJ)


def _display_round(text: str) -> str:
    # NFC (canonical, not compatibility) keeps the visible text identical while
    # unifying decomposed input, e.g. from macOS keyboards.
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_DISPLAY_TABLE).translate(ARABIC_INDIC_TO_PERSIAN)
    words = (_clean_word(word) for word in text.split())
    return " ".join(word for word in words if word)


def normalize_for_display(text: str | None) -> str:
    """Return ``text`` cleaned for storage and display.

    Arabic ي/ى/ك become Persian ی/ک, Arabic-Indic digits become Persian digits,
    whitespace is collapsed and stripped.  ZWNJ is kept, but duplicate ZWNJs are
    collapsed and a ZWNJ next to a space (or at either end) is removed.  Latin
    digits and letters are left alone.  Idempotent, like :func:`normalize`.
    """
    if not text:
        return ""
    text = str(text)  # lazy translation strings and other str-likes
    for _round in range(_MAX_ROUNDS):
        cleaned = _display_round(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def word_runs(text: str) -> list[str]:
    """The runs of letters and digits in ``text``, in order: «kr-1405» gives «kr» and
    «1405», «1405/02/08» gives «1405», «02» and «08». Punctuation, underscores and
    spaces separate runs; they are never part of one."""
    return _WORD_RUN.findall(text)


def _hides_runs(word: str) -> bool:
    """Whether a word-based parser may miss a run of ``word``: it holds two runs or more
    («kr-1405», «3.5»), or one after something else than an opening quote or bracket
    («-1405», «/1405»). A single run with only punctuation after it («شود.») is found."""
    runs = word_runs(word)
    if len(runs) != 1:
        return len(runs) > 1
    lead = word[: word.index(runs[0])]
    return any(char not in _OPENING for char in lead)


def search_key(text: str | None) -> str:
    """Return :func:`normalize` of ``text`` followed by the pieces of its compound words.

    A full-text index matches whole words (or their beginnings), where a substring
    search matches anywhere. Two kinds of words would hide their pieces from it:

    * words joined by the zero-width non-joiner: «می‌شود» folds to «میشود», which a
      search for «می شود» (a space typed instead of the ZWNJ) must find, so «می» and
      «شود» are appended;
    * words holding punctuation, which PostgreSQL's parser keeps whole or splits in its
      own way («3.5», «1405/02/08», «a@b.ir», «kr-1405» → «kr», «-1405»), so their
      runs of letters and digits (:func:`word_runs`) are appended.

    Each piece is appended once, and only when it is not already a word of the key. Every
    piece is a substring of the folded text, so a substring search of any query word finds
    the same rows in the key as in ``normalize(text)``. Applying it again changes nothing.
    """
    key = normalize(text)
    if not key:
        return ""
    words = key.split()
    known = set(words)
    candidates = [word for word in words if _hides_runs(word)]
    raw = str(text)
    if ZWNJ in raw:
        spaced = normalize(raw.replace(ZWNJ, " ")).split()
        candidates += [word for word in spaced if word not in known]
    pieces: list[str] = []
    for word in candidates:
        for run in word_runs(word):
            # The pieces of a ZWNJ-joined word are substrings of the key unless the
            # folding joined letters across the ZWNJ (a mark after it): then they are left.
            if run not in known and run in key:
                known.add(run)
                pieces.append(run)
    return " ".join([key, *pieces])
