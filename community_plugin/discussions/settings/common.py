"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import apply_defaults

#: Every setting community_plugin.discussions reads, with its default.
DEFAULTS = {
    # Open flags from different people that hide a thread or reply until a master reviews it.
    "DXQ_DISCUSSIONS_FLAGS_TO_HIDE": 3,
    # Longest title and Markdown text accepted (characters).
    "DXQ_DISCUSSIONS_MAX_TITLE": 200,
    "DXQ_DISCUSSIONS_MAX_BODY": 20000,
    # Largest attachment (bytes) and most attachments per thread body or reply.
    "DXQ_DISCUSSIONS_MAX_ATTACHMENT_BYTES": 5 * 1024 * 1024,
    "DXQ_DISCUSSIONS_MAX_ATTACHMENTS": 5,
    # Posting rate limits per person (threads and replies together); operators are exempt.
    "DXQ_DISCUSSIONS_POSTS_PER_MINUTE": 5,
    "DXQ_DISCUSSIONS_POSTS_PER_HOUR": 40,
    # Threads per page in a space's list.
    "DXQ_DISCUSSIONS_PAGE_SIZE": 20,
}


def plugin_settings(settings):
    """Add this app's defaults to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    # Messages live in the community_plugin catalogue (its settings add that locale dir).
