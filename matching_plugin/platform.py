"""What matching_plugin needs from the LMS, called lazily, with standalone fallbacks.

Generic lookups (display name, enrollment, cohort...) are casestudy_xblock's; this module is where
matching-only ones go.
"""

from casestudy_xblock.platform import display_name, lms_attr

__all__ = ["display_name", "lms_attr"]
