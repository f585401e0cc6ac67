"""Production: values come from the operator's configuration (Tutor patches, LMS YAML)."""

from casestudy_xblock.settings.helpers import apply_env_tokens

from .common import DEFAULTS


def plugin_settings(settings):
    """Take the operator's values for our settings; anything not configured keeps its default."""
    apply_env_tokens(settings, DEFAULTS)
