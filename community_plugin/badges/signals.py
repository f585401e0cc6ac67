"""Django signals the badges app listens to: news from our own packages that may earn a badge.

Packages at the level of ``community_plugin`` or above (community spaces, discussions,
matching) send these; the receivers in :mod:`.receivers` only queue a Celery task. Every signal
is sent with ``user_id`` plus the arguments listed. Packages below (case studies, deliverables)
cannot import this module: their news arrives through their own signals or models, bridged in
:mod:`.receivers`.
"""

from django.dispatch import Signal

#: A learner completed a case study. Args: ``user_id``, ``case_key`` (block usage id or a case
#: identifier), ``evidence_url`` (optional).
case_study_completed = Signal()

#: A learner's deliverable was completed (submitted and reviewed). Args: ``user_id``,
#: ``block_key``, ``course_key``, ``evidence_url`` (optional).
deliverable_completed = Signal()

#: A company collaboration project was completed. Args: ``user_id``, ``project_key``,
#: ``evidence_url`` (optional), ``evidence_narrative`` (optional).
collaboration_completed = Signal()

#: A learner's community contribution count changed. Args: ``user_id``, ``count`` (their
#: total accepted answers / posts, as the sender counts them), ``space_key`` (optional).
community_contribution = Signal()
