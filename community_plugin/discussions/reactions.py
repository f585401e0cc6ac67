"""Reactions, accepted answers and "this worked for me"."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifying
from .errors import Forbidden, Invalid
from .models import Reaction, Thread

REACTION_KINDS = {code for code, _label in Reaction.KIND_CHOICES}


def toggle(user, thread, post, kind):
    """Add ``kind`` from ``user`` to the thread body (``post`` None) or a reply, or take it back.

    Returns True when the reaction is now there. Nobody reacts to their own text; "this worked
    for me" is for replies only.
    """
    if kind not in REACTION_KINDS:
        raise Invalid(_("Unknown reaction."), field="kind")
    target_author = post.author_id if post is not None else thread.author_id
    if target_author == user.pk:
        raise Forbidden(_("You cannot react to what you wrote."))
    if kind == Reaction.WORKED and post is None:
        raise Invalid(_("“This worked for me” is for replies."), field="kind")
    existing = Reaction.objects.filter(thread=thread, post=post, user=user, kind=kind)
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(thread=thread, post=post, user=user, kind=kind)
    except IntegrityError:  # a double click raced us
        pass
    return True


def accepted_answers_count(user_id, space):
    """How many of ``user_id``'s replies were accepted as the answer to someone else's question
    in ``space`` (visible ones only): their community contribution there."""
    from django.db.models import F

    return (
        Thread.objects.filter(
            space=space,
            hidden=False,
            accepted_post__author_id=user_id,
            accepted_post__hidden=False,
        )
        .exclude(author_id=F("accepted_post__author_id"))
        .count()
    )


def _announce_contribution(user_id, space):
    """Tell the badges rules (``community_contribution``) after the acceptance commits."""
    from community_plugin.badges import signals

    def send():
        signals.community_contribution.send(
            sender=None,
            user_id=user_id,
            count=accepted_answers_count(user_id, space),
            space_key=space.slug,
        )

    transaction.on_commit(send)


def accept(user, thread, post):
    """The asker accepts ``post`` as the answer (``post`` None takes the acceptance back)."""
    if thread.kind != Thread.QUESTION:
        raise Invalid(_("Only questions have an accepted answer."))
    if thread.author_id != user.pk:
        raise Forbidden(_("Only the person who asked can accept an answer."))
    if post is not None and (post.thread_id != thread.pk or post.hidden):
        raise Invalid(_("This reply cannot be accepted."))
    accepted_at = timezone.now() if post is not None else None
    Thread.objects.filter(pk=thread.pk).update(accepted_post=post, accepted_at=accepted_at)
    thread.accepted_post, thread.accepted_at = post, accepted_at
    if post is not None and post.author_id != thread.author_id:
        _announce_contribution(post.author_id, thread.space)
    if post is not None:
        notifying.send(
            [post.author_id],
            kind="accepted",
            actor=user,
            thread=thread,
            post=post,  # no text: the kind's label says it, in the reader's language when shown
        )
    return thread
