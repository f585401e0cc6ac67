"""Date-times as Verifiable Credentials write them: ``2010-01-01T19:23:24Z``, always with a zone."""

from __future__ import annotations

import datetime as dt
import re

from .errors import VerificationError

# XML Schema dateTimeStamp: a date, a time, optional fractions and a mandatory zone.
_STAMP = re.compile(r"\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def parse(value: object, field: str = "date-time") -> dt.datetime:
    """A timezone-aware datetime from a dateTimeStamp string, or :class:`VerificationError`."""
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        raise VerificationError(f"{field} must be a date-time with a time zone, got {value!r}")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise VerificationError(f"{field} is not a valid date-time: {value!r}") from error


def stamp(moment: dt.datetime) -> str:
    """UTC, whole seconds, ``Z``: the form every credential we issue uses."""
    if moment.tzinfo is None:
        raise ValueError("use a timezone-aware datetime")
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_datetime(moment: dt.datetime | str | None) -> dt.datetime:
    """``None`` -> now; a string -> parsed; a datetime -> checked to be aware."""
    if moment is None:
        return now()
    if isinstance(moment, str):
        return parse(moment)
    if moment.tzinfo is None:
        raise ValueError("use a timezone-aware datetime")
    return moment
