"""Team spaces follow Open edX teams the moment someone joins or leaves.

Open edX sends no ``openedx_events`` event for team membership, but its teams app stores each
membership as a ``CourseTeamMembership`` row (``lms.djangoapps.teams.models``): creating one
(``CourseTeam.add_user``) and deleting one (leaving, removal by staff, a CSV upload of teams)
send Django's ``post_save`` / ``post_delete`` for that model. :func:`connect` listens to both
inside the LMS. The receivers stay light: after the commit they queue ``dxq.community.sync_team``,
which creates the team's space if its course has a space and reconciles that one team. The
six-hourly reconcile still catches anything missed (a bulk delete that bypasses signals, a
broker outage). Standalone there is no teams app and nothing is connected.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

log = logging.getLogger(__name__)

DISPATCH_JOINED = "dxq_community.team_membership_saved"
DISPATCH_LEFT = "dxq_community.team_membership_deleted"


def connect(membership_model):
    """Listen to ``membership_model`` (Open edX's ``CourseTeamMembership``); False without it."""
    if membership_model is None:
        return False
    post_save.connect(_saved, sender=membership_model, dispatch_uid=DISPATCH_JOINED, weak=False)
    post_delete.connect(_deleted, sender=membership_model, dispatch_uid=DISPATCH_LEFT, weak=False)
    return True


def disconnect(membership_model):
    post_save.disconnect(sender=membership_model, dispatch_uid=DISPATCH_JOINED)
    post_delete.disconnect(sender=membership_model, dispatch_uid=DISPATCH_LEFT)


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:  # only last_activity_at changes otherwise (memberships are immutable)
        _queue(instance)


def _deleted(sender, instance, **kwargs):
    _queue(instance)


def team_of(membership):
    """``(team_id, name, course_key)`` of a membership's team, or None when it is gone."""
    try:
        team = membership.team
        return str(team.team_id), str(team.name), str(team.course_id)
    except ObjectDoesNotExist:  # the team itself is being deleted: the reconcile tidies up
        return None
    except Exception:  # noqa: BLE001  (never fail the LMS's own save or delete)
        log.exception(
            "Could not read the team of membership %s: the reconcile will follow.", membership
        )
        return None


def _queue(membership):
    team = team_of(membership)
    if team is None:
        return
    from . import tasks

    tasks.queue_after_commit(tasks.sync_team, *team)
