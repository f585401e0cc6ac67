"""Open edX events out: ``BADGE_AWARDED`` and ``BADGE_REVOKED`` (openedx-events ``BadgeData``).

Sent after the transaction that made or revoked the award commits, so a receiver (or the event
bus) never sees an award that was rolled back. ``template.uuid`` is a stable UUID of the badge
class (UUID5 of its public URL), ``origin`` is ``dxq_badges``.
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction

from .models import Award

log = logging.getLogger(__name__)

ORIGIN = "dxq_badges"


def badge_data(award: Award):
    from openedx_events.learning.data import (  # noqa: PLC0415
        BadgeData,
        BadgeTemplateData,
        UserData,
        UserPersonalData,
    )

    user, badge = award.recipient, award.badge_class
    full_name = (user.get_full_name() or "").strip() if hasattr(user, "get_full_name") else ""
    return BadgeData(
        uuid=str(award.public_id),
        user=UserData(
            id=user.pk,
            is_active=bool(user.is_active),
            pii=UserPersonalData(username=user.get_username(), email=user.email, name=full_name),
        ),
        template=BadgeTemplateData(
            uuid=str(template_uuid(badge)),
            origin=ORIGIN,
            name=badge.name(award.language),
            description=badge.description(award.language),
            image_url=badge.image_url,
        ),
    )


def template_uuid(badge_class) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, badge_class.url)


def _send(signal_name: str, award: Award) -> None:
    from openedx_events.learning import signals  # noqa: PLC0415

    signal = getattr(signals, signal_name)
    try:
        signal.send_event(badge=badge_data(award))
    except Exception:  # a receiver elsewhere must not undo an award  # noqa: BLE001
        log.exception("Could not send %s for award %s", signal_name, award.public_id)


def badge_awarded(award: Award) -> None:
    transaction.on_commit(lambda: _send("BADGE_AWARDED", award))


def badge_revoked(award: Award) -> None:
    transaction.on_commit(lambda: _send("BADGE_REVOKED", award))
