"""The text layer's ZWNJ and lam-alef: minutes.publication.pdf_text.logical_text_layer, the hook in
WeasyPrint's text drawing that keeps them (docs/pdf-text.md)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import threading
from pathlib import Path
from unittest import mock

import pikepdf
import pytest
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.draw import text as weasyprint_text

from minutes.publication import pdf_text
from minutes.publication.pdf import FONT_FILES
from tests.pdf.conftest import pdf_file, tool
from tests.pdf.test_text_layer import EXTRACTORS, extract, measure, render_tricky, words

REPO = Path(__file__).resolve().parents[2]
FONT = next(path for url, path in FONT_FILES.items() if url.endswith("Regular.ttf"))

# With the hook active (figures of docs/pdf-text.md; floors: they may only go up).
ACHIEVED_LOGICAL = {"pdftotext": 0.90, "pdftotext-raw": 0.98, "pdfminer": 0.14, "pypdf": 0.72}

ZWNJ_WORDS = ["ساختمان\u200cهای", "می\u200cشود", "لایحه\u200cها", "کلان\u200cشهر", "رفته\u200cاند"]
LAM_ALEF_WORDS = ["انقلاب", "خلاصه", "بلافاصله", "اطلاعات", "لأن", "سلام"]
SENTENCE = " ".join(ZWNJ_WORDS + LAM_ALEF_WORDS)


def small_pdf(text: str, *, logical: bool, weight: int = 400) -> bytes:
    html = (
        '<html dir="rtl" lang="fa"><style>@font-face { font-family: V; src: url('
        f'"{FONT.as_uri()}"); }} body {{ font-family: V; font-weight: {weight}; }}</style>'
        f"<p>{text}</p></html>"
    )
    document = weasyprint.HTML(string=html)
    if not logical:
        return document.write_pdf()
    with pdf_text.logical_text_layer():
        return document.write_pdf()


def logical_order(extractor: str, extracted: list[str]) -> list[str]:
    # pdfminer gives glyphs in the content stream's (visual) order: each Persian word
    # reversed; -raw gives the words of a right-to-left line in visual order.
    if extractor == "pdfminer":
        return [word[::-1] for word in extracted]
    return extracted


def test_the_hook_is_written_for_the_pinned_weasyprint():
    assert weasyprint.__version__ == pdf_text.WEASYPRINT_VERSION
    pins = (REPO / "requirements.txt").read_text()
    assert f"weasyprint=={pdf_text.WEASYPRINT_VERSION}" in pins.lower()


def test_the_hook_is_in_place_only_inside_the_context():
    original = weasyprint_text.draw_first_line
    with pdf_text.logical_text_layer():
        assert weasyprint_text.draw_first_line is pdf_text._draw_first_line
        with pdf_text.logical_text_layer():  # nested (pdf.py and a test): still one hook
            assert weasyprint_text.draw_first_line is pdf_text._draw_first_line
        assert weasyprint_text.draw_first_line is pdf_text._draw_first_line
    assert weasyprint_text.draw_first_line is original


def test_another_thread_draws_as_weasyprint_does(tmp_path):
    """While one thread renders minutes, another thread's rendering is untouched."""
    plain = small_pdf(SENTENCE, logical=False)
    results = []
    with pdf_text.logical_text_layer():
        thread = threading.Thread(target=lambda: results.append(small_pdf(SENTENCE, logical=False)))
        thread.start()
        thread.join()
    assert results == [plain]


def test_under_another_weasyprint_version_nothing_is_patched(monkeypatch, caplog):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    original = weasyprint_text.draw_first_line
    with pdf_text.logical_text_layer():
        assert weasyprint_text.draw_first_line is original
    assert "not applied" in caplog.text


@pytest.mark.parametrize("weight", [400, 700])
@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_extractor_gets_the_zwnj_and_the_lam_alef(extractor, weight, tmp_path):
    data = small_pdf(SENTENCE, logical=True, weight=weight)
    extracted = logical_order(extractor, words(extract(data, extractor, tmp_path)))
    assert sorted(extracted) == sorted(words(SENTENCE)), extracted


@pytest.mark.parametrize("extractor", ["pdftotext", "pdftotext-raw", "pypdf"])
def test_without_the_hook_they_are_lost(extractor, tmp_path):
    """What the hook is for (if WeasyPrint ever keeps them itself, the hook can go)."""
    data = small_pdf(SENTENCE, logical=False)
    extracted = words(extract(data, extractor, tmp_path))
    assert "ساختمان\u200cهای" not in extracted


def test_the_spare_glyphs_are_empty_and_their_widths_are_the_fonts(tmp_path):
    """PDF/A: a glyph's width in the font dictionary is the font program's; the glyphs that
    carry the kept characters paint nothing."""
    data = small_pdf(SENTENCE, logical=True)
    font = TTFont(FONT)
    order, hmtx, glyf = font.getGlyphOrder(), font["hmtx"], font["glyf"]
    scale = 1000 / font["head"].unitsPerEm
    with pikepdf.open(pdf_file(data, tmp_path)) as pdf:
        (resource,) = [f for _, f in pdf.pages[0].Resources.Font.items()]
        cid_font = resource.DescendantFonts[0]
        widths: dict[int, float] = {}
        entries = list(cid_font.W)
        index = 0
        while index < len(entries):
            first, second = entries[index], entries[index + 1]
            if isinstance(second, pikepdf.Array):
                for offset, width in enumerate(second):
                    widths[int(first) + offset] = float(width)
                index += 2
            else:
                for gid in range(int(first), int(second) + 1):
                    widths[gid] = float(entries[index + 2])
                index += 3
        cmap = resource.ToUnicode.read_bytes().decode()
    mapped = {
        int(gid, 16): bytes.fromhex(text).decode("utf-16-be")
        for gid, text in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>", cmap, re.I)
    }
    kept = {
        gid: text
        for gid, text in mapped.items()
        if text in ("\u200c", "ا", "أ") and glyf[order[gid]].numberOfContours == 0
    }
    assert sorted(kept.values()) == sorted(["\u200c", "ا", "أ"])
    for gid in kept:
        assert abs(widths[gid] - hmtx[order[gid]][0] * scale) <= 1, order[gid]
    lam_alef = [gid for gid, text in mapped.items() if text.startswith("ل") and len(text) > 1]
    assert lam_alef == []  # each ligature maps to «ل»; its second letter has its own glyph


def rendering(data: bytes, tmp_path: Path, name: str) -> list[bytes]:
    path = pdf_file(data, tmp_path, f"{name}.pdf")
    prefix = tmp_path / name
    subprocess.run(
        [tool("pdftoppm"), "-r", "110", str(path), str(prefix)], check=True, capture_output=True
    )
    return [page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-*.ppm"))]


def test_the_page_looks_the_same_pixel_for_pixel(world, tmp_path):
    before = rendering(render_tricky(world), tmp_path, "before")
    after = rendering(render_tricky(world, logical=True), tmp_path, "after")
    assert before and len(before) == len(after)
    assert before == after


def test_small_document_looks_the_same(tmp_path):
    before = rendering(small_pdf(SENTENCE, logical=False), tmp_path, "small-before")
    after = rendering(small_pdf(SENTENCE, logical=True), tmp_path, "small-after")
    assert before == after


def test_each_extractor_gets_at_least_the_achieved_share_with_the_hook(world, tmp_path):
    """The floors, and on the same world (its names are random) no extractor below what it
    gets without the hook, and poppler (both modes) and pypdf strictly above."""
    figures = measure(world, tmp_path, logical=True)
    print("\nshare of the words extracted exactly, with the hook:", figures)
    for extractor, floor in ACHIEVED_LOGICAL.items():
        assert figures[extractor] >= floor, (extractor, figures[extractor])
    # minutes.pdf applies the hook itself; measure once with it switched off.
    with mock.patch("minutes.publication.pdf_text.logical_text_layer", contextlib.nullcontext):
        without = measure(world, tmp_path)
    for extractor in EXTRACTORS:
        assert figures[extractor] >= without[extractor], (extractor, figures, without)
    for extractor in ("pdftotext", "pdftotext-raw", "pypdf"):
        assert figures[extractor] > without[extractor], (extractor, figures, without)


def test_the_hooked_rendering_is_deterministic(world):
    assert render_tricky(world, logical=True) == render_tricky(world, logical=True)


def test_lines_without_what_the_hook_acts_on_are_left_alone_and_nothing_changes(world):
    """The hook skips a line whose text has no ZWNJ, no lam-alef pair and no narrow space
    (most lines: names, posts, numbers); looking at every line gives the same bytes."""
    skipping = render_tricky(world, logical=True)
    with mock.patch.object(pdf_text, "_has_kept_characters", return_value=True) as every_line:
        looking_at_all = render_tricky(world, logical=True)
    assert every_line.call_count > 100
    assert looking_at_all == skipping
    assert not pdf_text._has_kept_characters("مدیر منطقه ۲ — Tehran Times")
    for text in ("ساختمان\u200cهای", "انقلاب", "لأن", "بند\u2009۲"):
        assert pdf_text._has_kept_characters(text)
