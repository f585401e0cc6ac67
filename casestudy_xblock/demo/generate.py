"""Deterministic datasets of the demo company 株式会社やまなみ精工 (fictional), as CSV bytes.

Pure standard library: ``random.Random`` seeded per dataset, so the same ``seed`` and ``scale``
always give byte-identical files on every machine and Python 3.11+. Four datasets:

=============  =====================================  =========  ==========================
slug           contents                               encoding   rows at scale 1 (seed 2024)
=============  =====================================  =========  ==========================
sales          受注実績 FY2023-FY2024 (one row/order)  UTF-8      1,412
production     生産日報 (one row per machine per day)  UTF-8      2,976
customers      顧客マスタ                              UTF-8      48
staff_survey   従業員意識調査 2024年11月               CP932      70
=============  =====================================  =========  ==========================

``staff_survey`` is written in CP932 (Shift_JIS, CRLF) as 総務部's Excel would save it, to
exercise encoding detection; the others are UTF-8 without BOM. ``scale`` multiplies customers
(and so orders), machines per line and survey respondents. Patterns the case's questions find
are documented for facilitators in ``README.md``; do not show it to learners.
"""

from __future__ import annotations

import csv
import io
import math
import random
from datetime import date, timedelta
from pathlib import Path

from . import _survey
from ._calendar import FY_END, FY_START, fiscal_year, next_workday, workdays
from ._customers import HEADER as CUSTOMERS_HEADER
from ._customers import customer_rows

DEFAULT_SEED = 2024
SLUGS = ("sales", "production", "customers", "staff_survey")
ENCODINGS = {"sales": "utf-8", "production": "utf-8", "customers": "utf-8", "staff_survey": "cp932"}
FILENAMES = {
    "sales": "yamanami_sales_fy2023-2024.csv",
    "production": "yamanami_production_fy2023-2024.csv",
    "customers": "yamanami_customers.csv",
    "staff_survey": "yamanami_staff_survey_2024-11.csv",
}
CHANGE_DATE = date(2024, 10, 1)  # Bライン: new quick-change jig and setup procedure
EXPORT_DATE = date(2025, 4, 10)  # the day 営業課 exported the order book

CATEGORY_CODES = {
    "自動車部品": "AT",
    "医療機器部品": "MD",
    "半導体装置部品": "SC",
    "産業機械部品": "IM",
}
# category: (unit price range 円, quantity range, lead days range, monthly orders per weight)
CATEGORY_TERMS = {
    "自動車部品": ((150, 650), (800, 6000), (21, 35)),
    "医療機器部品": ((2800, 16000), (40, 500), (14, 28)),
    "半導体装置部品": ((9000, 42000), (8, 120), (30, 60)),
    "産業機械部品": ((900, 4800), (80, 1000), (21, 45)),
}
# demand trend by fiscal year: 自動車 falls (EV shift), 医療 grows, 半導体 recovers
TREND = {
    "自動車部品": {2023: 1.0, 2024: 0.82},
    "医療機器部品": {2023: 1.0, 2024: 1.3},
    "半導体装置部品": {2023: 0.85, 2024: 1.1},
    "産業機械部品": {2023: 1.0, 2024: 0.97},
}

SALES_HEADER = (
    "受注番号",
    "受注日",
    "顧客ID",
    "製品カテゴリ",
    "品番",
    "数量",
    "単価",
    "金額",
    "納期",
    "出荷日",
    "納期遅延日数",
)
PRODUCTION_HEADER = (
    "日付",
    "ライン",
    "設備ID",
    "稼働時間(h)",
    "段取り回数",
    "段取り時間(分)",
    "生産数",
    "不良数",
    "寸法不良",
    "外観不良",
    "バリ",
    "その他不良",
    "主な不良区分",
)
DEFECT_TYPES = ("寸法不良", "外観不良", "バリ", "その他不良")


def _rng(seed: int, name: str) -> random.Random:
    return random.Random(f"yamanami:{seed}:{name}")


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _csv_bytes(header, rows, encoding: str) -> bytes:
    buffer = io.StringIO()
    newline = "\r\n" if encoding == "cp932" else "\n"
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


# ---------------------------------------------------------------- sales (受注実績)


def _catalogue(rng: random.Random) -> dict[str, list[tuple[str, int]]]:
    """品番 and base unit price per category."""
    items = {}
    for category, ((low, high), _qty, _lead) in CATEGORY_TERMS.items():
        code = CATEGORY_CODES[category]
        numbers = rng.sample(range(1000, 9999), 14)
        items[category] = [(f"{code}-{n}", round(rng.uniform(low, high), -1)) for n in numbers]
    return items


def _late_probability(category: str, ordered: date) -> float:
    if category == "医療機器部品":
        return 0.42 if ordered >= CHANGE_DATE - timedelta(days=14) else 0.16
    return {"自動車部品": 0.035, "半導体装置部品": 0.08, "産業機械部品": 0.05}[category]


def sales_rows(seed: int = DEFAULT_SEED, scale: float = 1.0) -> list[tuple]:
    rng = _rng(seed, "sales")
    customers = customer_rows(_rng(seed, "customers"), scale)
    catalogue = _catalogue(rng)
    portfolios = []
    for customer_id, _name, _industry, _region, _since, _channel, _rep, weight, cats in customers:
        products = [(c, *rng.choice(catalogue[c])) for c in cats for _ in range(rng.randint(2, 4))]
        portfolios.append((customer_id, weight, products))
    days = workdays(FY_START, FY_END)
    months = sorted({(d.year, d.month) for d in days})
    rows, serial = [], {}
    for year, month in months:
        month_days = [d for d in days if (d.year, d.month) == (year, month)]
        fy = fiscal_year(month_days[0])
        for customer_id, weight, products in portfolios:
            for category, part, price in products:
                lam = 1.5 * weight * TREND[category][fy] / len(products)
                for _ in range(_poisson(rng, lam)):
                    rows.append(
                        _order(rng, rng.choice(month_days), customer_id, category, part, price, fy)
                    )
    rows.sort(key=lambda r: (r[0], r[1], r[3]))
    numbered = []
    for ordered, customer_id, category, part, qty, price, due, shipped in rows:
        fy = fiscal_year(ordered)
        serial[fy] = serial.get(fy, 0) + 1
        late = "" if shipped is None else max(0, (shipped - due).days)
        numbered.append(
            (
                f"J{fy % 100}-{serial[fy]:04d}",
                ordered.isoformat(),
                customer_id,
                category,
                part,
                qty,
                price,
                qty * price,
                due.isoformat(),
                "" if shipped is None else shipped.isoformat(),
                late,
            )
        )
    return numbered


def _order(rng, ordered, customer_id, category, part, price, fy):
    _price, (qlow, qhigh), (llow, lhigh) = CATEGORY_TERMS[category]
    qty = math.exp(rng.uniform(math.log(qlow), math.log(qhigh)))
    qty = int(round(qty, -1 if qhigh > 300 else 0))
    if fy == 2024:
        price = round(price * (0.98 if category == "自動車部品" else 1.03))
    due = next_workday(ordered + timedelta(days=rng.randint(llow, lhigh)))
    if rng.random() < _late_probability(category, ordered):
        spread = (2, 12) if category == "医療機器部品" else (1, 6)
        shipped = next_workday(due + timedelta(days=rng.randint(*spread)))
    else:
        shipped = due - timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        while shipped.weekday() >= 5:
            shipped -= timedelta(days=1)
    return (
        ordered,
        customer_id,
        category,
        part,
        max(qty, 1),
        int(price),
        due,
        shipped if shipped <= EXPORT_DATE else None,
    )


# ---------------------------------------------------------------- production (生産日報)

# machine prefix, count at scale 1, pieces per minute, setups per day, minutes per setup,
# defect rate, defect-type weights (寸法, 外観, バリ, その他)
LINES = {
    "Aライン": ("NC", 2, 1.25, (0, 2), 40, 0.008, (2, 2, 5, 1)),
    "Bライン": ("SW", 2, 0.21, (1, 3), 46, 0.012, (2, 5, 2, 1)),
    "Cライン": ("MC", 1, 0.085, (1, 2), 62, 0.02, (4, 4, 1, 1)),
    "Dライン": ("LT", 1, 0.32, (1, 2), 35, 0.01, (3, 3, 3, 1)),
}
B_AFTER_RATE, B_AFTER_WEIGHTS, B_AFTER_SETUP = 0.036, (14, 3, 2, 1), 23


def production_rows(seed: int = DEFAULT_SEED, scale: float = 1.0) -> list[tuple]:
    rng = _rng(seed, "production")
    rows = []
    machines = [
        (line, f"{spec[0]}-{i:02d}", spec)
        for line, spec in LINES.items()
        for i in range(1, max(1, round(spec[1] * scale)) + 1)
    ]
    for day in workdays(FY_START, FY_END):
        for line, machine, spec in machines:
            rows.append((day.isoformat(), line, machine, *_machine_day(rng, day, line, spec)))
    return rows


def _machine_day(rng, day, line, spec):
    _prefix, _count, per_minute, setups_range, setup_minutes, rate, weights = spec
    hours = rng.choice((7.5, 7.5, 7.5, 8.0, 8.5, 9.5))
    if line == "Aライン" and fiscal_year(day) == 2024:
        hours = rng.choice((6.0, 6.5, 7.5, 7.5))  # fewer automotive orders
    if rng.random() < 0.012:
        hours = rng.choice((2.0, 3.0, 4.0))  # 設備トラブル
    setups = rng.randint(*setups_range)
    if line == "Bライン" and day >= CHANGE_DATE:
        setup_minutes, rate, weights = B_AFTER_SETUP, B_AFTER_RATE, B_AFTER_WEIGHTS
        rate += 0.006 * (day - CHANGE_DATE).days / 180  # the jig's seat wears
    minutes = sum(
        max(10, round(rng.gauss(setup_minutes, setup_minutes * 0.2))) for _ in range(setups)
    )
    made = max(0, int((hours * 60 - minutes) * per_minute * rng.uniform(0.9, 1.05)))
    defects = min(made, _poisson(rng, made * rate * rng.uniform(0.7, 1.3)))
    counts = dict.fromkeys(DEFECT_TYPES, 0)
    for kind in rng.choices(DEFECT_TYPES, weights=weights, k=defects):
        counts[kind] += 1
    main = max(DEFECT_TYPES, key=lambda k: counts[k]) if defects else "なし"
    return (f"{hours:.1f}", setups, minutes, made, defects, *counts.values(), main)


# ---------------------------------------------------------------- public API


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, bytes]:
    """Every dataset as CSV bytes in its encoding (see ``ENCODINGS``), keyed by slug."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    tables = {
        "sales": (SALES_HEADER, sales_rows(seed, scale)),
        "production": (PRODUCTION_HEADER, production_rows(seed, scale)),
        "customers": _customers_table(seed, scale),
        "staff_survey": (_survey.HEADER, _survey.rows(_rng(seed, "staff_survey"), scale)),
    }
    return {slug: _csv_bytes(*tables[slug], ENCODINGS[slug]) for slug in SLUGS}


def _customers_table(seed: int, scale: float):
    rows = [row[:7] for row in customer_rows(_rng(seed, "customers"), scale)]
    return CUSTOMERS_HEADER, rows


def write_all(directory, seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, Path]:
    """Write every dataset into ``directory`` (created if needed) as ``FILENAMES``; the paths."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths = {}
    for slug, data in generate(seed, scale).items():
        paths[slug] = target / FILENAMES[slug]
        paths[slug].write_bytes(data)
    return paths
