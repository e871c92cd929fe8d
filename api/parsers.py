"""The API's JSON parser: DRF's, with a bound on how deeply the body may nest.

Python's JSON decoder recurses once per level, so a body of a few hundred thousand ``[``
(sent without logging in, to any endpoint that reads JSON) ends in a RecursionError — a 500.
No input of this API nests deeper than a handful of levels (the deepest is the record's
attendance and items, three); anything deeper than :data:`MAX_DEPTH` is a parse error (400)
before it is decoded. The size of a body is bounded by Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from persian.digits import localized_digits

MAX_DEPTH = 20


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, strings skipped."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return 0  # cannot be too deep: the common case, without a scan
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        if nesting_depth(raw) > MAX_DEPTH:
            raise ParseError(
                _("بدنهٔ درخواست بیش از اندازه تودرتوست (بیش از %(depth)s سطح).")
                % {"depth": localized_digits(MAX_DEPTH)}
            )
        return super().parse(io.BytesIO(raw), media_type, parser_context)
