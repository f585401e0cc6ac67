"""Root and per-role home pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .home import home_context


def root(request):
    """Send people to their home page, or to the login page."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    return redirect("login")


@login_required
def home(request):
    """Who this person is here, what they can do now, and links to it."""
    return render(request, "portal/home.html", home_context(request.user))
