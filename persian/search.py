"""The search folding of :func:`persian.text.normalize` inside the database, for text that
has no stored search key (drafts, the internal record, the admin's lists).

:class:`Folded` is a column folded like ``normalize``:

* on SQLite, by ``normalize`` itself: every connection gets it as a deterministic SQL
  function (:func:`install_sqlite_fold`, connected in ``PersianConfig.ready``), so the
  database folds exactly as Python does;
* on PostgreSQL, by an expression written from the same table
  (:data:`persian.text.SEARCH_FOLDS`): ``NORMALIZE(…, NFKC)``, ``LOWER``, one
  ``TRANSLATE`` of the table (letters, digits, removals), whitespace collapsed. It is one
  pass where ``normalize`` repeats until nothing changes, and ``LOWER`` where it casefolds
  (ß stays ß); neither matters for Persian text or the table's characters.

:class:`FoldedSearchAdminMixin` gives the admin's changelist and autocomplete search the
same folding, so «كسبه» typed with an Arabic kaf finds «کسبه» there as on the site.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.contrib.admin.utils import get_fields_from_path, lookup_spawns_duplicates
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, Q, QuerySet, TextField
from django.utils.text import smart_split, unescape_string_literal

from persian.text import SEARCH_FOLDS, normalize

SQLITE_FUNCTION = "persian_fold"

# TRANSLATE(text, from, to) maps the n-th character of ``from`` to the n-th of ``to`` and
# deletes those of ``from`` beyond the end of ``to``: the replacements first, then removals.
_REPLACED = {old: new for old, new in SEARCH_FOLDS.items() if new}
_REMOVED = [old for old, new in SEARCH_FOLDS.items() if not new]
assert all(len(new) == 1 for new in _REPLACED.values()), "TRANSLATE maps one to one"
TRANSLATE_FROM = "".join(_REPLACED) + "".join(_REMOVED)
TRANSLATE_TO = "".join(_REPLACED.values())


def _fold(value: Any) -> str | None:
    return None if value is None else normalize(str(value))


def install_sqlite_fold(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """(connection_created) Give a new SQLite connection ``persian_fold(text)``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _fold, deterministic=True)


class Folded(Func):
    """``expression`` folded for search like :func:`persian.text.normalize`."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        folded = (
            "BTRIM(REGEXP_REPLACE(TRANSLATE(LOWER(NORMALIZE((" + sql + ")::text, NFKC)), "
            "%s, %s), %s, ' ', 'g'))"
        )
        return folded, (*params, TRANSLATE_FROM, TRANSLATE_TO, r"\s+")


# The admin's prefixes of search_fields and the lookups they stand for ("@", full-text
# search, is searched as a substring).
_PREFIXES = {"^": "startswith", "=": "exact", "@": "contains"}


class FoldedSearchAdminMixin:
    """ModelAdmin search over ``search_fields`` folded like the site's search: each word of
    the query (a quoted phrase is one word, as in Django's admin), folded by
    :func:`persian.text.normalize`, must be found in one of the fields, folded in the
    database by :class:`Folded`. Fields that hold no text are searched as Django does."""

    def get_search_results(
        self, request: Any, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        search_fields = self.get_search_fields(request)  # type: ignore[attr-defined]
        bits = []
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            bits.append(bit)
        if not search_fields or not any(normalize(bit) for bit in bits):
            return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]
        opts = queryset.model._meta
        fields = []
        for index, field_name in enumerate(search_fields):
            lookup = _PREFIXES.get(field_name[0], "contains")
            path = field_name.lstrip("^=@")
            is_text = isinstance(
                get_fields_from_path(queryset.model, path)[-1], models.CharField | models.TextField
            )
            fields.append((path, f"_folded_{index}" if is_text else None, lookup))
        queryset = queryset.alias(
            **{alias: Folded(path) for path, alias, _lookup in fields if alias}
        )
        for bit in bits:
            word = normalize(bit)
            if not word:
                continue
            queryset = queryset.filter(
                reduce(
                    operator.or_,
                    (
                        Q(**{f"{alias}__{lookup}": word})
                        if alias
                        else Q(**{f"{path}__i{lookup}": bit})
                        for path, alias, lookup in fields
                    ),
                )
            )
        may_have_duplicates = any(lookup_spawns_duplicates(opts, path) for path, *_ in fields)
        return queryset, may_have_duplicates
