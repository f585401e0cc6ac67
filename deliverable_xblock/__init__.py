"""DX Quest deliverables with peer review (layer 2 of 4: above casestudy_xblock)."""
