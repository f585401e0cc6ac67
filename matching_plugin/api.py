"""The public Python API of matching_plugin. Views and other services call only this."""

from django.utils.translation import gettext as _

from casestudy_xblock import roles

from .models import Affiliation, Organization


def organization_of(user):
    """The organization ``user`` acts for, or None."""
    affiliation = (
        Affiliation.objects.select_related("organization__hub").filter(user_id=user.pk).first()
    )
    return affiliation.organization if affiliation else None


def affiliate(user, organization_name, kind, prefecture="", title="", hub=None):
    """Create (or update) an organization and make ``user`` act for it. Idempotent."""
    organization, _created = Organization.objects.update_or_create(
        name=organization_name, defaults={"kind": kind, "prefecture": prefecture, "hub": hub}
    )
    Affiliation.objects.update_or_create(
        user=user, defaults={"organization": organization, "title": title}
    )
    return organization


def home_links(user, user_roles):
    """Links this package adds to a person's home page (see conf.portal)."""
    from django.urls import reverse

    if roles.COMPANY in user_roles or roles.HUB in user_roles:
        return [
            {
                "title": _("My organization"),
                "text": _("Your company or hub as the program knows it, and who acts for it."),
                "url": reverse("dxq_matching:organization"),
            }
        ]
    return []
