"""A fix to WeasyPrint's line layout that changes nothing on the page, only its cost.

WeasyPrint 70 lays out every line of right-to-left text twice. ``get_next_linebox``
(weasyprint/layout/inline.py) lays a line out, then asks ``avoid_collisions`` where the
line would go given the floats around it, and repeats the layout until the answer stops
changing. For a line box in a right-to-left block, ``avoid_collisions`` answers with the
line's right edge (the cursor at the right bound) and a width of 0 was assumed before the
first layout; the loop compares ``position_x + line.width`` with that right edge plus 0,
which differs as soon as the line holds anything, so a second, identical layout follows.
Left-to-right lines compare the left edges and stop after one layout. (Still so in
WeasyPrint's main branch at commit 62c06ca7.)

When no float is around (the context has no excluded shapes and the line holds no float:
nothing can move the line), the second layout has exactly the inputs of the first and
gives the same line; in that case :func:`single_layout_of_lines` makes
``avoid_collisions`` answer, for that question about a laid-out right-to-left line, with
the line's left edge, so the loop's own test sees that nothing moved and stops after one
layout. Where a float is around (anywhere in the same block formatting context: the
footer, beside the QR code), nothing changes. On the typical minutes: the same PDF, byte
for byte, rendered in about 0.85 of the time (docs/benchmarks.md).
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as weasyprint_inline

from minutes.publication.pdf_hooks import WEASYPRINT_VERSION, ThreadHook

__all__ = ["WEASYPRINT_VERSION", "single_layout_of_lines"]


def _avoid_collisions(context, box, containing_block, outer=True):
    """WeasyPrint's ``avoid_collisions`` as ``get_next_linebox`` sees it: for a line box of
    a right-to-left block with no float in the context nor in the line, and only in a thread inside
    :func:`single_layout_of_lines`, the x it returns is the line's left edge (its right
    edge less its width) instead of its right edge.

    ``get_next_linebox`` asks this for the line box before laying it out (its width is 0
    then: the same answer), for the laid-out line box to align it (the x is not used),
    and for the new line to decide whether to lay it out again (where ``x + width`` is
    compared with the first answer: equal now, so it stops)."""
    original = _hook.original
    position_x, position_y, available_width = original(context, box, containing_block, outer)
    if (
        _hook.active
        and not context.excluded_shapes
        and isinstance(box, boxes.LineBox)
        and containing_block.style["direction"] == "rtl"
        and not any(child.is_floated() for child in box.descendants())
    ):
        position_x -= box.width
    return position_x, position_y, available_width


_hook = ThreadHook(
    "single_layout_of_lines", weasyprint_inline, "avoid_collisions", _avoid_collisions
)


def single_layout_of_lines():
    """While active, in this thread, WeasyPrint lays out each right-to-left line once
    instead of twice (see above). It replaces ``avoid_collisions`` in
    ``weasyprint.layout.inline`` (the only caller there is ``get_next_linebox``) while any
    thread is inside, and puts the original back when the last one leaves; the wrapper
    changes nothing for a thread outside. Not applied (a warning is logged) under another
    WeasyPrint version than the one it was written for (``pdf_hooks.ThreadHook``)."""
    return _hook.scope()
