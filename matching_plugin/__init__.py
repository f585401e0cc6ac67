"""DX Quest companies, hubs, project board and matching (layer 3 of 3)."""
