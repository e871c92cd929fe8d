"""Persian alphabetical order: the collation ``fa`` on both databases.

Sorting by code point puts پ چ ژ ک گ (letters added to the Arabic script for Persian, so
encoded after it) after ی, and Arabic ي/ك away from their Persian twins. The name columns
of people and organisations are declared with ``db_collation=COLLATION`` so that every
``ORDER BY`` on them — default orderings, ``order_by("person__last_name")``, the admin's
column sorting, the options of a select — follows the alphabet
آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی:

* on PostgreSQL, ``fa`` is an ICU collation created by a migration (committee 0007:
  ``CREATE COLLATION fa (provider = icu, locale = 'fa')``, CLDR's Persian order, in which
  ي/ك sort as ی/ک and the zero-width non-joiner is ignored);
* on SQLite, ``fa`` is this module's :func:`compare`, given to every connection by
  :func:`install_sqlite_collation` (connected in ``PersianConfig.ready``). A plain
  ``sqlite3`` shell does not have it: ordering or writing those columns there fails with
  "no such collation sequence: fa".

:func:`sort_key` is the same order for lists sorted in Python.

Both are deterministic: two names that differ only by ي/ی or a ZWNJ sort side by side but
stay distinct (ties are broken by the code points), so unique constraints mean what they did.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from persian.digits import ARABIC_INDIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from persian.text import INVISIBLE_CHARACTERS

__all__ = ["ALPHABET", "COLLATION", "compare", "install_sqlite_collation", "sort_key"]

COLLATION = "fa"

ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

# Letters written in their Arabic (or decorated) form sort as the Persian letter.
_FOLDS = {
    "\u064a": "ی",  # ي Arabic yeh
    "\u0649": "ی",  # ى alef maksura
    "\u0626": "ی",  # ئ yeh with hamza
    "\u0643": "ک",  # ك Arabic kaf
    "\u06c0": "ه",  # ۀ heh with yeh above
    "\u0629": "ه",  # ة teh marbuta
    "\u06be": "ه",  # ھ heh doachashmee
    "\u0623": "ا",  # أ
    "\u0625": "ا",  # إ
    "\u0671": "ا",  # ٱ
    "\u0624": "و",  # ؤ
}
# Ignored altogether: ZWNJ and the other invisible characters, tatweel, diacritics.
_IGNORED = frozenset(
    INVISIBLE_CHARACTERS | {"\u0640", "\u0670"} | {chr(cp) for cp in range(0x064B, 0x0660)}
)
_DIGITS = {
    d: i
    for script in (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS)
    for i, d in enumerate(script)
}
_LETTERS = {letter: i for i, letter in enumerate(ALPHABET)}

# Classes, in order: spaces and punctuation, digits, Persian letters, everything else (Latin
# by its case-folded form), as ICU's Persian collation orders them.
_SPACE, _DIGIT, _PERSIAN, _OTHER = range(4)


@lru_cache(maxsize=4096)
def sort_key(text: str | None) -> tuple[tuple[int, int], ...]:
    """A key that sorts ``text`` in Persian alphabetical order (``sorted(names, key=sort_key)``).

    ``None`` sorts first, like the empty string."""
    key = []
    for char in text or "":
        if char in _IGNORED:
            continue
        char = _FOLDS.get(char, char)
        if char in _LETTERS:
            key.append((_PERSIAN, _LETTERS[char]))
        elif char in _DIGITS:
            key.append((_DIGIT, _DIGITS[char]))
        elif char.isspace() or unicodedata.category(char)[0] in "PSZ":
            key.append((_SPACE, ord(char)))
        else:
            for folded in char.casefold():
                key.append((_OTHER, ord(folded)))
    return tuple(key)


def compare(left: str | None, right: str | None) -> int:
    """-1, 0 or 1 as ``left`` sorts before, with or after ``right``; 0 only for equal strings."""
    left_key, right_key = sort_key(left), sort_key(right)
    if left_key != right_key:
        return -1 if left_key < right_key else 1
    left, right = left or "", right or ""
    return (left > right) - (left < right)


def install_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """(connection_created) Give a new SQLite connection the collation ``fa``."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
