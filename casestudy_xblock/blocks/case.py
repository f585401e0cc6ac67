"""``dxq_case``: a case study unit with the company, its materials and data, and questions."""

import importlib.resources
import re

from xblock.core import XBlock
from xblock.exceptions import DisallowedFileError

from .fields import CaseFieldsMixin
from .handlers import LearnerHandlersMixin
from .olx import OlxMixin
from .render import I18nMixin
from .scoring import ScoringMixin
from .studio import StudioMixin
from .views import ViewsMixin

#: The only local resources the block serves: its own CSS and JS.
RESOURCE = re.compile(r"^public/(css|js)/[a-z0-9_]+\.(css|js)$")


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class CaseStudyBlock(
    CaseFieldsMixin,
    I18nMixin,
    ScoringMixin,
    ViewsMixin,
    LearnerHandlersMixin,
    StudioMixin,
    OlxMixin,
    XBlock,
):
    """A case-study unit (ADR 0008): content in Japanese and English, datasets read through
    the datasets engine, questions graded here and published as the unit's grade."""

    block_settings_key = "dxq_case"
    icon_class = "problem"
    has_author_view = True
    show_in_read_only_mode = True

    @classmethod
    def open_local_resource(cls, uri):
        """Serve ``public/{css,js}/<name>`` from ``casestudy_xblock/static/casestudy_xblock/``
        (the same files Django's staticfiles collects), nothing else."""
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8")
        if not RESOURCE.match(uri):
            raise DisallowedFileError(f"Not a resource of dxq_case: {uri!r}")
        path = uri.removeprefix("public/")
        base = importlib.resources.files("casestudy_xblock").joinpath("static", "casestudy_xblock")
        return base.joinpath(path).open("rb")

    @staticmethod
    def workbench_scenarios():
        """A short bilingual case with one question of each kind."""
        from .scenarios import scenarios

        return scenarios()
