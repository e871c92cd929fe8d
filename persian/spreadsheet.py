"""CSV as the municipality's spreadsheets open it: UTF-8 with a byte-order mark (so Excel
reads Persian), a line at a time, and no cell that a spreadsheet would run as a formula.

Every CSV the project writes goes through :func:`csv_lines`. A cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is what spreadsheets evaluate (OWASP, "CSV
Injection"): such a cell is written with a leading apostrophe, which the spreadsheet shows
as text and does not display, so a decision's text «=HYPERLINK(…)» stays words.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """A file-like object whose ``write`` returns what it was given, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The CSV a line at a time, so that memory stays flat however many rows there are."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([safe_cell(cell) for cell in headers])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
