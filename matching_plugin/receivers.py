"""Receivers of Django signals and Open edX events for matching_plugin.

Wired by ``signals_config`` in apps.py; none yet (the badge and talent-profile issues add them).
"""
