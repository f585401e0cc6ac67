"""@mentions in Markdown text. Pure Python: no Django.

``@username`` names a person; ``@cohort`` (everyone in the space) and ``@team`` (the author's
team) name groups. Mentions inside code spans and code blocks do not count, nor do e-mail
addresses (``a@b.example``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GROUPS", "Mentions", "parse"]

#: Group mentions and what they reach.
GROUPS = ("cohort", "team")

_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.+-]{0,149})")


@dataclass(frozen=True)
class Mentions:
    """The people (usernames, in order) and groups a text mentions."""

    usernames: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    def __bool__(self):
        return bool(self.usernames or self.groups)


def parse(text: str | None) -> Mentions:
    """The mentions in ``text`` (each once, in the order they first appear)."""
    plain = _CODE.sub(" ", text or "")
    usernames, groups = [], []
    for match in _MENTION.finditer(plain):
        name = match.group(1).rstrip(".-+")
        if name.lower() in GROUPS:
            if name.lower() not in groups:
                groups.append(name.lower())
        elif name and name not in usernames:
            usernames.append(name)
    return Mentions(tuple(usernames), tuple(groups))
