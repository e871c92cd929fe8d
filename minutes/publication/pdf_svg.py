"""An SVG image repeated on every page, drawn once: the same PDF, in less time.

The footer of the minutes carries the QR code of the verification address on every page,
as an SVG image (minutes.publication.pdf.qr_svg). WeasyPrint 70 draws an SVG image
anew each time it is placed: it parses the path of the code (some 800 commands) and
writes the same few thousand operators into each page's content stream, which made about
a twentieth of the rendering time of the typical minutes.

While :func:`svg_drawn_once` is active, the first drawing of an SVG image in a given
state of the page's stream (position, colours, transparency and font in effect, the same
size) is recorded as the bytes of its operators, and each later drawing of that image in
the same state writes those bytes instead of drawing it again. Those are the operators
the drawing would have written, so the content streams, and the PDF, are the same byte
for byte (tests/pdf/test_svg_drawn_once.py). A drawing is only recorded when replaying
it is certainly the same: it added no object to the document's resources (a group, a
pattern, a shading or an image would get a new name each time), wrote only plain
operators, and left the stream's state stack as it found it.
"""

from __future__ import annotations

from weasyprint import images as weasyprint_images

from minutes.publication.pdf_hooks import WEASYPRINT_VERSION, ThreadHook

__all__ = ["WEASYPRINT_VERSION", "svg_drawn_once"]

# What a drawing's operators depend on in the stream, besides the image and its size:
# WeasyPrint leaves out an operator that would set what is already set.
_STATE = (
    "_current_color",
    "_current_color_stroke",
    "_current_alpha",
    "_current_alpha_stroke",
    "_current_font",
    "_current_font_size",
    "_old_font",
    "_old_font_size",
)
_NAMED_RESOURCES = ("XObject", "Pattern", "Shading")
_RECORDINGS = "_minutes_recorded_drawings"  # on the image object: one document's lifetime


def _stream_state(stream) -> tuple:
    ctm = tuple(tuple(row) for row in stream.ctm)
    return (*(getattr(stream, name) for name in _STATE), ctm, len(stream._ctm_stack))


def _resource_counts(stream) -> tuple[int, ...]:
    return tuple(len(stream._resources[name]) for name in _NAMED_RESOURCES)


def _draw(self, stream, concrete_width, concrete_height, style):
    """WeasyPrint's ``SVGImage.draw``, recorded the first time and replayed afterwards in a
    thread inside :func:`svg_drawn_once` (see above)."""
    original = _hook.original
    if not _hook.active:
        return original(self, stream, concrete_width, concrete_height, style)
    recordings = self.__dict__.setdefault(_RECORDINGS, {})
    key = (concrete_width, concrete_height, _stream_state(stream))
    recorded = recordings.get(key)
    if recorded is not None:
        operators, state = recorded
        if operators:
            stream.stream.append(operators)
        for name, value in zip(_STATE, state, strict=True):
            setattr(stream, name, value)
        return None

    start = len(stream.stream)
    before = stream.stream[start - 1] if start else None
    resources = _resource_counts(stream)
    result = original(self, stream, concrete_width, concrete_height, style)
    written = stream.stream[start:]
    after = _stream_state(stream)
    replayable = (
        len(stream.stream) >= start
        and (not start or stream.stream[start - 1] is before)
        and _resource_counts(stream) == resources
        and all(isinstance(operator, bytes) for operator in written)
        and not (written and written[-1] == b"q")  # WeasyPrint may take back a lone "q"
        and after[-2:] == key[2][-2:]  # the same transformation and depth of the stack
    )
    if replayable:
        recordings[key] = (b"\n".join(written), after[: len(_STATE)])
    return result


_hook = ThreadHook("svg_drawn_once", weasyprint_images.SVGImage, "draw", _draw)


def svg_drawn_once():
    """While active, in this thread, an SVG image placed again in the same state is
    written from the recording of its first drawing (see above). It replaces
    ``weasyprint.images.SVGImage.draw`` while any thread is inside, and puts the original
    back when the last one leaves; the replacement changes nothing for a thread outside.
    Not applied (a warning is logged) under another WeasyPrint version than the one it
    was written for (``pdf_hooks.ThreadHook``)."""
    return _hook.scope()
