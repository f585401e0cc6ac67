"""A small server-rendered SVG line chart (no JavaScript, no external assets). Pure.

``line_chart(points, title=..., y_max=100)`` returns an ``<svg>`` string; ``points`` is a list
of ``(label, value)``. Text is escaped here; the caller marks the result safe.
"""

from html import escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def line_chart(points, *, title, y_max=100.0, unit="%"):
    """An accessible SVG line chart of ``points`` [(label, value)], values 0..``y_max``."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = len(points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="dxq-chart-title" class="dxq-chart">',
        f'<title id="dxq-chart-title">{escape(title)}</title>',
    ]
    for step in range(0, 5):
        value = y_max * step / 4
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#d0d5dd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#344054">{value:.0f}{escape(unit)}</text>'
        )
    if count:
        coords = []
        for i, (label, value) in enumerate(points):
            x = LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)
            y = TOP + plot_h - plot_h * max(0.0, min(float(value), y_max)) / y_max
            coords.append((x, y, label, value))
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _l, _v in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1d4ed8" stroke-width="2.5"/>')
        every = max(1, count // 8)
        for i, (x, y, label, value) in enumerate(coords):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1d4ed8">'
                f"<title>{escape(str(label))}: {float(value):.0f}{escape(unit)}</title></circle>"
            )
            if i % every == 0 or i == count - 1:
                parts.append(
                    f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                    f'text-anchor="middle" fill="#344054">{escape(str(label))}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
