"""The layout of the printed minutes, checked on the glyphs' positions (pdfminer.six):
the document number fits its box, no heading or «پاسخ» label ends a page, and a long
table repeats its header row on every page.

pdfminer gives a right-to-left line in visual order (left to right), so a Persian line's
text is compared reversed.
"""

from __future__ import annotations

import copy
import io

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTTextLine

from tests.pdf.test_text_layer import render_world, world_snapshot

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
PAGE_HEIGHT = 842
MARGIN = 16 * MM  # left, right and top page margins (minutes.css @page)
FOOTER_TOP = 33 * MM  # the bottom margin, where the running footer is
LONGEST_ID = "WWWWWWWWWWWWWWWWWWWW-WG12-1405-999-R99"  # 20-letter slug, largest numbers
TYPICAL_ID = "RASHT-WG2-1405-002-R12"


def _chars(element):
    if isinstance(element, LTChar):
        yield element
        return
    for child in getattr(element, "_objs", []) or []:
        yield from _chars(child)


def _lines(element):
    if isinstance(element, LTTextLine):
        yield element
        return
    for child in getattr(element, "_objs", []) or []:
        yield from _lines(child)


def _pages(data: bytes) -> list:
    return list(extract_pages(io.BytesIO(data)))


def _logical(line: LTTextLine) -> str:
    return line.get_text().strip()[::-1]


def _is_heading(line: LTTextLine) -> bool:
    """An h2/h3 (bold, 11 pt and more) or the «پاسخ» / «پرسش» label of an item."""
    chars = [char for char in _chars(line) if char.get_text().strip()]
    if not chars or not all("Bold" in char.fontname for char in chars):
        return False
    return min(char.size for char in chars) >= 10.9 or _logical(line) in ("پاسخ", "پرسش")


def _body_lines(page) -> list[LTTextLine]:
    """The page's text lines above the footer, top to bottom."""
    lines = [line for line in _lines(page) if line.y0 > FOOTER_TOP and line.get_text().strip()]
    return sorted(lines, key=lambda line: -line.y1)


def _decisions(world, count: int) -> list[dict]:
    template = world_snapshot(world)["decisions"][0]
    rows = []
    for number in range(1, count + 1):
        row = copy.deepcopy(template)
        row["number"] = number
        row["text"] = f"مصوبه {number}: " + "گزارش لکه‌گیری معابر اصلی ارائه شود. " * (
            1 + number % 4
        )
        rows.append(row)
    return rows


def _attendees(world, count: int) -> dict:
    attendance = copy.deepcopy(world_snapshot(world)["attendance"])
    template = attendance["present"][0]
    attendance["present"] = [
        {**template, "name": f"حاضر شماره {index}", "side": "press" if index % 3 else "official"}
        for index in range(count)
    ]
    return attendance


@pytest.fixture
def documents(world) -> dict[str, bytes]:
    return {
        "demo": render_world(world),
        "decisions-20": render_world(world, decisions=_decisions(world, 20)),
        "attendees-40": render_world(world, attendance=_attendees(world, 40)),
    }


def _assert_no_heading_ends_a_page(data: bytes, name: str) -> None:
    pages = _pages(data)
    for number, page in enumerate(pages[:-1], start=1):
        lines = _body_lines(page)
        assert lines, f"{name}: page {number} has no text"
        last = lines[-1]
        assert not _is_heading(last), f"{name}: page {number} ends with «{_logical(last)}»"


def test_no_heading_or_answer_label_is_left_at_the_foot_of_a_page(documents):
    for name, data in documents.items():
        _assert_no_heading_ends_a_page(data, name)


def _thead_pages(data: bytes, header: str) -> tuple[list[int], list[int]]:
    """Pages on which the decisions table has rows, and those showing its header."""
    with_rows, with_header = [], []
    for number, page in enumerate(_pages(data), start=1):
        texts = [_logical(line) for line in _body_lines(page)]
        if any(text.startswith("مصوبه ") or ": مصوبه" in text[::-1] for text in texts) or any(
            "مصوبه" in text and ":" in text for text in texts
        ):
            with_rows.append(number)
        if any(header in text for text in texts):
            with_header.append(number)
    return with_rows, with_header


def test_a_long_table_repeats_its_header_row_on_every_page(world):
    data = render_world(world, decisions=_decisions(world, 200))
    pages = _pages(data)
    assert len(pages) > 10
    header = "شرح مصوبه"
    for number, page in enumerate(pages, start=1):
        texts = [_logical(line) for line in _body_lines(page)]
        has_rows = any(("لکه‌گیری" in text or "لکهگیری" in text) for text in texts)
        if has_rows:
            assert any(header in text for text in texts), f"page {number} lacks the header row"
    _assert_no_heading_ends_a_page(data, "decisions-200")


def test_a_table_row_is_never_split_nor_left_alone(world):
    """Every page that shows decision rows shows at least two of them, or the table's end."""
    data = render_world(world, decisions=_decisions(world, 20))
    for number, page in enumerate(_pages(data), start=1):
        texts = [_logical(line) for line in _body_lines(page)]
        rows = [text for text in texts if "مصوبه" in text and ":" in text and header_free(text)]
        if rows:
            assert len(rows) >= 2 or number == len(_pages(data)), (number, rows)


def header_free(text: str) -> bool:
    return "شرح مصوبه" not in text


def _refs_box(page) -> tuple[float, float, float, float]:
    """The rounded box of the letterhead's references (number, date, attachments)."""
    boxes = [
        item
        for item in page
        if isinstance(item, LTCurve)
        and item.x0 < PAGE_HEIGHT / 2
        and item.y1 > PAGE_HEIGHT - MARGIN - 40 * MM
        and item.width > 30 * MM
    ]
    assert boxes, "no box found in the letterhead"
    box = min(boxes, key=lambda item: item.x0)
    return box.x0, box.y0, box.x1, box.y1


def _id_chars(page, document_id: str) -> list[LTChar]:
    top = PAGE_HEIGHT - MARGIN - 40 * MM
    chars = [
        char
        for char in _chars(page)
        if char.y0 > top and char.x0 < 595 / 2 and char.get_text() in set(document_id)
    ]
    return chars


@pytest.mark.parametrize("document_id", [TYPICAL_ID, LONGEST_ID])
def test_the_document_number_fits_its_box(world, document_id):
    page = _pages(render_world(world, document_id=document_id))[0]
    x0, y0, x1, y1 = _refs_box(page)
    chars = _id_chars(page, document_id)
    assert len(chars) >= len(document_id)
    for char in chars:
        assert x0 <= char.x0 and char.x1 <= x1, f"«{char.get_text()}» outside the box"
        assert y0 <= char.y0 and char.y1 <= y1
    if document_id == TYPICAL_ID:
        baselines = {round(char.y0) for char in chars}
        assert len(baselines) == 1, "a typical document number is printed on one line"
