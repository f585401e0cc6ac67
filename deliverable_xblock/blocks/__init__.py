"""The deliverable XBlock (``dxq_deliverable``) and its helpers.

``deliverable.DeliverableBlock`` is assembled from small mixins: ``fields`` (what is stored),
``learner`` (the learner's view and its JSON handlers: drafts, files, submission),
``reviewing`` (review a peer's work, rate what you received, the grade), ``studio`` (the editor
with the rubric), ``scoring`` (grades and completion) and ``olx`` (export and import).
``content`` (clean and validate content) holds the logic without Django or XBlock; the checks of
uploaded files are ``deliverable_xblock.files``.
"""
