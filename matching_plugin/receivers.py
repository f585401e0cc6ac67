"""Receivers of Django signals and Open edX events for matching_plugin (wired by signals_config)."""
