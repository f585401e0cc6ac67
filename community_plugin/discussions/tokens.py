"""Search tokens for Japanese and English text. Pure Python: no Django.

Japanese has no spaces between words, so a word index does not work for it. Text is NFKC
normalised (full-width Latin and half-width katakana become their usual forms) and case-folded;
then every run of Japanese characters (kana, kanji, the long-vowel mark) gives its single
characters and its character bigrams, and every run of other letters or digits gives one whole
word. A query is tokenised the same way except that a Japanese run of two or more characters
gives only its bigrams: a thread matches when it holds every query token (ADR 0012).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

__all__ = ["MAX_TOKEN", "MAX_QUERY_TOKENS", "document_tokens", "normalize", "query_tokens"]

#: Longest token stored (indexed CharField; longer words are cut).
MAX_TOKEN = 64
#: A query keeps at most this many distinct tokens (the rest would only narrow it further).
MAX_QUERY_TOKENS = 24

_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3041, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana, ー
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2FA1F),  # supplementary ideographs
)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def normalize(text: object) -> str:
    """NFKC and case-folded text (全角 ``ＡＢＣ`` and ``abc`` alike, ｶﾀｶﾅ and カタカナ alike)."""
    return unicodedata.normalize("NFKC", str(text or "")).casefold()


def _runs(text: str):
    """Yield ``(is_japanese, run)`` for each run of Japanese characters or of word characters."""
    current, current_cjk = [], False
    for char in normalize(text):
        cjk = _is_cjk(char)
        word = cjk or char.isalnum()
        if word and current and cjk == current_cjk:
            current.append(char)
            continue
        if current:
            yield current_cjk, "".join(current)
        current, current_cjk = ([char], cjk) if word else ([], False)
    if current:
        yield current_cjk, "".join(current)


def _bigrams(run: str):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def document_tokens(text: object) -> Counter:
    """Tokens of a text to index, with how often each occurs."""
    counts: Counter = Counter()
    for japanese, run in _runs(text):
        if japanese:
            counts.update(run)
            counts.update(_bigrams(run))
        else:
            counts[run[:MAX_TOKEN]] += 1
    return counts


def query_tokens(text: object) -> list[str]:
    """Distinct tokens a thread must all hold to match the query ``text`` (in query order)."""
    found: list[str] = []
    for japanese, run in _runs(text):
        if japanese:
            found.extend(_bigrams(run) if len(run) > 1 else [run])
        else:
            found.append(run[:MAX_TOKEN])
    return list(dict.fromkeys(found))[:MAX_QUERY_TOKENS]
