"""Signal receivers of community_plugin.insights (listed in apps.py signals_config)."""
