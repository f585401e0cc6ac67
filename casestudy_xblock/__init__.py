"""DX Quest case studies, deliverables and the DX Promotion Skill Standard (layer 1 of 3)."""

__version__ = "0.1.0"
