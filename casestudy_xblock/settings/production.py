"""Production: values come from the operator's configuration (Tutor patches, YAML)."""


def plugin_settings(settings):
    """Derive production values; anything not configured keeps the common default."""
    env_tokens = getattr(settings, "ENV_TOKENS", {}) or {}
    for key, value in env_tokens.items():
        if key.startswith("DXQ_CASESTUDY_"):
            setattr(settings, key, value)
