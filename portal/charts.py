"""The report charts, drawn on the server as SVG by pygal and put inline in the page.

The site's Content-Security-Policy allows no inline script or style (config/settings.py),
so what pygal embeds in its SVG is taken out (:func:`_clean`): its ``<script>`` (the
tooltips), its ``<style>``, every ``style`` attribute and the tooltip layer. The same CSS,
written by pygal for the same :data:`STYLE` with its selectors scoped to ``.report-chart``
instead of one chart's id, is served as a stylesheet of our own (:func:`stylesheet`, at
``/reports/charts.css``), which ``style-src 'self'`` allows. Each chart is followed on the
page by its figures as a table, so nothing is only in the picture.

Colours: the blue–orange pair of the Okabe–Ito palette, which readers with the common
colour-vision deficiencies tell apart, at clearly different lightness (dark blue, orange,
yellow, pale blue) so that a black-and-white print keeps them apart too.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pygal
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from persian.digits import to_persian_digits

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

# In the order of the stacked bars: on time (dark blue), late (yellow), open within the
# deadline (pale blue), overdue (vermillion). The trend's lines get their own colours and
# dashes from static/css/portal.css (.chart-trend).
COLOURS = ("#1f4e8c", "#e6ab02", "#9ecae1", "#d55e00", "#5b5b5b", "#009e73")
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#7b8794",
    opacity="1",
    opacity_hover="1",
    transition="none",
    colors=COLOURS,
    font_family="Vazirmatn, Tahoma, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
    tooltip_font_size=12,
    no_data_font_size=16,
)
SCOPE = ".report-chart"


def _config(**extra) -> dict:
    return {
        "style": STYLE,
        "js": [],  # no script: the CSP would refuse it, and the table carries the values
        "css": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "print_values": False,
        "value_formatter": lambda value: to_persian_digits(_integer(value)),
        "no_data_text": "داده‌ای نیست",
        **extra,
    }


def _integer(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _ticks(values: Sequence[int | None]) -> list[int]:
    """Whole numbers for the value axis (counts of decisions have no fractions)."""
    top = max([v for v in values if v is not None] or [0])
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step + 1, step)) if top else [0, 1]


def _clean(svg: str, *, label_id: str, table_id: str, kind: str = "") -> SafeString:
    """pygal's SVG without anything the CSP refuses, labelled for assistive technology."""
    root = ET.fromstring(svg)
    # <desc>: the values and coordinates pygal's tooltip script reads; the table says it.
    dropped = (f"{{{SVG}}}script", f"{{{SVG}}}style", f"{{{SVG}}}desc")
    doomed = [
        (parent, child)
        for parent in root.iter()
        for child in parent
        if child.tag in dropped
        or "tooltip" in child.get("class", "").split()
        or child.get("id") == "tooltip"
    ]
    for parent, child in doomed:
        parent.remove(child)
    for element in root.iter():
        element.attrib.pop("style", None)
    root.set("class", f"pygal-chart {SCOPE[1:]} {kind}".strip())
    root.attrib.pop("id", None)
    root.set("role", "img")
    root.set("aria-labelledby", label_id)
    root.set("aria-describedby", table_id)
    root.set("focusable", "false")
    # Again here: a module imported later (a PDF or SVG library) may have registered
    # another prefix for the same namespace, and the last registration wins.
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    text = ET.tostring(root, encoding="unicode")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return mark_safe(text)


# Drawn charts are kept in the cache under a hash of everything they are drawn from (a
# chart is a pure function of its arguments), so the same figures are not drawn twice;
# pygal takes about 0.2 s a chart.
CHART_CACHE_SECONDS = 24 * 3600


def _kept(draw: Callable[..., SafeString]) -> Callable[..., SafeString]:
    @functools.wraps(draw)
    def kept(*args: Any, **kwargs: Any) -> SafeString:
        # Lazy translations and other objects by their text, never by their identity.
        plain = json.dumps(
            [draw.__name__, pygal.__version__, args, sorted(kwargs.items())], default=str
        )
        key = "report-chart:" + hashlib.sha256(plain.encode()).hexdigest()
        found = cache.get(key)
        if found is not None:
            return mark_safe(found)  # drawn and cleaned (_clean) before it was kept
        svg = draw(*args, **kwargs)
        cache.set(key, str(svg), CHART_CACHE_SECONDS)
        return svg

    return kept


def _fa(labels: Sequence[str]) -> list[str]:
    return [to_persian_digits(label) for label in labels]


@_kept
def stacked_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    label_id: str,
    table_id: str,
) -> SafeString:
    """Horizontal stacked bars, one per organisation (or workgroup)."""
    height = 140 + 34 * max(1, len(labels))
    totals = [sum(v or 0 for v in column) for column in zip(*(v for _n, v in series), strict=True)]
    chart = pygal.HorizontalStackedBar(
        # Long names are cut (with an ellipsis) so the bars keep room; the table has them whole.
        **_config(width=900, height=height, title=title, y_labels=_ticks(totals), truncate_label=34)
    )
    chart.x_labels = _fa(labels)
    for name, values in series:
        chart.add(name, list(values))
    return _clean(chart.render(is_unicode=True), label_id=label_id, table_id=table_id)


@_kept
def lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    title: str,
    label_id: str,
    table_id: str,
) -> SafeString:
    """The monthly trend: one line per figure, the Jalali months on the axis, read from
    right to left (the first month on the right)."""
    ticks = _ticks([v for _n, values in series for v in values])
    chart = pygal.Line(
        **_config(
            width=900,
            height=420,
            title=title,
            x_label_rotation=-30 if len(labels) > 12 else 0,
            show_dots=True,
            dots_size=4,
            stroke_style={"width": 3},
            y_labels=ticks,
            range=(0, ticks[-1]),
        )
    )
    chart.x_labels = _fa(list(reversed(labels)))
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return _clean(
        chart.render(is_unicode=True), label_id=label_id, table_id=table_id, kind="chart-trend"
    )


@_kept
def bars(
    labels: Sequence[str],
    values: Sequence[int],
    *,
    name: str,
    title: str,
    label_id: str,
    table_id: str,
) -> SafeString:
    """A distribution: one bar per bin, the first bin on the right (read right to left)."""
    chart = pygal.Bar(
        **_config(
            width=900, height=300, title=title, show_legend=False, y_labels=_ticks(list(values))
        )
    )
    chart.x_labels = _fa(list(reversed(labels)))
    chart.add(name, list(reversed(values)))
    return _clean(chart.render(is_unicode=True), label_id=label_id, table_id=table_id)


@functools.cache
def stylesheet_version() -> str:
    """Changes with the stylesheet, so that a long-cached copy is never stale."""
    return hashlib.sha256(stylesheet().encode()).hexdigest()[:12]


@functools.cache
def stylesheet() -> str:
    """pygal's CSS for :data:`STYLE`, for every chart on the page (scoped by class)."""
    chart = pygal.Bar(**{**_config(), "css": ["file://style.css", "file://graph.css"]})
    for index in range(len(COLOURS)):
        chart.add(str(index), [1])
    svg = chart.render(is_unicode=True)
    css = re.search(r"<style[^>]*>(.*?)</style>", svg, flags=re.S)
    chart_id = re.search(r'id="(chart-[^"]+)"', svg)
    assert css and chart_id
    text = html.unescape(css.group(1)).replace(f"#{chart_id.group(1)}", SCOPE)
    # Printed in black and white, the fills keep their lightness; make the guides visible.
    return text + f"\n{SCOPE} .axis .guides .line{{stroke:#9aa5b1}}\n"


# The rules static/css/portal.css adds for the trend's lines (colours and dashes), for a
# chart printed outside the page.
PRINT_EXTRA = (
    f"{SCOPE}.chart-trend .color-1{{stroke:#009e73;fill:#009e73}}\n"
    f"{SCOPE}.chart-trend .color-2{{stroke:#d55e00;fill:#d55e00}}\n"
    ".chart-trend .serie-1 .line{stroke-dasharray:10 5}\n"
    ".chart-trend .serie-2 .line{stroke-dasharray:3 4}\n"
    f"{SCOPE} .line.reactive{{fill:none}}\n"
)


def printable(svg: str) -> str:
    """A chart of :func:`stacked_bars`, :func:`lines` or :func:`bars` as a standalone SVG
    document (for :func:`png`): the stylesheet the page links to is put back inside it,
    where no CSP applies, with a fixed size."""
    root = ET.fromstring(str(svg))
    style = ET.Element(f"{{{SVG}}}style")
    style.text = stylesheet() + PRINT_EXTRA
    root.insert(0, style)
    view_box = (root.get("viewBox") or "0 0 900 420").split()
    root.set("width", view_box[2])
    root.set("height", view_box[3])
    for name in ("role", "aria-labelledby", "aria-describedby", "focusable"):
        root.attrib.pop(name, None)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="unicode")


# The font of the charts' text when drawn outside a browser (the one the PDFs embed).
FONT_DIR = Path(__file__).resolve().parents[1] / "node_modules" / "vazirmatn" / "fonts" / "ttf"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
PNG_ZOOM = 2


def png(svg: str) -> bytes:
    """A chart drawn as a PNG image, for a PDF (portal.season_reports).

    WeasyPrint draws an SVG's text letter by letter, without bidi or shaping, so Persian
    comes out disjoined and reversed; resvg (through ``resvg_py``) lays text out with
    shaping and bidi. Drawn at :data:`PNG_ZOOM` times the chart's size (about 170 dpi
    across a landscape A4 page), on white, with only the bundled Vazirmatn font."""
    import resvg_py

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=printable(svg),
            zoom=PNG_ZOOM,
            background="#ffffff",
            skip_system_fonts=True,
            font_files=[str(FONT_DIR / name) for name in FONT_FILES],
            font_family="Vazirmatn",
            sans_serif_family="Vazirmatn",
        )
    )
