"""The case-study XBlock (``dxq_case``) and its pure helpers.

``case.CaseStudyBlock`` is assembled from small mixins: ``fields`` (what is stored and in which
scope), ``views`` (learner and author views), ``handlers`` (learner JSON handlers), ``studio``
(the editor), ``scoring`` (grades and completion) and ``olx`` (export and import).
``content`` (clean and validate content) and ``skills_report`` hold the logic without XBlock.
"""
