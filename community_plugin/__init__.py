"""DX Quest cohort communities, feedback and badges (layer 2 of 3)."""
