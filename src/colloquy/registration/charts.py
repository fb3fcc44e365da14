"""Horizontal bar charts as inline SVG (no JavaScript, no external library). The table beside each
chart carries the same numbers, so the chart is never the only way to read them."""

from dataclasses import dataclass

BAR_MAX = 260  # px for the largest bar
LABEL_W = 250
ROW_H = 26


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int


@dataclass
class Chart:
    id: str
    title: str
    bars: list[Bar]
    height: int
    label_w: int = LABEL_W
    bar_x: int = LABEL_W + 8
    total_w: int = LABEL_W + 8 + BAR_MAX + 50


def _short(label: str, limit: int = 34) -> str:
    label = label.split(" (")[0]
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Chart | None:
    rows = [(label, int(value)) for label, value in rows]
    if not rows:
        return None
    top = max(v for _, v in rows) or 1
    bars = [Bar(label=_short(label), value=v, y=i * ROW_H + 4, width=max(1, round(BAR_MAX * v / top)) if v else 0,
                text_y=i * ROW_H + 19) for i, (label, v) in enumerate(rows)]
    return Chart(id=chart_id, title=title, bars=bars, height=len(rows) * ROW_H + 8)
