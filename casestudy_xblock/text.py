"""Localised text, Markdown and learner-text helpers. Pure Python: no Django.

A *localised text* (ADR 0008) is ``{"ja": "...", "en": "..."}``; ``en`` may be empty, and then
the Japanese is shown. Author Markdown is rendered with markdown-it-py (raw HTML disabled) and
the result is sanitised with nh3 against an allowlist: links get ``rel="noopener noreferrer"``,
images are kept only when they come from the platform itself, and nothing can embed another
site (no iframe, object, embed, script or style).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "fold",
    "is_localized",
    "language_code",
    "localized",
    "localized_with_lang",
    "markdown_to_html",
    "on_platform",
    "sanitize_html",
    "sanitize_plain",
]

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

#: Tags author Markdown may produce (nh3 drops every other tag and keeps its text).
ALLOWED_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "code", "del", "em", "hr", "i", "img", "kbd", "li"}
    | {"ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead"}
    | {"tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"align", "scope"},
    "td": {"align"},
}
#: Removed together with their content.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# C0/C1 control characters except tab and newline; bidirectional overrides and isolates,
# which can make text read differently from what it is.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
_SPACES = re.compile(r"\s+")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def language_code(lang: str | None) -> str:
    """``"en"`` for any English tag (``en``, ``en-us``, ``en_GB``), else ``"ja"``."""
    code = (lang or "").replace("_", "-").split("-", 1)[0].strip().lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def is_localized(value: object, required: bool = False) -> bool:
    """True when ``value`` is a localised text (``required``: with a non-blank Japanese)."""
    if not isinstance(value, Mapping) or not set(value) <= set(LANGUAGES):
        return False
    if not all(isinstance(v, str) for v in value.values()):
        return False
    return not required or bool(str(value.get("ja", "")).strip())


def localized_with_lang(value: object, lang: str | None) -> tuple[str, str]:
    """``(text, language of the text)`` in ``lang``, falling back to Japanese, then English.

    A plain string is taken as Japanese. ``("", lang)`` when there is no text at all.
    """
    wanted = language_code(lang)
    if isinstance(value, str):
        return value, DEFAULT_LANGUAGE
    if not isinstance(value, Mapping):
        return "", wanted
    for code in (wanted, DEFAULT_LANGUAGE, *LANGUAGES):
        text = value.get(code)
        if isinstance(text, str) and text.strip():
            return text, code
    return "", wanted


def localized(value: object, lang: str | None) -> str:
    """The text of a localised text in ``lang``, falling back to Japanese."""
    return localized_with_lang(value, lang)[0]


def on_platform(url: str, allowed_hosts: Iterable[str] = ()) -> bool:
    """True for a URL that stays on this site: a path (``/media/a.png``, ``a.png``) or an
    ``https`` URL to one of ``allowed_hosts``. Protocol-relative ``//host`` is off-platform."""
    url = (url or "").strip()
    if not url or url.startswith(("//", "\\", "/\\")):
        return False
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True
    return parts.scheme == "https" and parts.hostname in set(allowed_hosts)


def _shift_headings(offset):
    def rule(state):
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + offset)
                token.tag = f"h{level}"

    return rule


def _image_rule(allowed_hosts):
    def render_image(self, tokens, idx, options, env):
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        if not on_platform(str(token.attrGet("src") or ""), allowed_hosts):
            return escapeHtml(alt)  # an image from elsewhere is never loaded: its text stays
        token.attrSet("alt", alt)
        return self.renderToken(tokens, idx, options, env)

    return render_image


@functools.lru_cache(maxsize=16)
def _markdown(heading_offset: int, allowed_hosts: tuple[str, ...]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    if heading_offset:
        md.core.ruler.push("dxq_shift_headings", _shift_headings(heading_offset))
    md.add_render_rule("image", _image_rule(allowed_hosts))
    return md


def sanitize_html(html: str, allowed_hosts: Iterable[str] = ()) -> str:
    """Clean HTML against our allowlist (nh3). Images from outside the platform are removed."""
    hosts = tuple(sorted(allowed_hosts))

    def keep(tag, attribute, value):
        if tag == "img" and attribute == "src" and not on_platform(value, hosts):
            return None
        return value

    cleaned = nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned)


def markdown_to_html(
    text: str | None, heading_offset: int = 0, allowed_hosts: Iterable[str] = ()
) -> str:
    """Render author Markdown to safe HTML.

    Raw HTML in the Markdown is shown as text, never interpreted; the result is sanitised
    again with :func:`sanitize_html`. ``heading_offset`` moves headings down (``# A`` with
    offset 3 becomes ``<h4>``) so they fit under the page's own headings.
    """
    if not text or not text.strip():
        return ""
    hosts = tuple(sorted(allowed_hosts))
    html = _markdown(max(0, min(5, int(heading_offset))), hosts).render(sanitize_plain(text))
    return sanitize_html(html, hosts)


def sanitize_plain(text: object, max_length: int | None = None, single_line: bool = False) -> str:
    """Learner (or author) plain text made safe to store and show (escaping stays the job of
    the template): Unicode NFC, no control or bidi-override characters, ``\\r\\n`` -> ``\\n``,
    trimmed; ``single_line`` also collapses every run of whitespace to one space;
    ``max_length`` cuts the result."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    value = _UNSAFE_CHARS.sub("", value)
    value = _SPACES.sub(" ", value).strip() if single_line else value.strip()
    if max_length is not None:
        value = value[:max_length].rstrip()
    return value


def fold(text: object) -> str:
    """Text for comparing answers: NFKC (全角/半角 alike), case-folded, whitespace trimmed and
    collapsed."""
    value = unicodedata.normalize("NFKC", sanitize_plain(text)).casefold()
    return _SPACES.sub(" ", value).strip()
