"""Markdown of threads and replies to safe HTML (the project's sanitiser: casestudy_xblock.text)."""

from django.conf import settings
from django.utils.translation import gettext as _

from casestudy_xblock.text import markdown_to_html, sanitize_plain

from .errors import Invalid

#: Headings in a post sit under the page's h1 (thread title) and h2 (replies).
HEADING_OFFSET = 2


def clean_title(title):
    value = sanitize_plain(title, single_line=True)
    if not value:
        raise Invalid(_("Write a title."), field="title")
    if len(value) > settings.DXQ_DISCUSSIONS_MAX_TITLE:
        raise Invalid(
            _("The title is too long: at most %(max)s characters.")
            % {"max": settings.DXQ_DISCUSSIONS_MAX_TITLE},
            field="title",
        )
    return value


def clean_body(text):
    value = sanitize_plain(text)
    if not value:
        raise Invalid(_("Write some text."), field="body")
    if len(value) > settings.DXQ_DISCUSSIONS_MAX_BODY:
        raise Invalid(
            _(
                "The text is too long (%(length)s characters): at most %(max)s. Split it into "
                "several replies or attach a file."
            )
            % {"length": len(value), "max": settings.DXQ_DISCUSSIONS_MAX_BODY},
            field="body",
        )
    return value


def render(text):
    """Sanitised HTML of Markdown ``text`` (raw HTML shown as text, unsafe links removed)."""
    return markdown_to_html(text, heading_offset=HEADING_OFFSET)
