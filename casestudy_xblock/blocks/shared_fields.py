"""What the fields of both blocks (``dxq_case``, ``dxq_deliverable``) are made of.

``_`` only marks a word for ``makemessages``: the block translates it (through the runtime's
``i18n`` service) when it shows it. No Django here: the block classes load before settings in
some tools.
"""

from xblock.fields import Boolean, Float, Scope


def _(text):
    """Marks a string for translation; the block translates it when it shows it."""
    return text


def setting(kind, label, default, help_text=None):
    """A setting the author chooses in Studio (``Scope.settings``): ``kind`` is the field class,
    ``label`` its translatable ``display_name``."""
    return kind(display_name=label, help=help_text, default=default, scope=Scope.settings)


class PublishedGradeMixin:
    """Per learner: the grade and the completion last published to the LMS."""

    raw_earned = Float(help="Points earned, as last published", default=0.0, scope=Scope.user_state)
    raw_possible = Float(
        help="Points possible, as last published", default=0.0, scope=Scope.user_state
    )
    completed = Boolean(
        help="Whether completion was emitted", default=False, scope=Scope.user_state
    )
