"""``dxq_deliverable``: learners submit a deliverable and review each other's, no instructors."""

import importlib.resources
import re

from xblock.core import XBlock
from xblock.exceptions import DisallowedFileError

from .fields import DeliverableFieldsMixin
from .learner import LearnerMixin
from .olx import OlxMixin
from .render import I18nMixin
from .reviewing import ReviewingMixin
from .scoring import ScoringMixin
from .studio import StudioMixin

#: The block's own CSS and JS.
RESOURCE = re.compile(r"^public/(css|js)/[a-z0-9_]+\.(css|js)$")
#: Files shared with the case block (its form engine and styles), served from casestudy_xblock.
SHARED = {
    "public/shared/case.css": ("casestudy_xblock", "css/case.css"),
    "public/shared/studio_form.js": ("casestudy_xblock", "js/studio_form.js"),
}


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class DeliverableBlock(
    DeliverableFieldsMixin,
    I18nMixin,
    ScoringMixin,
    LearnerMixin,
    ReviewingMixin,
    StudioMixin,
    OlxMixin,
    XBlock,
):
    """A deliverable (an issue map, an improvement plan, a proposal deck) with peer review:
    learners submit text and files, review their peers' work with a rubric aligned to DSS-P,
    rate the reviews they receive, and get a grade with its uncertainty."""

    block_settings_key = "dxq_deliverable"
    icon_class = "problem"
    has_author_view = True
    show_in_read_only_mode = True

    @classmethod
    def open_local_resource(cls, uri):
        """Serve ``public/{css,js}/<name>`` from ``deliverable_xblock/static/deliverable_xblock/``
        and the two shared files of the case block; nothing else."""
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8")
        if uri in SHARED:
            package, path = SHARED[uri]
        elif RESOURCE.match(uri):
            package, path = "deliverable_xblock", uri.removeprefix("public/")
        else:
            raise DisallowedFileError(f"Not a resource of dxq_deliverable: {uri!r}")
        base = importlib.resources.files(package).joinpath("static", package)
        return base.joinpath(path).open("rb")

    @staticmethod
    def workbench_scenarios():
        """An individual and a team deliverable about the demo case."""
        from .scenarios import scenarios

        return scenarios()
