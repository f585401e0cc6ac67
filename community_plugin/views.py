"""Pages of community_plugin: spaces and their study sessions.

Every page checks who may see it: spaces a person may not read answer 404 (their existence is
not revealed); actions by the wrong person answer 403. Notifications: :mod:`.notification_views`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import api, study_sessions
from .errors import CommunityError, NotAllowed
from .forms import StudySessionForm
from .models import Membership, Rsvp, StudySession


def _readable_space(user, slug):
    space = api.space_by_slug(slug)
    if space is None or not api.can_read(user, space):
        raise Http404(_("No such space."))
    return space


def _readable_session(user, pk):
    session = get_object_or_404(StudySession.objects.select_related("space", "host"), pk=pk)
    if not api.can_read(user, session.space):
        raise Http404(_("No such study session."))
    return session


@login_required
def my_spaces(request):
    """The spaces the signed-in person may read, with member counts."""
    spaces = (
        api.visible_spaces(request.user)
        .annotate(member_count=Count("memberships"))
        .order_by("kind", "name")
    )
    return render(request, "community_plugin/spaces.html", {"spaces": list(spaces)})


@login_required
def space_page(request, slug):
    """One space: its members, community masters, upcoming and past study sessions."""
    space = _readable_space(request.user, slug)
    memberships = (
        Membership.objects.filter(space=space, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__username")  # masters first
    )
    members = [
        {"name": api.platform.display_name(m.user), "master": m.role == Membership.MASTER}
        for m in memberships
    ]
    now = timezone.now()
    return render(
        request,
        "community_plugin/space.html",
        {
            "space": space,
            "members": members,
            "upcoming": list(study_sessions.upcoming(space, now)),
            "past": list(study_sessions.past(space, now)[:20]),
            "can_create": study_sessions.can_create(request.user, space),
            "is_master": api.is_community_master(request.user, space),
        },
    )


@login_required
def session_new(request, slug):
    """Create a study session (community masters, operators and staff)."""
    space = _readable_space(request.user, slug)
    if not study_sessions.can_create(request.user, space):
        raise PermissionDenied(_("Only community masters and operators can create study sessions."))
    form = StudySessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = study_sessions.create(
            space,
            request.user,
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            meeting_url=data["meeting_url"],
            capacity=data["capacity"],
        )
        messages.success(request, _("The study session was created."))
        return redirect("dxq_community:session", pk=session.pk)
    return render(
        request,
        "community_plugin/session_form.html",
        {"space": space, "form": form},
        status=400 if form.errors else 200,
    )


def session_context(user, session):
    """What the session page (and its API) shows to ``user``."""
    now = timezone.now()
    managing = study_sessions.can_manage(user, session)
    context = {
        "session": session,
        "space": session.space,
        "host_name": api.platform.display_name(session.host),
        "starts_local": study_sessions.local_time(session.starts_at),
        "ends_local": study_sessions.local_time(session.ends_at),
        "counts": study_sessions.counts(session),
        "my_answer": study_sessions.answer_of(user, session),
        "can_answer": study_sessions.can_answer(user, session)
        and not session.cancelled
        and session.ends_at >= now,
        "show_link": study_sessions.can_see_link(user, session),
        "can_manage": managing,
        "started": session.starts_at <= now,
        "statuses": Rsvp.STATUS_CHOICES,
    }
    if managing and session.starts_at <= now:
        present = study_sessions.attendees(session)
        answers = dict(session.rsvps.values_list("user_id", "status"))
        labels = dict(Rsvp.STATUS_CHOICES)
        context["roll"] = [
            {
                "id": person.pk,
                "name": api.platform.display_name(person),
                "present": person.pk in present,
                "answer": labels.get(answers.get(person.pk), ""),
            }
            for person in study_sessions.invitees(session)
        ]
    return context


@login_required
def session_page(request, pk):
    """A study session: time in Japan time, RSVP buttons, link for members, attendance."""
    session = _readable_session(request.user, pk)
    return render(request, "community_plugin/session.html", session_context(request.user, session))


@login_required
@require_POST
def session_rsvp(request, pk):
    """Answer going / interested / not going; a full session says so and changes nothing."""
    session = _readable_session(request.user, pk)
    status = request.POST.get("status", "")
    if status not in dict(Rsvp.STATUS_CHOICES):
        messages.error(request, _("Choose going, interested or not going."))
        return redirect("dxq_community:session", pk=pk)
    try:
        study_sessions.answer(session, request.user, status)
    except NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your answer was saved."))
    return redirect("dxq_community:session", pk=pk)


@login_required
@require_POST
def session_attendance(request, pk):
    """The host, a community master or an operator records who came."""
    session = _readable_session(request.user, pk)
    try:
        count = study_sessions.take_attendance(
            session, request.user, request.POST.getlist("present")
        )
    except NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except (CommunityError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
    return redirect("dxq_community:session", pk=pk)


@login_required
@require_POST
def session_followup(request, pk):
    """Open the follow-up thread for notes (in discussions) and go there."""
    session = _readable_session(request.user, pk)
    if not study_sessions.can_manage(request.user, session):
        raise PermissionDenied(_("Only the host, community masters and operators can do this."))
    from community_plugin.discussions.api import DiscussionError

    try:
        thread_id = study_sessions.create_followup_thread(session, request.user)
    except DiscussionError as error:
        messages.error(request, str(error))
        return redirect("dxq_community:session", pk=pk)
    return redirect("dxq_discussions:thread", pk=thread_id)


@login_required
@require_POST
def session_cancel(request, pk):
    """The host, a community master or an operator cancels; people who answered are told."""
    session = _readable_session(request.user, pk)
    try:
        study_sessions.cancel(session, request.user)
    except NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("The study session was cancelled; those who answered are told."))
    return redirect("dxq_community:session", pk=pk)


@login_required
def session_ics(request, pk):
    """The session as an iCalendar file (the meeting link only for members)."""
    session = _readable_session(request.user, pk)
    if not study_sessions.can_see_link(request.user, session):
        session.meeting_url = ""
    response = HttpResponse(
        study_sessions.ics_text(session), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="dxq-session-{session.pk}.ics"'
    return response
