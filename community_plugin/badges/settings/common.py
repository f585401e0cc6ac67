"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import apply_defaults

#: Every setting community_plugin.badges reads, with its default.
DEFAULTS = {
    # Origin written into every id and URL of the documents we sign and host.
    "DXQ_BADGES_BASE_URL": "http://127.0.0.1:8000",
    # Encrypts issuers' private keys at rest; empty = derived from SECRET_KEY (set it in
    # production so a SECRET_KEY rotation does not lock the keys away).
    "DXQ_BADGES_KEY_PASSPHRASE": "",
    # Bits in each issuer's status list (W3C minimum 131,072 = 16 KiB).
    "DXQ_BADGES_STATUS_LIST_SIZE": 131072,
    # Awards per Celery task in a bulk job.
    "DXQ_BADGES_BULK_BATCH": 100,
    # How long the signed status-list credential may be cached (revoking clears it at once).
    "DXQ_BADGES_STATUS_CACHE_SECONDS": 300,
}


def plugin_settings(settings):
    """Add this app's defaults to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    # Messages live in the community_plugin catalogue (its settings add that locale dir).
