"""Helpers every DX Quest package's ``plugin_settings`` functions share."""

from pathlib import Path


def apply_defaults(settings, defaults):
    """Set each default the host project has not already set."""
    for name, value in defaults.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)


def apply_env_tokens(settings, defaults):
    """Production: take the operator's values (``ENV_TOKENS``, from the LMS YAML) for our keys."""
    env_tokens = getattr(settings, "ENV_TOKENS", None) or {}
    for name in defaults:
        if name in env_tokens:
            setattr(settings, name, env_tokens[name])


def add_locale_dir(settings, package_settings_file):
    """Add the package's ``conf/locale`` (Open edX's layout) to ``LOCALE_PATHS``."""
    locale_dir = Path(package_settings_file).resolve().parent.parent / "conf" / "locale"
    locale_paths = list(getattr(settings, "LOCALE_PATHS", []))
    if str(locale_dir) not in map(str, locale_paths):
        settings.LOCALE_PATHS = [*locale_paths, locale_dir]
