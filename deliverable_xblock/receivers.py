"""Signal receivers of deliverable_xblock (listed in apps.py signals_config)."""
