"""The PDF's text layer and structure: WeasyPrint's output options for the archival
variant, and what is done to the written bytes so that text can be extracted and read.

:data:`WRITE_OPTIONS` are passed to ``write_pdf``; :func:`finish` post-processes its
output, before any file is embedded and before the seal; :func:`logical_text_layer` is the
context in which ``write_pdf`` keeps the ZWNJ and the lam-alef letters in the text layer.
What the text layer gives each extractor, and why some of it cannot be fixed here, is in
docs/pdf-text.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import threading

import pikepdf
from fontTools.ttLib import TTFont, TTLibError
from weasyprint.draw import text as weasyprint_text
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

from minutes.publication.pdf_hooks import WEASYPRINT_VERSION, ThreadHook

__all__ = ["WEASYPRINT_VERSION", "finish", "logical_text_layer"]

logger = logging.getLogger(__name__)

# PDF/A-3 level A ("accessible"): level B (the look is preserved: fonts embedded, colours
# defined by an output intent, XMP metadata) plus a structure tree (Tagged PDF): headings,
# paragraphs, lists, tables with header cells, figures with alternative text, the reading
# order, the language and the title shown in the window. WeasyPrint turns ``pdf_tags`` on
# by itself for the level-A variants.
PDF_VARIANT = "pdf/a-3a"

WRITE_OPTIONS: dict[str, object] = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


def _struct_kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_struct_element(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"


def _link_first_footer(pdf: pikepdf.Pdf) -> None:
    """Put the footer of the first page into the structure tree, at its end.

    WeasyPrint tags the content of the page margins (our footer: document id, the
    verification address and its QR code) but leaves those elements out of the tree (it
    could only mark them as artifacts in PDF 2.0), so the QR code's figure and its
    alternative text are invisible to a screen reader. The footer is the same on every
    page; the first page's copy is read once, after the body. Later pages' copies stay
    as WeasyPrint left them.
    """
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree:
        return
    roots = [kid for kid in _struct_kids(tree) if _is_struct_element(kid)]
    if not roots:
        return
    document = roots[0]

    reachable: set[tuple[int, int]] = set()
    stack = list(roots)
    while stack:
        element = stack.pop()
        if not _is_struct_element(element) or element.objgen in reachable:
            continue
        reachable.add(element.objgen)
        stack.extend(_struct_kids(element))

    first_page = pdf.pages[0].obj.objgen
    nums = tree.ParentTree.get("/Nums", pikepdf.Array())
    for index in range(1, len(nums), 2):
        entries = nums[index]
        for element in entries if isinstance(entries, pikepdf.Array) else [entries]:
            if not _is_struct_element(element) or element.get("/S") != "/Figure":
                continue
            if element.objgen in reachable or element.get("/Pg") is None:
                continue
            if element.Pg.objgen != first_page:
                continue
            # Climb to the outermost element outside the tree: the footer's block.
            top = element
            while _is_struct_element(top.get("/P")) and top.P.objgen not in reachable:
                top = top.P
            kids = document.get("/K")
            if not isinstance(kids, pikepdf.Array):
                kids = pikepdf.Array([] if kids is None else [kids])
            kids.append(top)
            document.K = kids
            top.P = document
            return


def finish(data: bytes) -> bytes:
    """The written PDF, post-processed: the first page's footer (with the QR code's
    alternative text) joins the structure tree. Deterministic: the same input gives the
    same bytes (the file identifier is derived from the content); the XMP packet (PDF/A
    identification) is kept as written."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _link_first_footer(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
        return out.getvalue()


# --- the text layer: keeping the logical text of ZWNJ and lam-alef (WeasyPrint hook) ------
#
# Two things WeasyPrint 70 writes into the text layer lose the text:
#
# * the zero-width non-joiner (U+200C): HarfBuzz turns it into Pango's empty glyph, which
#   WeasyPrint skips without a trace, so «ساختمان‌های» is copied as «ساختمانهای»;
# * the lam-alef ligature: one glyph whose ToUnicode string is «لا»; poppler spreads a
#   string's characters left to right over the glyph and reads a right-to-left word from
#   the right, so it copies «ال» («انقالب» for «انقلاب»).
#
# While the minutes are drawn, :func:`logical_text_layer` gives each of these characters a
# glyph of its own: a "spare" glyph of the font (no outline, 0.09 to 0.31 em wide: in
# Vazirmatn a narrow space such as U+2009 «.fra», U+200A, U+2006, that the text does not
# otherwise use), mapped in ToUnicode to U+200C or to the ligature's second letter (the
# ligature glyph is then mapped to «ل» alone), drawn 0.11 to 0.19 em to the left of where
# the character belongs and followed by the integer offset that brings the pen back.
# Nothing is painted and no other glyph moves: the page looks the same, pixel for pixel.
# The shift is what poppler needs to keep the character inside its word: a character at
# the very position of the next one is taken for duplicated text and split off (poppler's
# dupMaxPriDelta = 0.1 em), one more than 0.1 em beyond the previous one starts a new word
# (minWordBreakSpace), one overlapping it by more than 0.2 em too (minDupBreakOverlap).

_ZWNJ = "\u200c"
_LAM_ALEF = frozenset({"\u0644\u0627", "\u0644\u0623", "\u0644\u0625", "\u0644\u0622"})
# How far left of its place a kept character is drawn, in thousandths of an em: chosen
# per character to stay 0.1 em away from the start of the glyph drawn before it.
_SHIFTS = (110, 150, 190)
_SPARE_WIDTH = (0.09, 0.31)  # in em: the advance of an empty glyph usable as a spare
_NOT_SPARE = frozenset(map(ord, "\t\r \u00a0"))  # empty glyphs that ordinary text uses
_spare_glyphs_cache: dict[bytes, tuple[int, ...]] = {}


def _spare_glyphs(font) -> tuple[int, ...]:
    """The font's empty glyphs (no outline) of a suitable advance, unmapped ones first."""
    digest = hashlib.sha256(font.file_content).digest()
    if digest not in _spare_glyphs_cache:
        spares: list[tuple[int, int]] = []
        try:
            tt = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
            glyf, hmtx = tt["glyf"], tt["hmtx"]
            upem = tt["head"].unitsPerEm
            mapped: dict[str, list[int]] = {}
            for codepoint, name in tt.getBestCmap().items():
                mapped.setdefault(name, []).append(codepoint)
            for gid, name in enumerate(tt.getGlyphOrder()):
                glyph = glyf[name]
                if gid == 0 or glyph.numberOfContours != 0:
                    continue
                low, high = _SPARE_WIDTH
                if not low <= hmtx[name][0] / upem <= high:
                    continue
                codepoints = mapped.get(name, [])
                if _NOT_SPARE.intersection(codepoints):
                    continue
                spares.append((len(codepoints), gid))
        except (KeyError, AttributeError, TTLibError):  # no glyf table (CFF), broken font
            spares = []
        _spare_glyphs_cache[digest] = tuple(gid for _, gid in sorted(spares))
    return _spare_glyphs_cache[digest]


class _FontText:
    """What the hook keeps for one font of the document being drawn."""

    def __init__(self, font, pango_font, font_size):
        self.font, self.pango_font, self.font_size = font, pango_font, font_size
        self.spares = list(_spare_glyphs(font))
        self.spare_for: dict[str, int] = {}  # a character → the spare glyph that writes it
        self.ligatures: dict[int, str] = {}  # a lam-alef glyph → its second letter

    def spare(self, text: str, stream) -> int | None:
        """The empty glyph mapped to ``text`` (allocated on first use), or None."""
        if text not in self.spare_for:
            to_unicode = self.font.to_unicode
            while self.spares and self.spares[0] in to_unicode:
                self.spares.pop(0)  # the text uses it: not a spare any more
            if not self.spares:
                return None
            gid = self.spares.pop(0)
            to_unicode[gid] = text
            if gid not in self.font.widths:
                pango.pango_font_get_glyph_extents(
                    self.pango_font, gid, stream.ink_rect, stream.logical_rect
                )
                self.font.widths[gid] = round(
                    stream.logical_rect.width * 1000 * FROM_UNITS / self.font_size
                )
            self.spare_for[text] = gid
        return self.spare_for[text]


def _font_text(stream, fonts: dict, pango_font) -> _FontText:
    font, font_size = stream.add_font(pango_font)
    if pango.pango_version() < 14802:  # as WeasyPrint's draw_first_line does
        font_size = None
    entry = fonts.get(font.hash)
    if entry is None or entry.font is not font:
        fonts[font.hash] = _FontText(font, pango_font, font_size)
    return fonts[font.hash]


def _keep_zwnj(stream, textbox, fonts: dict, first_line) -> None:
    """Give each ZWNJ of the line (Pango's empty glyph, which WeasyPrint would skip) a
    spare glyph mapped to U+200C. WeasyPrint writes it followed by its width taken back,
    so the pen does not move; :func:`_place_kept_characters` then shifts it left."""
    utf8 = textbox.pango_layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        glyphs, item = glyph_item.glyphs, glyph_item.item
        count, clusters = glyphs.num_glyphs, glyphs.log_clusters
        right_to_left = item.analysis.level % 2
        for i in range(count):
            info = glyphs.glyphs[i]
            if info.glyph != pango.PANGO_GLYPH_EMPTY or info.geometry.width != 0:
                continue
            start = clusters[i]
            if right_to_left:
                end = item.length if i == 0 else clusters[i - 1]
            else:
                end = item.length if i == count - 1 else clusters[i + 1]
            if utf8[item.offset + start : item.offset + end] != _ZWNJ.encode():
                continue
            entry = _font_text(stream, fonts, item.analysis.font)
            gid = entry.spare(_ZWNJ, stream)
            if gid is None:
                continue
            info.glyph = gid  # WeasyPrint writes it with its width, then the width back


def _shift(previous: float | None) -> int:
    """The shift for a kept character drawn after a glyph of ``previous`` thousandths of
    an em (None: no glyph before it in the text object)."""
    if previous is None:
        return _SHIFTS[1]
    return max(_SHIFTS, key=lambda shift: abs(previous - shift))


_TJ_PART = re.compile(r"<([0-9a-f]*)>|([^<>]+)")


def _second_letter(entry: _FontText, gid: int, stream) -> str | None:
    """For a lam-alef glyph: the letter its own spare glyph writes (the glyph itself is
    then mapped to «ل»); None for any other glyph."""
    if gid in entry.ligatures:
        return entry.ligatures[gid]
    text = entry.font.to_unicode.get(gid)
    if text in _LAM_ALEF and entry.spare(text[1], stream) is not None:
        entry.ligatures[gid] = text[1]
        entry.font.to_unicode[gid] = text[0]
        return text[1]
    return None


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _place_kept_characters(stream, fonts: dict, string: str) -> str:
    """The TJ string of a text run with each ZWNJ glyph drawn left of its place and a
    spare glyph for its second letter before each lam-alef (see above). Only integer
    offsets are added, so every other glyph stays exactly where WeasyPrint put it."""
    current = getattr(stream, "_current_font", None)
    entry = fonts.get(current[0]) if current else None
    if entry is None or entry.font.bitmap:
        return string
    zwnj = entry.spare_for.get(_ZWNJ)
    widths = entry.font.widths
    parts: list[str] = []
    changed = False
    previous: float | None = None  # the advance of the glyph before, with the offsets
    pending = 0  # the shift of the ZWNJ glyph just written, to take off the next offset
    for match in _TJ_PART.finditer(string):
        hexes, number = match.groups()
        if number is not None:
            value = float(number) - pending
            parts.append(_number(value) if pending else number)
            pending = 0
            if previous is not None:
                previous -= value
            continue
        group = ""
        for index in range(0, len(hexes), 4):
            code = hexes[index : index + 4]
            gid = int(code, 16)
            if pending:  # a glyph right after the ZWNJ's, no offset between them
                parts.append(f"<{group}>{-pending}")
                group, pending = "", 0
            second = _second_letter(entry, gid, stream)
            if second is not None:
                spare = entry.spare_for[second]
                shift = _shift(previous)
                parts.append(f"<{group}>{shift}<{spare:04x}>{widths[spare] - shift}")
                group, changed = "", True
            elif gid == zwnj:
                shift = _shift(previous)
                parts.append(f"<{group}>{shift}")
                group, pending, changed = "", shift, True
            group += code
            previous = widths.get(gid, 0)
        parts.append(f"<{group}>")
    if pending:
        parts.append(str(-pending))
    return "".join(parts) if changed else string


class _State(threading.local):
    """Per thread: the fonts of the document being drawn."""

    fonts: dict | None = None


_state = _State()


# What the hook acts on: a ZWNJ, the two letters of a lam-alef ligature, and the narrow
# spaces whose empty glyphs may be the spare glyphs (U+2000 to U+200A and their like).
_ACTED_ON = re.compile("[\u200c\u2000-\u200a\u202f\u205f\u3000]|\u0644[\u0627\u0623\u0625\u0622]")


def _has_kept_characters(text: str) -> bool:
    """Whether the text (of the layout a line is drawn from) holds anything the hook acts
    on; any other line it leaves exactly as WeasyPrint draws it, so it is not looked at."""
    return _ACTED_ON.search(text) is not None


def _no_block_ellipsis(text_overflow=None, block_ellipsis="none", *args, **kwargs) -> bool:
    # A block-ellipsis string is drawn on the line too (unused by the minutes).
    return block_ellipsis == "none"


def _draw_first_line(stream, textbox, *args, **kwargs):
    """WeasyPrint's ``draw_first_line``, keeping ZWNJ and lam-alef in the text layer when
    the current thread renders inside :func:`logical_text_layer`."""
    original = _hook.original
    if not _hook.active:
        return original(stream, textbox, *args, **kwargs)
    layout = textbox.pango_layout
    if not _has_kept_characters(layout.text) and _no_block_ellipsis(*args, **kwargs):
        # Nothing to keep: the hook would change nothing (most lines of a table).
        return original(stream, textbox, *args, **kwargs)
    fonts = _state.fonts
    get_first_line = layout.get_first_line
    show_text = stream.show_text

    def first_line():
        line, index = get_first_line()
        _keep_zwnj(stream, textbox, fonts, line)
        return line, index

    def show(string):
        return show_text(_place_kept_characters(stream, fonts, string))

    layout.get_first_line, stream.show_text = first_line, show
    try:
        return original(stream, textbox, *args, **kwargs)
    finally:
        del layout.get_first_line, stream.show_text


_hook = ThreadHook("logical_text_layer", weasyprint_text, "draw_first_line", _draw_first_line)


@contextlib.contextmanager
def logical_text_layer():
    """While active, in this thread, WeasyPrint keeps the ZWNJ and the letters of the
    lam-alef ligature in the text layer (see above). Wrap the ``write_pdf`` of the minutes
    in it. It replaces ``weasyprint.draw.text.draw_first_line`` with a wrapper while any
    thread is inside, and puts the original back when the last one leaves; the wrapper
    changes nothing for a thread outside. Not applied (a warning is logged) under another
    WeasyPrint version than the one it was written for (``pdf_hooks.ThreadHook``)."""
    with _hook.scope():
        outer_fonts = _state.fonts
        _state.fonts = {}
        try:
            yield
        finally:
            _state.fonts = outer_fonts
