"""Pages of community_plugin."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import api


@login_required
def my_spaces(request):
    """The spaces the signed-in person belongs to."""
    return render(request, "community_plugin/spaces.html", {"spaces": api.spaces_of(request.user)})
