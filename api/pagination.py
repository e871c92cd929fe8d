"""Every list is paginated: 20 a page by default, ``page_size`` up to 100.

Most lists are numbered pages (``?page=2``, with ``count``). The two lists that grow with
every meeting — decisions and minutes — are read with a cursor instead (keyset
pagination, :class:`KeysetPagination`): ``next`` and ``previous`` carry an opaque
``cursor`` that holds the sort key of the row the page starts after, so any page, the
first or the ten-thousandth, is one index range read of ``page_size + 1`` rows, and there
is no ``count`` (counting 585,000 decisions was most of a page's cost).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from portal.cache import CachedCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    # The count of every matching row is kept per query and version of the record.
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


@dataclass(frozen=True)
class Key:
    """One column of a keyset ordering: a field or annotation of the queryset, its
    direction, and the type of its values (``int`` or ``datetime``)."""

    field: str
    descending: bool = False
    kind: type = int

    def encode(self, value) -> int | str:
        if self.kind is datetime.datetime:
            return value.isoformat()
        return int(value)

    def decode(self, value):
        """The value of a cursor, checked: anything else than what :meth:`encode` wrote is
        a ValueError."""
        if self.kind is datetime.datetime:
            if not isinstance(value, str):
                raise ValueError(value)
            moment = datetime.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError(value)
            try:
                return moment.astimezone(datetime.UTC)  # any offset the database can take
            except OverflowError as err:
                raise ValueError(value) from err
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(value)
        return value


class KeysetPagination(pagination.BasePagination):
    """Cursor pagination over a total order (:attr:`keys`, ending with the primary key),
    which the list's index serves. The cursor is the sort key of the last row shown
    (``next``) or of the first (``previous``, read backwards); a cursor that was not
    written by the API is a 404, like a page past the end."""

    keys: tuple[Key, ...] = (Key("pk"),)
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "cursor"
    invalid_cursor_message = _(
        "این نشانی صفحه (cursor) درست نیست؛ از پیوند next یا previous بروید."
    )

    # --- Paginating ----------------------------------------------------------------------

    def ordering(self, backwards: bool = False) -> list[str]:
        return [("-" if key.descending != backwards else "") + key.field for key in self.keys]

    def _beyond(self, position: list, backwards: bool) -> Q:
        """Rows after ``position`` in the order (before it, ``backwards``): a lexicographic
        comparison, with the first key's bound repeated so the index range starts there."""
        terms = []
        for index, key in enumerate(self.keys):
            lookup = "lt" if key.descending != backwards else "gt"
            equal = {k.field: value for k, value in zip(self.keys[:index], position, strict=False)}
            terms.append(Q(**equal, **{f"{key.field}__{lookup}": position[index]}))
        first = self.keys[0]
        bound = "lte" if first.descending != backwards else "gte"
        return Q(**{f"{first.field}__{bound}": position[0]}) & reduce(or_, terms)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        position, backwards = self.decode_cursor(request)
        queryset = queryset.order_by(*self.ordering(backwards))
        if position is not None:
            queryset = queryset.filter(self._beyond(position, backwards))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, position is not None
        self.page = rows
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if size > 0:
                return min(size, self.max_page_size)
        return self.page_size

    # --- Cursors -------------------------------------------------------------------------

    def position_of(self, row) -> list:
        return [key.encode(getattr(row, key.field)) for key in self.keys]

    def encode_cursor(self, row, backwards: bool) -> str:
        data = {"k": self.position_of(row)}
        if backwards:
            data["b"] = 1
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode_cursor(self, request) -> tuple[list | None, bool]:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None, False
        try:
            padded = encoded + "=" * (-len(encoded) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            values = data["k"]
            backwards = data.get("b", 0)
            if not isinstance(values, list) or len(values) != len(self.keys):
                raise ValueError(values)
            if backwards not in (0, 1):
                raise ValueError(backwards)
            position = [key.decode(value) for key, value in zip(self.keys, values, strict=True)]
        except (TypeError, ValueError, KeyError, AttributeError, UnicodeError, binascii.Error):
            raise NotFound(self.invalid_cursor_message) from None
        return position, bool(backwards)

    def _link(self, cursor: str) -> str:
        return replace_query_param(self.base_url, self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        return self._link(self.encode_cursor(self.page[-1], backwards=False))

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.page:
            return remove_query_param(self.base_url, self.cursor_query_param)
        return self._link(self.encode_cursor(self.page[0], backwards=True))

    # --- Response and schema -------------------------------------------------------------

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        example = "?" + urlencode({self.cursor_query_param: "eyJrIjpbLi4uXX0"})
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page (a cursor), or null on the last.",
                    "example": f"https://example.org/api/v1/decisions/{example}",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page, or null on the first.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "An opaque position, as found in the `next` and `previous` links; "
                    "without it, the first page."
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, 1 to {self.max_page_size} (default "
                f"{self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class DecisionPagination(KeysetPagination):
    """The decisions' order: newest meeting first, then the decision's number
    (api/views/querysets.py ``decisions``)."""

    keys = (
        Key("api_meeting_starts_at", descending=True, kind=datetime.datetime),
        Key("meeting_id", descending=True),
        Key("number"),
        Key("pk"),
    )


class MinutesPagination(KeysetPagination):
    """The minutes' order: newest meeting first, then the newest revision."""

    keys = (
        Key("api_meeting_starts_at", descending=True, kind=datetime.datetime),
        Key("meeting_id", descending=True),
        Key("revision", descending=True),
        Key("pk", descending=True),
    )
