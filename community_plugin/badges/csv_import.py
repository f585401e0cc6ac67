"""Recipients from an uploaded CSV (or typed list): usernames or email addresses, one a row.

The first column of each row is read; a header row (``username``, ``email``, ユーザー名,
メールアドレス...) is skipped. UTF-8 (with or without BOM) and Shift_JIS (Excel in Japan) are
accepted. Every row that names no active user is reported with its line number and a message
in the user's language; the good rows are kept.
"""

from __future__ import annotations

import csv
import dataclasses
import io

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

HEADERS = {"username", "email", "user", "e-mail", "ユーザー名", "メールアドレス", "メール"}
MAX_ROWS = 20000


@dataclasses.dataclass
class RowError:
    line: int
    value: str
    message: str


@dataclasses.dataclass
class Recipients:
    users: list  # found, in file order, no duplicates
    errors: list[RowError]


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("The file is neither UTF-8 nor Shift_JIS text."))


def values_of(text: str) -> list[tuple[int, str]]:
    """``(line number, first cell)`` of each non-empty row, header skipped."""
    found = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cell = (row[0] if row else "").strip()
        if not cell or (number == 1 and cell.lower() in HEADERS):
            continue
        found.append((number, cell))
        if len(found) > MAX_ROWS:
            raise ValueError(_("Too many rows: at most %(max)d.") % {"max": MAX_ROWS})
    return found


def resolve(values: list[tuple[int, str]]) -> Recipients:
    """Find the users the values name (username, or email case-insensitively)."""
    model = get_user_model()
    names = {value for _line, value in values if "@" not in value}
    emails = {value.lower() for _line, value in values if "@" in value}
    by_name, by_email, ambiguous = {}, {}, set()
    query = Q(username__in=names) if names else Q(pk__in=[])
    for email in emails:
        query |= Q(email__iexact=email)
    for user in model.objects.filter(query):
        by_name[user.username] = user
        key = (user.email or "").lower()
        if key in emails:
            if key in by_email and by_email[key].pk != user.pk:
                ambiguous.add(key)
            by_email[key] = user
    users, seen, errors = [], set(), []
    for line, value in values:
        user = by_email.get(value.lower()) if "@" in value else by_name.get(value)
        if "@" in value and value.lower() in ambiguous:
            errors.append(
                RowError(line, value, _("Several users have this email address; use the username."))
            )
            continue
        if user is None:
            errors.append(RowError(line, value, _("No user with this username or email address.")))
            continue
        if not user.is_active:
            errors.append(RowError(line, value, _("This user account is not active.")))
            continue
        if not user.email:
            errors.append(RowError(line, value, _("This user has no email address.")))
            continue
        if user.pk in seen:
            errors.append(RowError(line, value, _("Listed twice; awarded once.")))
            continue
        seen.add(user.pk)
        users.append(user)
    return Recipients(users, errors)


def read(data: bytes | str) -> Recipients:
    text = data if isinstance(data, str) else decode(data)
    return resolve(values_of(text))
