"""Server-rendered SVG charts (no script, no external resource). Pure: no Django.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; the page shows the
same figures in a table beside it, which is what screen readers use.
"""

from __future__ import annotations

from html import escape

WIDTH = 560
BAR = "#1f5f99"
BAR_ALT = "#b35900"
AXIS = "#595959"
TEXT = "#1a1a1a"


def _number(value):
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value):,}"


def _open(chart_id, title, desc, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-t '
        f'{chart_id}-d" class="dxq-chart" font-family="sans-serif" font-size="11">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )


def column_chart(chart_id, title, points, *, desc="", compare=None):
    """Vertical bars for a series [(label, value)]; ``compare`` draws a second series as a line.

    Labels are thinned to at most 12 on the x axis.
    """
    height, left, bottom, top = 220, 44, 36, 12
    inner_w, inner_h = WIDTH - left - 10, height - top - bottom
    values = [v or 0 for _label, v in points] + [v or 0 for _l, v in (compare or [])]
    peak = max(values, default=0) or 1
    count = max(len(points), 1)
    step = inner_w / count
    parts = [_open(chart_id, title, desc, height)]
    base_y = top + inner_h
    parts.append(
        f'<line x1="{left}" y1="{base_y}" x2="{WIDTH - 10}" y2="{base_y}" stroke="{AXIS}"/>'
    )
    for fraction in (0.5, 1.0):
        y = base_y - inner_h * fraction
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{_number(peak * fraction)}</text>"
        )
    every = max(1, -(-count // 12))
    for index, (label, value) in enumerate(points):
        bar_h = inner_h * (value or 0) / peak
        x = left + index * step + step * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{base_y - bar_h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR}"><title>{escape(str(label))}: '
            f"{_number(value)}</title></rect>"
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{base_y + 14}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(str(label))}</text>'
            )
    if compare:
        coords = " ".join(
            f"{left + i * step + step / 2:.1f},{base_y - inner_h * (v or 0) / peak:.1f}"
            for i, (_label, v) in enumerate(compare)
        )
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{BAR_ALT}" stroke-width="2" '
            'stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(chart_id, title, points, *, desc=""):
    """Horizontal bars for categories [(label, value)], each with its value written beside it."""
    row, left, right = 24, 170, 50
    height = max(row * len(points) + 16, 40)
    peak = max((v or 0 for _label, v in points), default=0) or 1
    inner_w = WIDTH - left - right
    parts = [_open(chart_id, title, desc, height)]
    for index, (label, value) in enumerate(points):
        y = 8 + index * row
        width = inner_w * (value or 0) / peak
        text = str(label)
        short = text if len(text) <= 24 else text[:23] + "…"
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" fill="{TEXT}">'
            f"{escape(short)}</text>"
            f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="{row - 8}" fill="{BAR}">'
            f"<title>{escape(text)}: {_number(value)}</title></rect>"
            f'<text x="{left + width + 4:.1f}" y="{y + 14}" fill="{TEXT}">{_number(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
