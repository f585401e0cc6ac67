"""Signal receivers of community_plugin.badges (listed in apps.py signals_config)."""
