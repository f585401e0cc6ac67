"""The public Python API of casestudy_xblock that other packages and views call."""

from django.urls import reverse
from django.utils.translation import gettext as _


def home_links(user, user_roles):
    """Links this package adds to a person's home page (see conf.portal)."""
    return [
        {
            "title": _("DX Promotion Skill Standard"),
            "text": _(
                "The skills every case study and badge is mapped to: talent types, roles and "
                "the common skill list."
            ),
            "url": reverse("dxq_casestudy:skills"),
        }
    ]
