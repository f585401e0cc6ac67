"""Settings for the standalone project: ``dev`` (the demo) and ``test``."""
