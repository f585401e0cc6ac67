"""Django signals casestudy_xblock sends, so packages above can react (e.g. badge rules).

Upper packages import these; this package never imports them.
"""

from django.dispatch import Signal

#: A learner (a Django user) has completed a case-study unit (a ``dxq_case`` block). Sent after
#: its skills evidence is stored, each time the completed block is marked again (receivers must
#: be idempotent). Args: ``user_id``, ``block_usage_id``.
case_unit_completed = Signal()
