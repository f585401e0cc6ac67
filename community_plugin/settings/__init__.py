"""Settings injected by the Open edX plugin framework (``plugin_settings``)."""
