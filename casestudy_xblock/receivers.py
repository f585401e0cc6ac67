"""Receivers of Django signals and Open edX events for casestudy_xblock (wired by signals_config)."""
