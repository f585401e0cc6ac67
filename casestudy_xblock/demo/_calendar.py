"""The company calendar of やまなみ精工: fiscal years start in April; closed at weekends, in
Golden Week, お盆 and 年末年始 (national holidays otherwise are working days, as in many
regional factories)."""

from __future__ import annotations

from datetime import date, timedelta

FY_START = date(2023, 4, 1)
FY_END = date(2025, 3, 31)
_CLOSED = {
    (4, 29),
    (5, 1),
    (5, 2),
    (5, 3),
    (5, 4),
    (5, 5),
    (8, 13),
    (8, 14),
    (8, 15),
    (8, 16),
    (12, 29),
    (12, 30),
    (12, 31),
    (1, 1),
    (1, 2),
    (1, 3),
}


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in _CLOSED


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def workdays(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def fiscal_year(day: date) -> int:
    """Japanese fiscal year (年度): April 2024 to March 2025 is 2024."""
    return day.year if day.month >= 4 else day.year - 1
