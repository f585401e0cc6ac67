"""What a person's home page shows: who they are, and what they can do here now."""

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from casestudy_xblock import api as casestudy
from casestudy_xblock import roles

#: Functions ``(user, roles) -> [{"title", "text", "url"}]``, one per package, in this order.
DEFAULT_PROVIDERS = [
    "casestudy_xblock.api.home_links",
    "deliverable_xblock.api.home_links",
    "community_plugin.api.home_links",
    "community_plugin.discussions.api.home_links",
    "community_plugin.badges.api.home_links",
    "community_plugin.insights.api.home_links",
    "matching_plugin.api.home_links",
]


def _start_case_link(user):
    """Learners' first card: unit 1 of the demo case, in the workbench (standalone only:
    ``demo_case_url`` is None where the workbench is not mounted)."""
    url = casestudy.demo_case_url(user, unit=1)
    if not url:
        return []
    return [
        {
            "title": _("Start the case study"),
            "text": _(
                "Yamanami Seiko's DX, unit 1: look into a fictional manufacturer's data, answer "
                "the questions and see which skills you practise."
            ),
            "url": url,
        }
    ]


def _deliverable_link(user):
    """Learners' card: the demo deliverable (peer review), in the workbench as themselves."""
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch

    try:
        url = reverse("workbench_show_scenario", args=["dxq_deliverable.0"])
    except NoReverseMatch:
        return []
    student = urlencode({"student": casestudy.workbench_student_id(user)})
    return [
        {
            "title": _("Submit a deliverable and review your peers"),
            "text": _(
                "An issue map and improvement plan for Yamanami Seiko: submit it, review three "
                "peers' work with the rubric, and see your grade with its likely range."
            ),
            "url": f"{url}?{student}",
        }
    ]


def _demo_template_link(user):
    """Operators' card: the demo case (its first unit; the workbench lists all six), to try
    and to copy as a template."""
    url = casestudy.demo_case_url(user, unit=1)
    if not url:
        return []
    return [
        {
            "title": _("The demo case as a template"),
            "text": _(
                "Yamanami Seiko's DX: six units with data, questions and skills, listed in the "
                "workbench. Try them, then copy the case to write a new one "
                "(casestudy_xblock/demo)."
            ),
            "url": url,
        }
    ]


def _portal_links(user, user_roles):
    links = []
    if roles.LEARNER in user_roles:
        links = _start_case_link(user) + _deliverable_link(user)
    if roles.ADMINISTRATOR in user_roles:
        links.append(
            {
                "title": _("Administration"),
                "text": _("Accounts, roles, community spaces and organizations (Django admin)."),
                "url": reverse("admin:index"),
            }
        )
    if roles.ADMINISTRATOR in user_roles or roles.OPERATOR in user_roles:
        links.append(
            {
                "title": _("XBlock workbench"),
                "text": _("Try course blocks here before placing them in units in Studio."),
                "url": reverse("workbench_index"),
            }
        )
        links.extend(_demo_template_link(user))
    return links


def home_context(user):
    """The roles of ``user`` (translated) and the links they can use now."""
    user_roles = roles.roles_of(user)
    links = _portal_links(user, user_roles)
    for path in getattr(settings, "DXQ_HOME_LINK_PROVIDERS", DEFAULT_PROVIDERS):
        links.extend(import_string(path)(user, user_roles))
    role_cards = [
        {"code": code, "label": _(roles.ROLES[code].label), "summary": _(roles.ROLES[code].summary)}
        for code in user_roles
    ]
    return {"roles": role_cards, "links": links}
