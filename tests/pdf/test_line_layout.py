"""Right-to-left lines laid out once: minutes.publication.pdf_layout.single_layout_of_lines,
the fix in WeasyPrint's line layout that changes nothing on the page, only its cost."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from unittest import mock

import pytest
import weasyprint
from weasyprint.layout import inline as weasyprint_inline

from minutes.publication import pdf_layout
from minutes.publication.pdf import FONT_FILES
from tests.pdf.test_text_layer import render_tricky, render_world

REPO = Path(__file__).resolve().parents[2]
FONT = next(path for url, path in FONT_FILES.items() if url.endswith("Regular.ttf"))
PARAGRAPH = " ".join(["معاونت عمرانی گزارش لکه‌گیری معابر اصلی را به کارگروه ارائه کند."] * 12)


def html(*, direction: str = "rtl", body: str = f"<p>{PARAGRAPH}</p>") -> str:
    return (
        f'<html dir="{direction}" lang="fa"><style>@font-face {{ font-family: V; src: url('
        f'"{FONT.as_uri()}"); }} body {{ font-family: V; width: 120mm; }}'
        " .float { float: right; width: 30mm; height: 20mm; }</style>"
        f"<body>{body}</body></html>"
    )


def layouts(source: str, *, fixed: bool) -> tuple[int, int, bytes]:
    """How many line layouts (split_first_line calls of the inline layout), how many lines
    there are on the page, and the PDF."""
    counting = mock.patch.object(
        weasyprint_inline, "split_first_line", wraps=weasyprint_inline.split_first_line
    )
    context = pdf_layout.single_layout_of_lines() if fixed else contextlib.nullcontext()
    with counting as counter, context:
        document = weasyprint.HTML(string=source).render()
        data = document.write_pdf()
    lines = sum(
        1
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, weasyprint.formatting_structure.boxes.LineBox)
    )
    return counter.call_count, lines, data


def test_the_fix_is_written_for_the_pinned_weasyprint():
    assert weasyprint.__version__ == pdf_layout.WEASYPRINT_VERSION
    pins = (REPO / "requirements.txt").read_text()
    assert f"weasyprint=={pdf_layout.WEASYPRINT_VERSION}" in pins.lower()


def test_weasyprint_alone_lays_out_each_right_to_left_line_twice():
    """What the fix is for (if WeasyPrint ever stops doing it, the fix can go)."""
    calls, lines, _ = layouts(html(), fixed=False)
    assert lines >= 5
    assert calls == 2 * lines


def test_with_the_fix_each_line_is_laid_out_once_into_the_same_pdf():
    before_calls, lines, before = layouts(html(), fixed=False)
    after_calls, _, after = layouts(html(), fixed=True)
    assert after_calls == lines < before_calls
    assert after == before


def test_left_to_right_text_is_laid_out_once_either_way():
    english = f"<p>{' '.join(['The works department reports to the workgroup.'] * 12)}</p>"
    calls, lines, before = layouts(html(direction="ltr", body=english), fixed=False)
    assert calls == lines
    assert layouts(html(direction="ltr", body=english), fixed=True)[2] == before


def test_beside_a_float_nothing_changes():
    """Where a float can move a line (anywhere in the same block formatting context),
    WeasyPrint's own loop decides, as before."""
    body = f'<div class="float"></div><p>{PARAGRAPH}</p>'
    before_calls, _, before = layouts(html(body=body), fixed=False)
    after_calls, _, after = layouts(html(body=body), fixed=True)
    assert after == before
    assert after_calls == before_calls


@pytest.mark.django_db
@pytest.mark.parametrize("render", [render_world, render_tricky])
def test_the_minutes_are_the_same_bytes_without_the_fix(world, render):
    """The published minutes (footer with floats, tables, the text-layer hook): identical."""
    with_fix = render(world)
    with mock.patch(
        "minutes.publication.pdf_layout.single_layout_of_lines", contextlib.nullcontext
    ):
        without = render(world)
    assert with_fix == without


def test_the_fix_is_in_place_only_inside_the_context():
    original = weasyprint_inline.avoid_collisions
    with pdf_layout.single_layout_of_lines():
        assert weasyprint_inline.avoid_collisions is pdf_layout._avoid_collisions
        with pdf_layout.single_layout_of_lines():
            assert weasyprint_inline.avoid_collisions is pdf_layout._avoid_collisions
        assert weasyprint_inline.avoid_collisions is pdf_layout._avoid_collisions
    assert weasyprint_inline.avoid_collisions is original


def test_another_thread_lays_out_as_weasyprint_does():
    results = []
    with pdf_layout.single_layout_of_lines():
        thread = threading.Thread(target=lambda: results.append(layouts(html(), fixed=False)))
        thread.start()
        thread.join()
    ((calls, lines, _),) = results
    assert calls == 2 * lines


def test_under_another_weasyprint_version_nothing_is_patched(monkeypatch, caplog):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    original = weasyprint_inline.avoid_collisions
    with pdf_layout.single_layout_of_lines():
        assert weasyprint_inline.avoid_collisions is original
    assert "not applied" in caplog.text
