"""URLs shaped like edx-platform's ``lms/urls.py``: plugin URLs only."""

from edx_django_utils.plugins import get_plugin_url_patterns

urlpatterns = [*get_plugin_url_patterns("lms.djangoapp")]
