"""Receivers of Django signals and Open edX events for casestudy_xblock.

Wired by ``signals_config`` in apps.py; none yet (issues 3 and 4 add them).
"""
