"""Signal receivers of community_plugin.discussions (listed in apps.py signals_config)."""
