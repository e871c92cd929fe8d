"""The PDF's text layer and structure: WeasyPrint's output options for the archival
variant, and what is done to the written bytes so that text can be extracted and read.

:data:`WRITE_OPTIONS` are passed to ``write_pdf``; :func:`finish` post-processes its
output, before any file is embedded and before the seal. What the text layer gives each
extractor, and why some of it cannot be fixed here, is in docs/pdf-text.md.
"""

from __future__ import annotations

import io

import pikepdf

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
