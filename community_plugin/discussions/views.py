"""Pages: spaces, a space's threads, a thread, the new-thread and edit forms, moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community_plugin import api as community

from . import access, moderation, posting, reactions, reading
from .errors import DiscussionError, Forbidden, Invalid, NotFound
from .forms import EditPostForm, EditThreadForm, FlagForm, ReplyForm, ThreadForm
from .models import Escalation, Post, Thread


def viewer(request):
    """The request's :class:`access.Viewer` (built once per request)."""
    if not hasattr(request, "_dxq_viewer"):
        request._dxq_viewer = access.Viewer(request.user)
    return request._dxq_viewer


def _space_or_404(request, slug):
    space = community.space_by_slug(slug)
    if space is None or not viewer(request).can_read(space):
        raise Http404(_("No such space."))
    return space


def _thread_or_404(request, pk):
    try:
        return access.get_thread(request.user, pk, viewer(request))
    except NotFound:
        raise Http404(_("No such thread.")) from None


def _mentions(form, space):
    """Let the text area suggest @mentions from the space (static/dxq_discussions/mentions.js)."""
    form.fields["body"].widget.attrs.update(
        {
            "data-dxq-mentions": reverse("dxq_discussions:api-space-mentions", args=[space.slug]),
            "data-dxq-mentions-label": _("People you can mention"),
        }
    )
    return form


def _form_error(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.shown(_))


@login_required
def index(request):
    """The spaces the person may read, with their thread counts, and a search over all."""
    spaces = list(
        viewer(request)
        .spaces()
        .annotate(thread_count=Count("dxq_threads"))
        .order_by("kind", "name")
    )
    filters = reading.Filters.from_query(request.GET)
    page = None
    if filters.q:
        page = reading.thread_list(viewer(request), None, filters, request.GET.get("page"))
    return render(
        request,
        "community_plugin/discussions/index.html",
        {"spaces": spaces, "filters": filters, "page": page},
    )


@login_required
def space_threads(request, slug):
    space = _space_or_404(request, slug)
    filters = reading.Filters.from_query(request.GET)
    page = reading.thread_list(viewer(request), [space.pk], filters, request.GET.get("page"))
    return render(
        request,
        "community_plugin/discussions/space.html",
        {
            "space": space,
            "page": page,
            "filters": filters,
            "kinds": Thread.KIND_CHOICES,
            "skill_groups": ThreadForm().fields["skills"].choices,
            "moderator": viewer(request).can_moderate(space),
        },
    )


@login_required
def new_thread(request, slug):
    space = _space_or_404(request, slug)
    form = _mentions(ThreadForm(request.POST or None, request.FILES or None), space)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = posting.create_thread(
                request.user,
                space,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                skills=data["skills"],
                files=data["attachments"],
            )
        except DiscussionError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your thread is posted."))
            return redirect("dxq_discussions:thread", thread.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "community_plugin/discussions/new_thread.html",
        {"space": space, "form": form},
        status=status,
    )


def _page(request, thread, reply_form=None, status=200):
    context = reading.thread_page(viewer(request), thread)
    context.update(
        reply_form=_mentions(reply_form or ReplyForm(), thread.space),
        flag_form=FlagForm(),
        spaces=(
            [s for s in viewer(request).spaces() if viewer(request).can_moderate(s)]
            if context["moderator"]
            else []
        ),
    )
    return render(request, "community_plugin/discussions/thread.html", context, status=status)


@login_required
def thread_view(request, pk):
    thread = _thread_or_404(request, pk)
    if request.method != "POST":
        return _page(request, thread)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            post = posting.reply(
                request.user,
                thread,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
            )
        except DiscussionError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(
                reverse("dxq_discussions:thread", args=[thread.pk]) + f"#post-{post.pk}"
            )
    return _page(request, thread, form, status=400)


def _post_of(request, thread):
    post_id = request.POST.get("post")
    if not post_id:
        return None
    post = Post.objects.filter(pk=post_id, thread=thread).select_related("author").first()
    if post is None:
        raise Http404(_("No such reply."))
    return post


ACTIONS = {
    "react": lambda r, t, p: reactions.toggle(r.user, t, p, r.POST.get("kind", "")),
    "accept": lambda r, t, p: reactions.accept(r.user, t, p),
    "unaccept": lambda r, t, p: reactions.accept(r.user, t, None),
    "follow": lambda r, t, p: posting.set_subscription(r.user, t, "follow"),
    "mute": lambda r, t, p: posting.set_subscription(r.user, t, "mute"),
    "unsubscribe": lambda r, t, p: posting.set_subscription(r.user, t, None),
    "hide": lambda r, t, p: moderation.hide(r.user, t, p, r.POST.get("note", "")),
    "restore": lambda r, t, p: moderation.restore(r.user, t, p, r.POST.get("note", "")),
    "dismiss": lambda r, t, p: moderation.dismiss(r.user, t, p, r.POST.get("note", "")),
    "pin": lambda r, t, p: moderation.set_pinned(r.user, t, True),
    "unpin": lambda r, t, p: moderation.set_pinned(r.user, t, False),
    "close": lambda r, t, p: moderation.set_closed(r.user, t, True),
    "reopen": lambda r, t, p: moderation.set_closed(r.user, t, False),
    "escalate": lambda r, t, p: moderation.escalate(r.user, t, p, r.POST.get("reason", "")),
}

#: Lazy: translated when shown, in the language of the person who clicked.
DONE = {
    "accept": gettext_lazy("The answer is accepted."),
    "flag": gettext_lazy("Thank you. A community master will look at it."),
    "hide": gettext_lazy("Hidden."),
    "restore": gettext_lazy("Restored."),
    "dismiss": gettext_lazy("The flags are dismissed."),
    "escalate": gettext_lazy("Sent to the operators."),
    "move": gettext_lazy("The thread is moved."),
}


@login_required
@require_POST
def thread_action(request, pk):
    """One button on the thread page (reaction, accept, follow, flag, moderation...)."""
    thread = _thread_or_404(request, pk)
    action = request.POST.get("action", "")
    post = _post_of(request, thread)
    try:
        if action == "flag":
            form = FlagForm(request.POST)
            if not form.is_valid():
                raise Invalid(_("Choose a reason."))
            moderation.flag(
                request.user, thread, post, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        elif action == "move":
            target = community.space_by_slug(request.POST.get("space", ""))
            if target is None:
                raise Invalid(_("Choose a space."))
            moderation.move(request.user, thread, target)
        elif action in ACTIONS:
            ACTIONS[action](request, thread, post)
        else:
            raise Invalid(_("Unknown action."))
    except Forbidden as error:
        raise PermissionDenied(error.shown(_)) from None
    except DiscussionError as error:
        messages.error(request, error.shown(_))
    else:
        if action in DONE:
            messages.success(request, str(DONE[action]))
    thread.refresh_from_db()
    hidden_from_me = thread.hidden and thread.author_id != request.user.pk
    if hidden_from_me and not viewer(request).can_moderate(thread.space):
        return redirect("dxq_discussions:space", thread.space.slug)
    anchor = f"#post-{post.pk}" if post else ""
    return redirect(reverse("dxq_discussions:thread", args=[thread.pk]) + anchor)


@login_required
def edit_thread(request, pk):
    thread = _thread_or_404(request, pk)
    if thread.author_id != request.user.pk:
        raise PermissionDenied
    initial = {"title": thread.title, "body": thread.body_md, "skills": thread.skills}
    form = EditThreadForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            posting.edit_thread(
                request.user,
                thread,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                skills=form.cleaned_data["skills"],
            )
        except DiscussionError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("dxq_discussions:thread", thread.pk)
    return render(
        request,
        "community_plugin/discussions/edit.html",
        {"thread": thread, "post": None, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def edit_post(request, pk):
    try:
        post = access.get_post(request.user, pk, viewer(request))
    except NotFound:
        raise Http404(_("No such reply.")) from None
    if post.author_id != request.user.pk:
        raise PermissionDenied
    form = EditPostForm(request.POST or None, initial={"body": post.body_md})
    if request.method == "POST" and form.is_valid():
        try:
            posting.edit_post(request.user, post, body=form.cleaned_data["body"])
        except DiscussionError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            url = reverse("dxq_discussions:thread", args=[post.thread_id])
            return redirect(f"{url}#post-{post.pk}")
    return render(
        request,
        "community_plugin/discussions/edit.html",
        {"thread": post.thread, "post": post, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def attachment(request, pk):
    """An attachment, for people who may read its thread (never shown inline unless an image)."""
    from .models import Attachment

    item = Attachment.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    thread = _thread_or_404(request, item.thread_id)
    if item.post_id and item.post.hidden and not viewer(request).can_moderate(thread.space):
        raise Http404
    from .files import KINDS

    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=not KINDS[item.kind].image,
        filename=item.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def moderation_queue(request):
    """Flagged items for community masters; also escalations for operators."""
    if not moderation.moderated_spaces(request.user):
        raise PermissionDenied
    if request.method == "POST":
        escalation = Escalation.objects.filter(pk=request.POST.get("escalation")).first()
        if escalation is None:
            raise Http404
        try:
            moderation.resolve(request.user, escalation, request.POST.get("resolution", ""))
        except Forbidden:
            raise PermissionDenied from None
        messages.success(request, _("The escalation is resolved."))
        return redirect("dxq_discussions:moderation")
    context = moderation.queue(request.user)
    context["log"] = moderation.log_for(request.user, limit=50)
    context["operator"] = access.is_operator(request.user)
    return render(request, "community_plugin/discussions/moderation.html", context)
