"""Tutor plugin for DX Quest (the ``openedx-dx-quest`` distribution).

A single-file Tutor plugin; only Tutor loads it. Install and enable it with::

    tutor plugins install ./conf/tutor/dxquest.py    # copies it to `tutor plugins printroot`
    tutor plugins enable dxquest
    tutor images build openedx
    tutor local launch

What it does:

- pip-installs ``DXQUEST_PIP_REQUIREMENT`` into the ``openedx`` image (LMS, Studio and their
  Celery workers). The plugin framework then finds our three apps through their
  ``lms.djangoapp`` / ``cms.djangoapp`` entry points: apps, settings, URLs under ``/dxq/`` and
  signal receivers are added with no edit to edx-platform.
- Writes the ``DXQUEST_*`` Tutor settings into the LMS and Studio settings as ``DXQ_*``.
- Adds an init task that applies our migrations (``tutor local do init`` and ``launch``).

Not yet exercised against a running Tutor (see README.md beside this file).
"""

from tutor import hooks

# Tutor settings (``tutor config save --set KEY=VALUE``). Each default equals the app's own default
# in <package>/settings/common.py, so enabling the plugin changes nothing until a value is set.
hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        # What pip installs: a name and version from your index ("openedx-dx-quest==0.1.0"),
        # a wheel URL, or "openedx-dx-quest @ git+https://<host>/<repo>.git@<tag>".
        ("DXQUEST_PIP_REQUIREMENT", "openedx-dx-quest"),
        # Edition of the DX Promotion Skill Standard used by tags and reports: "v1" or "v2".
        ("DXQUEST_SKILL_STANDARD_EDITION", "v1"),
        # Slug of the program-wide community space every enrolled learner joins.
        ("DXQUEST_COMMUNITY_PROGRAM_SPACE_SLUG", "program"),
        # Hours a week a talent promises for the company collaboration (PROGRAM.md: 6+).
        ("DXQUEST_MATCHING_MIN_TALENT_HOURS_PER_WEEK", 6),
    ]
)

hooks.Filters.ENV_PATCHES.add_items(
    [
        # Runs after the image's own Python requirements, inside its virtualenv.
        (
            "openedx-dockerfile-post-python-requirements",
            "RUN pip install '{{ DXQUEST_PIP_REQUIREMENT }}'",
        ),
        # Python appended to the LMS and Studio settings after edx-platform has applied our
        # plugin_settings (common, then production or devstack), so these values win.
        (
            "openedx-common-settings",
            """
# DX Quest (conf/tutor/dxquest.py)
DXQ_SKILL_STANDARD_EDITION = "{{ DXQUEST_SKILL_STANDARD_EDITION }}"
DXQ_COMMUNITY_PROGRAM_SPACE_SLUG = "{{ DXQUEST_COMMUNITY_PROGRAM_SPACE_SLUG }}"
DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK = {{ DXQUEST_MATCHING_MIN_TALENT_HOURS_PER_WEEK }}
""",
        ),
    ]
)

# Tutor's own LMS init task already runs every migration; this names ours so that a failure
# points at DX Quest. LMS and Studio share one database, so the LMS container is enough.
hooks.Filters.CLI_DO_INIT_TASKS.add_item(
    (
        "lms",
        """
echo "DX Quest: applying migrations of dxq_casestudy, dxq_community and dxq_matching"
./manage.py lms migrate dxq_casestudy
./manage.py lms migrate dxq_community
./manage.py lms migrate dxq_matching
""",
    )
)
