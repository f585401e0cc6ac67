"""Production: values come from the operator's configuration (Tutor patches, LMS YAML)."""

from casestudy_xblock.settings.helpers import apply_env_tokens

from .common import DEFAULTS


def plugin_settings(settings):
    """Take the operator's values for our settings; anything not configured keeps its default."""
    apply_env_tokens(settings, DEFAULTS)
    env_tokens = getattr(settings, "ENV_TOKENS", None) or {}
    lms_root = getattr(settings, "LMS_ROOT_URL", "")
    if lms_root and "DXQ_COMMUNITY_SITE_URL" not in env_tokens:
        settings.DXQ_COMMUNITY_SITE_URL = lms_root  # email links point at the LMS itself
