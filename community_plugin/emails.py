"""Emails of the community: one notification, the weekly digest; one-click unsubscribe in each.

Every message is plain text + HTML in the recipient's language (Japanese first), carries a
signed unsubscribe link that works without logging in, and the List-Unsubscribe and
List-Unsubscribe-Post (RFC 8058) headers so mail programs can offer one-click unsubscribe.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import delivery, platform
from .errors import BadToken

_SALT = "dxq.community.unsubscribe"


def unsubscribe_token(user_id, kind):
    """A signed token saying "stop emailing ``kind`` to this person" (no expiry, no login)."""
    return signing.dumps({"u": int(user_id), "k": kind}, salt=_SALT, compress=False)


def read_token(token):
    """``(user_id, kind)`` from a token; :class:`BadToken` when it was altered or is unknown."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature as error:
        raise BadToken(str(error)) from error
    if not isinstance(data, dict) or data.get("k") not in delivery.KINDS:
        raise BadToken("unknown kind")
    return int(data["u"]), data["k"]


def absolute(path):
    """A full URL for links in emails."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.DXQ_COMMUNITY_SITE_URL.rstrip("/") + path


def unsubscribe_url(user_id, kind):
    return absolute(reverse("dxq_community:unsubscribe", args=[unsubscribe_token(user_id, kind)]))


def _message(user, kind, subject, template, context):
    language = platform.preferred_language(user)
    with translation.override(language):
        link = unsubscribe_url(user.pk, kind)
        context = {
            **context,
            "recipient_name": platform.display_name(user),
            "unsubscribe_url": link,
            "preferences_url": absolute(reverse("dxq_community:preferences")),
            "kind_label": str(dict(_kind_labels()).get(kind, kind)),
            "LANGUAGE_CODE": language,
        }
        text = render_to_string(f"community_plugin/email/{template}.txt", context)
        html = render_to_string(f"community_plugin/email/{template}.html", context)
        subject = f"[{_('Manabi DX Quest')}] {subject}"
    message = EmailMultiAlternatives(
        subject=" ".join(str(subject).split()),
        body=text,
        from_email=settings.DXQ_COMMUNITY_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _kind_labels():
    from .models.notifications import KIND_CHOICES

    return KIND_CHOICES


def notification_message(notification):
    """The email for one notification, or None when the person has no address."""
    user = notification.user
    if not user.email:
        return None
    language = platform.preferred_language(user)
    with translation.override(language):
        context = {
            "notification": notification,
            "actor_name": platform.display_name(notification.actor) if notification.actor else "",
            "url": absolute(notification.url) if notification.url else "",
        }
        return _message(user, notification.kind, notification.title, "notification", context)


def digest_message(user, digest):
    """The weekly digest email for ``user`` (see :mod:`.digest`), or None without an address."""
    if not user.email:
        return None
    language = platform.preferred_language(user)
    with translation.override(language):
        subject = _("Your weekly community digest")
        return _message(user, delivery.DIGEST, subject, "digest", {"digest": digest})
