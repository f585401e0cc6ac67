"""What a person's home page shows: who they are, and what they can do here now."""

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from casestudy_xblock import roles

#: Functions ``(user, roles) -> [{"title", "text", "url"}]``, one per package, in this order.
DEFAULT_PROVIDERS = [
    "casestudy_xblock.api.home_links",
    "community_plugin.api.home_links",
    "matching_plugin.api.home_links",
]


def _portal_links(user_roles):
    links = []
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
    return links


def home_context(user):
    """The roles of ``user`` (translated) and the links they can use now."""
    user_roles = roles.roles_of(user)
    links = _portal_links(user_roles)
    for path in getattr(settings, "DXQ_HOME_LINK_PROVIDERS", DEFAULT_PROVIDERS):
        links.extend(import_string(path)(user, user_roles))
    role_cards = [
        {"code": code, "label": _(roles.ROLES[code].label), "summary": _(roles.ROLES[code].summary)}
        for code in user_roles
    ]
    return {"roles": role_cards, "links": links}
