"""Reading a membership CSV file (pure: no Django). Rows are checked, not trusted.

Columns (header required): ``username`` or ``email`` (one of them per row), optional ``role``
(``member`` or ``master``; Japanese ``メンバー`` / ``コミュニティマスター`` accepted).
"""

import csv
import io
from dataclasses import dataclass, field

ROLE_WORDS = {
    "": "member",
    "member": "member",
    "メンバー": "member",
    "master": "master",
    "community master": "master",
    "コミュニティマスター": "master",
}


@dataclass
class CsvRow:
    """One readable row: who (username or email) and which role."""

    line: int
    username: str
    email: str
    role: str


@dataclass
class CsvProblem:
    """A row that was refused, with the reason code the caller turns into words."""

    line: int
    code: str
    value: str = ""


@dataclass
class ParsedCsv:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def decode(data):
    """Text of an uploaded file: UTF-8 (with or without BOM), else Shift_JIS (Excel in Japan)."""
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse(text):
    """Split CSV text into good rows and problems; raises ValueError when there is no header."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if not ({"username", "email"} & set(header)):
        raise ValueError("missing header")
    reader.fieldnames = header
    parsed = ParsedCsv()
    for row in reader:
        line = reader.line_num
        username = (row.get("username") or "").strip()
        email = (row.get("email") or "").strip()
        role_word = (row.get("role") or "").strip()
        role = ROLE_WORDS.get(role_word.lower(), ROLE_WORDS.get(role_word))
        if not username and not email:
            if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                parsed.problems.append(CsvProblem(line, "no_identity"))
            continue  # blank lines are skipped silently
        if role is None:
            parsed.problems.append(CsvProblem(line, "bad_role", role_word))
            continue
        if email and "@" not in email:
            parsed.problems.append(CsvProblem(line, "bad_email", email))
            continue
        parsed.rows.append(CsvRow(line, username, email, role))
    return parsed
