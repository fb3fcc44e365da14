"""Server-rendered SVG charts (no JavaScript, no CDN). Each chart is paired with a table of the same numbers
in the templates; the SVG carries role="img", a <title> and <desc> so screen readers get a summary."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from colloquy.outcomes.stats import STATUS_LABELS, STATUS_ORDER

# Colour-blind-safe palette (Okabe–Ito), one per status, in STATUS_ORDER.
STATUS_COLOURS = {
    "not_started": "#E69F00",
    "in_progress": "#56B4E9",
    "implemented": "#009E73",
    "not_applicable": "#999999",
    "no_report": "#D8DCE2",
}

LABEL_W, BAR_W, ROW_H, PAD = 230, 420, 26, 6


def f1(x: float) -> str:
    return f"{x:.1f}"


def _truncate(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def status_series():
    return [(s, STATUS_LABELS[s], STATUS_COLOURS[s]) for s in STATUS_ORDER]


def stacked_bars(rows, *, title: str, series=None) -> str:
    """Horizontal stacked bars, one per row (a Row: label + counts by key), scaled to the largest total.
    `series` is [(key, label, colour)]; by default the report statuses."""
    if not rows:
        return ""
    series = series or status_series()
    total = lambda r: sum(r.counts[k] for k, _l, _c in series)  # noqa: E731
    biggest = max(total(r) for r in rows) or 1
    width = LABEL_W + BAR_W + 60
    # Legend entries flow left to right and wrap onto a new line rather than run past the chart's edge.
    legend, x, line = [], 0, 0
    for _key, label, colour in series:
        w = 16 + 7 * len(label) + 16
        if x and x + w - 16 > width:
            x, line = 0, line + 1
        legend.append((x, 6 + 18 * line, label, colour))
        x += w
    legend_h = 28 + 18 * line
    height = legend_h + len(rows) * ROW_H + PAD
    parts = [format_html('<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
                         'xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>',
                         width, height, width, height, title,
                         "; ".join(f"{r.label}: " + ", ".join(f"{r.counts[k]} {lab}" for k, lab, _c in series) for r in rows))]
    for x, y, label, colour in legend:
        parts.append(format_html('<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                                 '<text x="{}" y="{}" font-size="11">{}</text>',
                                 x, y, colour, x + 16, y + 10, label))
    for i, row in enumerate(rows):
        y = legend_h + i * ROW_H
        parts.append(format_html('<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                                 LABEL_W - 8, y + 16, _truncate(row.label)))
        offset = LABEL_W
        for key, label, colour in series:
            count = row.counts[key]
            if not count:
                continue
            w = BAR_W * count / biggest
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                                     '<title>{}: {} {}</title></rect>',
                                     f1(offset), y + 3, f1(w), ROW_H - 8, colour, row.label, count, label))
            offset += w
        parts.append(format_html('<text x="{}" y="{}" font-size="12">{}</text>', f1(offset + 6), y + 16, total(row)))
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))


def bars(pairs, *, title: str, unit: str = "", maximum: float | None = None) -> str:
    """Simple horizontal bars for (label, value) pairs, e.g. response rates (unit '%', maximum 100)."""
    if not pairs:
        return ""
    biggest = maximum or max(v for _l, v in pairs) or 1
    height = len(pairs) * ROW_H + PAD
    width = LABEL_W + BAR_W + 60
    parts = [format_html('<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
                         'xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>',
                         width, height, width, height, title,
                         "; ".join(f"{label}: {value}{unit}" for label, value in pairs))]
    for i, (label, value) in enumerate(pairs):
        y = i * ROW_H
        w = BAR_W * value / biggest
        parts.append(format_html('<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>'
                                 '<rect x="{}" y="{}" width="{}" height="{}" fill="#0b5394"/>'
                                 '<text x="{}" y="{}" font-size="12">{}{}</text>',
                                 LABEL_W - 8, y + 16, _truncate(str(label)), LABEL_W, y + 3, f1(w), ROW_H - 8,
                                 f1(LABEL_W + w + 6), y + 16, value, unit))
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))


__all__ = ["STATUS_COLOURS", "bars", "stacked_bars"]
