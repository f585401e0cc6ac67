"""Production: values come from the operator's configuration (Tutor patches, LMS YAML)."""

from .common import DEFAULTS
from .helpers import apply_env_tokens


def plugin_settings(settings):
    """Take the operator's values for our settings; anything not configured keeps its default."""
    apply_env_tokens(settings, DEFAULTS)
