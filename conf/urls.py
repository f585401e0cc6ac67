"""URLs of the standalone project: our plugins exactly as the LMS mounts them, plus the
workbench, Django admin, login/logout and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import URLResolver, include, path, re_path
from edx_django_utils.plugins import get_plugin_url_patterns

from conf.portal import views as portal_views


def workbench_patterns():
    """xblock-sdk's workbench URLs for signed-in people only, less its own copy of the Django
    admin (mounted below)."""
    from workbench import urls as workbench_urls

    patterns = []
    for pattern in workbench_urls.urlpatterns:
        if isinstance(pattern, URLResolver):
            continue  # the workbench's admin include
        pattern.callback = login_required(pattern.callback)
        patterns.append(pattern)
    return patterns


urlpatterns = [
    path("", portal_views.root, name="root"),
    path("home/", include("conf.portal.urls")),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    re_path(r"^workbench/", include(workbench_patterns())),
    *get_plugin_url_patterns("lms.djangoapp"),
]
