"""The published PDF is Tagged PDF (PDF/A-3a): a structure tree with headings, paragraphs,
lists, tables with header cells and figures with alternative text, in reading order, in
Persian, with its title shown by viewers."""

from __future__ import annotations

import collections
import io

import pikepdf
import pytest

from minutes.publication import pdf_text
from tests.pdf.test_text_layer import render_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_base_url(settings):
    # Publishing requires an absolute public address outside DEBUG (minutes.services).
    settings.PUBLIC_BASE_URL = "https://rasht.example.ir"


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(pdf: pikepdf.Pdf) -> list:
    """The structure elements reachable from the root, depth first (reading order)."""
    found, seen = [], set()

    def walk(element):
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        if element.objgen in seen:
            return
        seen.add(element.objgen)
        found.append(element)
        for kid in _kids(element):
            walk(kid)

    for kid in _kids(pdf.Root.StructTreeRoot):
        walk(kid)
    return found


@pytest.fixture
def rendered_pdf(world) -> bytes:
    """The world's minutes as minutes.pdf renders them for publication (not yet sealed)."""
    return render_world(world)


@pytest.fixture
def tagged(rendered_pdf):
    with _open(rendered_pdf) as pdf:
        elements = _elements(pdf)
        yield pdf, elements


def _types(elements) -> collections.Counter:
    return collections.Counter(str(element.S) for element in elements)


def test_it_is_a_tagged_pdf_in_persian_with_its_title_displayed(tagged):
    pdf, _elements = tagged
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "fa"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.Title).startswith("صورتجلسه")


def test_it_declares_pdf_a_3a(rendered_pdf):
    assert pdf_text.PDF_VARIANT == "pdf/a-3a"
    with _open(rendered_pdf) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "A")


def test_headings_paragraphs_and_lists_are_tagged(tagged):
    _pdf, elements = tagged
    types = _types(elements)
    assert types["/H1"] == 1  # «صورتجلسه»
    assert types["/H2"] >= 4  # attendees, agenda, discussion, decisions
    assert types["/H3"] >= 1
    assert types["/P"] >= 1
    assert types["/L"] >= 1  # the agenda
    assert types["/LI"] >= 2
    # The document's root element holds the rest, in reading order: the H1 comes before
    # the first H2.
    order = [str(element.S) for element in elements]
    assert order[0] == "/Document"
    assert order.index("/H1") < order.index("/H2")


def test_tables_have_rows_header_cells_and_data_cells(tagged):
    _pdf, elements = tagged
    types = _types(elements)
    assert types["/Table"] >= 4  # letterhead, facts, attendees, absentees, decisions…
    assert types["/TR"] >= 10
    assert types["/TH"] >= 10
    assert types["/TD"] >= 10
    # Every header row of a grid sits in a THead.
    assert types["/THead"] >= 3
    for element in elements:
        if element.S == "/TH":
            assert element.P.S == "/TR"


def test_the_qr_code_is_a_figure_with_alternative_text(tagged):
    _pdf, elements = tagged
    figures = [element for element in elements if element.S == "/Figure"]
    assert figures, "no Figure in the structure tree"
    for figure in figures:
        assert "/Alt" in figure, "a Figure without alternative text"
        assert str(figure.Alt).strip()
    assert any("QR" in str(figure.Alt) for figure in figures)


def test_every_figure_in_the_file_has_alternative_text(rendered_pdf):
    """Not only those in the tree: the footers of later pages too (a logo, if one is ever
    added to the letterhead, must carry an alt text as well)."""
    with _open(rendered_pdf) as pdf:
        figures = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
        assert figures
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)


def test_the_published_copy_is_tagged(published_pdf):
    """Through the whole publishing pipeline (files embedded, sealed)."""
    with _open(published_pdf) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True
        types = _types(_elements(pdf))
        assert types["/H1"] == 1 and types["/TH"] and types["/Figure"]


def test_finishing_is_deterministic_and_keeps_the_xmp(world, rendered_pdf):
    first = rendered_pdf
    assert render_world(world) == first
    assert pdf_text.finish(first) == pdf_text.finish(first)
    with _open(first) as pdf:
        assert pdf.open_metadata().get("pdfaid:conformance") == "A"
