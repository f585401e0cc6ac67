"""Pages of matching_plugin."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from casestudy_xblock import roles

from . import api, platform


@login_required
def my_organization(request):
    """The company or hub the signed-in company/hub user acts for."""
    user_roles = roles.roles_of(request.user)
    if roles.COMPANY not in user_roles and roles.HUB not in user_roles:
        raise PermissionDenied
    organization = api.organization_of(request.user)
    colleagues = [
        {"name": platform.display_name(affiliation.user), "title": affiliation.title}
        for affiliation in (
            organization.affiliations.select_related("user").order_by("user__username")
            if organization
            else []
        )
    ]
    companies = organization.companies.order_by("name") if organization else []
    return render(
        request,
        "matching_plugin/organization.html",
        {"organization": organization, "colleagues": colleagues, "companies": companies},
    )
