"""Running 1EdTech's Open Badges 2.0 validator (openbadges 1.1.2) in its own virtualenv."""
