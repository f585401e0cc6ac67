"""Options of choice questions, kept by stable keys. Pure: no Django.

A single or multiple choice question stores its options as a list of
``{"value": key, "ja": ..., "en": ...}`` and an answer stores the option's key, never its
position. A key never changes once created and is never reused in its question:

- editing the options (reordering them, inserting one, rewording one language) keeps the key of
  every option whose Japanese or English wording stays the same;
- an option taken off the list stays in the list marked ``"removed": True``, so the answers
  that chose it keep their label (the results show it as removed); listing the same wording
  again brings it back with its answers;
- a new option gets a key that no option of the question ever had.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"o(\d+)")


def is_active(option):
    """Whether respondents are offered ``option`` (it was not taken off the list)."""
    return not option.get("removed")


def active(options):
    return [option for option in options if is_active(option)]


def keys(options):
    return [option["value"] for option in options]


def parse(text):
    """[(ja, en)] of the lines ``日本語 | English`` (blank lines skipped)."""
    pairs = []
    for line in (text or "").splitlines():
        if line.strip():
            ja, _sep, en = line.partition("|")
            pairs.append((ja.strip(), en.strip()))
    return pairs


def repeated(pairs):
    """The wordings (Japanese or English) given on more than one line."""
    seen, twice = set(), []
    for ja, en in pairs:
        for wording in (("ja", ja), ("en", en)):
            if wording[1] and wording in seen and wording[1] not in twice:
                twice.append(wording[1])
            seen.add(wording)
    return twice


def next_key(taken):
    """``o<n>`` above every ``o<n>`` key in ``taken``."""
    numbers = [int(m.group(1)) for m in map(_KEY.fullmatch, taken) if m]
    return f"o{max(numbers, default=0) + 1}"


def _same_both(option, ja, en):
    return option.get("ja", "") == ja and option.get("en", "") == en


def _same_ja(option, ja, _en):
    return bool(ja) and option.get("ja", "") == ja


def _same_en(option, _ja, en):
    return bool(en) and option.get("en", "") == en


def merge(existing, pairs):
    """The options after an edit: ``pairs`` (ja, en) in their new order, then removed ones.

    Each line takes the key of an existing option with the same wording: both languages first,
    then the same Japanese, then the same English; offered options before removed ones. Lines
    left over are new options with new keys; existing options left over are kept as removed.
    """
    existing = [dict(option) for option in existing]
    matched, used = {}, set()
    for rule in (_same_both, _same_ja, _same_en):
        for offered in (True, False):
            for line, (ja, en) in enumerate(pairs):
                if line in matched:
                    continue
                for index, option in enumerate(existing):
                    if index in used or is_active(option) != offered:
                        continue
                    if rule(option, ja, en):
                        matched[line] = index
                        used.add(index)
                        break
    taken = keys(existing)
    result = []
    for line, (ja, en) in enumerate(pairs):
        if line in matched:
            option = {**existing[matched[line]], "ja": ja, "en": en}
            option.pop("removed", None)
        else:
            option = {"value": next_key(taken), "ja": ja, "en": en}
            taken.append(option["value"])
        result.append(option)
    removed = [
        {**option, "removed": True} for index, option in enumerate(existing) if index not in used
    ]
    return result + removed


def newly_removed(before, after):
    """Options offered in ``before`` that ``after`` marks removed."""
    offered = set(keys(active(before)))
    return [o for o in after if not is_active(o) and o["value"] in offered]


def problems(options):
    """What is wrong with the stored shape of ``options``: a list of short codes.

    ``"shape"``: an option is not a mapping with a non-empty string key; ``"repeated"``: two
    options share a key.
    """
    found = []
    if not isinstance(options, list) or any(
        not isinstance(o, dict) or not isinstance(o.get("value"), str) or not o["value"]
        for o in options
    ):
        return ["shape"]
    if len(set(keys(options))) != len(options):
        found.append("repeated")
    return found
