"""Django signals deliverable_xblock sends, for packages above it (badges, community).

``deliverable_graded``: a submission's peer-review grade became final and was published.
Sent after the transaction commits, once per submission, with ``user_ids`` (the author, or
every member of the team), ``block_key``, ``course_key``, ``points_earned`` and
``points_possible``.
"""

from django.dispatch import Signal

deliverable_graded = Signal()
