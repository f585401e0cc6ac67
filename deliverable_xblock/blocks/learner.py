"""The learner's view and the handlers of their own work: draft, files, submission, downloads.

Every handler finds the learner first (:func:`identity.participant`: signed in, enrolled) and
keeps what they typed when it refuses: the draft is saved before the submission is checked.
"""

import logging
from urllib.parse import quote

import nh3
from django.utils import timezone
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock

from casestudy_xblock.text import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    REMOVED_WITH_CONTENT,
    URL_SCHEMES,
)

from .. import api, platform
from ..errors import DeliverableError
from ..files import FileRejected
from . import identity, messages, render, uploads
from .handlers import HandlerError, guarded, guarded_raw

log = logging.getLogger(__name__)

#: Learners' HTML: the author allowlist without images (nothing a learner writes loads anything).
LEARNER_TAGS = set(ALLOWED_TAGS) - {"img"}
LEARNER_ATTRIBUTES = {t: set(a) for t, a in ALLOWED_ATTRIBUTES.items() if t != "img"}
MAX_HTML = 200_000
SHA256_LENGTH = 64


def clean_answer(html):
    """A learner's rich text made safe (nh3 allowlist), or HandlerError when it is too long."""
    if not isinstance(html, str):
        raise HandlerError("bad_request")
    if len(html) > MAX_HTML:
        raise HandlerError("answer_too_long", 200)
    return nh3.clean(
        html,
        tags=LEARNER_TAGS,
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=LEARNER_ATTRIBUTES,
        link_rel="noopener noreferrer",
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )


def is_blank(html):
    """True when the answer has no text (only tags and spaces)."""
    return not nh3.clean(html or "", tags=set()).replace("&nbsp;", "").strip()


class LearnerMixin:
    """student_view, save_draft, upload_file, remove_file, submit_work and download."""

    def student_view(self, context=None):
        return self.render_learner(preview=False)

    def js_strings(self):
        _ = self.gettext
        return {
            "saving": _("Saving your draft…"),
            "saved": _("Draft saved at %(time)s."),
            "notSaved": _("Your draft could not be saved. Keep this page open and try again."),
            "networkError": _(
                "The server could not be reached. Nothing you typed is lost; try again."
            ),
            "uploading": _("Uploading %(name)s…"),
            "uploaded": _("%(name)s is attached."),
            "submitting": _("Submitting…"),
            "submitted": _("Submitted. Thank you!"),
            "leaseLeft": _("Time left for this review: %(minutes)s min %(seconds)s s"),
            "leaseExpired": _(
                "Your time for this review ran out. Submit it anyway: it is kept if the work "
                "still needs a review; otherwise ask for a new one."
            ),
            "leaseSoon": _("Five minutes left for this review."),
            "sent": _("Thank you. Your review was submitted."),
            "rated": _("You rated this review %(n)s of 5."),
            "flagged": _("You reported this review. The course team will look at it."),
            "chooseRating": _(messages.ERRORS["bad_rating"]),
            "chooseReason": _(messages.ERRORS["bad_reason"]),
            "heading": _("Heading"),
            "chooseFile": _("Choose a file to attach."),
        }

    def render_learner(self, preview=False):
        user = None if preview else identity.current_user(self)
        if user is not None:
            self.ensure_engine()
            self.publish_from_engine(user)
        context = render.page_context(self, preview=preview, user=user)
        if user is not None:
            context["sections"] = {
                "work": render.render_section(self, "work", context["work"]),
                "review": render.render_section(self, "review", context["review"]),
                "received": render.render_section(self, "received", context["received"]),
                "grade": render.render_section(self, "grade", context["grade_section"]),
            }
        html = render.loader.render_django_template(
            f"{render.TEMPLATES}student.html",
            context,
            i18n_service=self.runtime.service(self, "i18n"),
        )
        fragment = Fragment(html)
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/shared/case.css"))
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/css/deliverable.css"))
        fragment.add_javascript_url(
            self.runtime.local_resource_url(self, "public/js/deliverable.js")
        )
        fragment.initialize_js(
            "DxqDeliverableStudent",
            {"preview": preview, "signedIn": user is not None, "strings": self.js_strings()},
        )
        return fragment

    # --- helpers -------------------------------------------------------------------------------

    def engine_key(self):
        return identity.block_key(self)

    def deadline_at(self):
        from .studio import deadline_of

        return deadline_of(self)

    def ensure_engine(self):
        """Give the engine this block's settings and rubric when it lacks them (a block
        imported from OLX or shown in the workbench was never saved in Studio)."""
        key = self.engine_key()
        conf = api.settings_of(key)
        wanted = {
            "required_reviews": self.required_reviews,
            "lease_minutes": self.lease_minutes,
            "target_hours": self.target_hours,
            "give_to_get": self.give_to_get,
            "team_mode": self.team_mode,
            "deadline": self.deadline_at(),
        }
        stale = not conf.pk or any(getattr(conf, k) != v for k, v in wanted.items())
        if stale or api.current_rubric(key) is None:
            try:
                self.sync_engine()
            except DeliverableError:  # an imported rubric the engine refuses: say so, not crash
                log.exception("The rubric of %s could not be published", key)

    def require_rubric(self):
        if not (self.rubric or {}).get("criteria") or api.current_rubric(self.engine_key()) is None:
            raise HandlerError("no_rubric", 200)

    def participant(self):
        return identity.participant(self)

    def open_for_work(self):
        deadline = self.deadline_at()
        if deadline is not None and timezone.now() > deadline:
            raise HandlerError("deadline_passed", 200, self.gettext("The deadline has passed."))

    def current_files(self, user):
        """The text and files the learner is working on: their draft, or the (team's)
        submission when it is newer."""
        submission = api.submission_of(self.engine_key(), user)
        draft = render.current_draft(api.draft_of(self.engine_key(), user), submission)
        if draft is not None:
            return draft["text_html"], list(draft["files"])
        if submission is not None:
            return submission.text_html, list(submission.files)
        return "", []

    def sections(self, user, *names):
        """``{name: html}`` of the named sections, freshly rendered for ``user``."""
        builders = {
            "work": lambda: render.work_context(self, user, self.deadline_at()),
            "review": lambda: render.review_context(self, user),
            "received": lambda: render.received_context(self, user),
            "grade": lambda: render.grade_context(self, user),
        }
        return {name: render.render_section(self, name, builders[name]()) for name in names}

    def saved_text(self, saved):
        when = timezone.localtime(saved).strftime("%H:%M") if saved else ""
        return self.gettext("Draft saved at %(time)s.") % {"time": when}

    # --- handlers ------------------------------------------------------------------------------

    @guarded
    def save_draft(self, data, suffix=""):
        """Autosave ``{"text": html}`` (the files stay as they are)."""
        user = self.participant()
        text = clean_answer(data.get("text", ""))
        self.open_for_work()
        _old, files = self.current_files(user)
        draft = api.save_draft(self.engine_key(), user, text, files)
        return {"ok": True, "status": self.saved_text(draft["saved"])}

    @guarded_raw
    def upload_file(self, request, suffix=""):
        """Attach one file (multipart ``file``; ``text`` keeps the draft's text in step)."""
        user = self.participant()
        self.open_for_work()
        text, files = self.current_files(user)
        if "text" in request.POST:
            text = clean_answer(request.POST.get("text", ""))
        upload = request.POST.get("file")
        name = getattr(upload, "filename", "") or ""
        if len(files) >= self.max_files:
            raise HandlerError("too_many_files", 200)
        limit = int(self.max_file_mb) * 1024 * 1024
        try:
            record = uploads.store_upload(upload, limit)
        except FileRejected as refused:
            message = messages.file_message(refused.code, self.gettext, name, limit)
            api.save_draft(self.engine_key(), user, text, files)  # what was typed is kept
            raise HandlerError(refused.code, 200, message) from refused
        files = [f for f in files if f.get("sha256") != record["sha256"]] + [record]
        draft = api.save_draft(self.engine_key(), user, text, files)
        return {
            "ok": True,
            "status": self.saved_text(draft["saved"]),
            "message": self.gettext("%(name)s is attached.") % {"name": record["name"]},
            "sections": self.sections(user, "work"),
        }

    @guarded
    def remove_file(self, data, suffix=""):
        """Detach ``{"sha256": hex, "text": html}`` from the draft."""
        user = self.participant()
        self.open_for_work()
        sha256 = data.get("sha256")
        text, files = self.current_files(user)
        if "text" in data:
            text = clean_answer(data.get("text", ""))
        kept = [f for f in files if f.get("sha256") != sha256]
        if len(kept) == len(files):
            raise HandlerError("unknown_file", 200)
        api.save_draft(self.engine_key(), user, text, kept)
        return {"ok": True, "sections": self.sections(user, "work")}

    @guarded
    def submit_work(self, data, suffix=""):
        """Submit ``{"text": html}`` with the attached files (a new version when resubmitting)."""
        user = self.participant()
        text = clean_answer(data.get("text", ""))
        _old, files = self.current_files(user)
        key = self.engine_key()
        self.ensure_engine()
        self.require_rubric()
        if is_blank(text) and not files:
            raise HandlerError("empty_answer", 200)
        if self.team_mode and not platform.team_of(user, identity.course_key(self)):
            raise HandlerError("no_team", 200)
        self.open_for_work()
        api.save_draft(key, user, text, files)  # kept if the engine refuses
        api.submit(key, identity.course_key(self), user, text_html=text, files=files)
        return {
            "ok": True,
            "message": self.gettext("Submitted. Thank you!"),
            "sections": self.sections(user, "work", "review", "grade"),
        }

    @guarded
    def refresh(self, data, suffix=""):
        """``{"sections": [names]}`` again (all when not given): to see new reviews."""
        user = self.participant()
        names = data.get("sections", list(render.SECTIONS))
        if not isinstance(names, list) or not set(names) <= set(render.SECTIONS):
            raise HandlerError("bad_request")
        self.publish_from_engine(user)
        return {"ok": True, "sections": self.sections(user, *names)}

    @XBlock.handler
    def download(self, request, suffix=""):
        """A file by ``own/<sha256>`` (the learner's draft or submission) or
        ``a/<assignment id>/<sha256>`` (the work the learner is reviewing now)."""
        try:
            user = self.participant()
        except HandlerError as error:
            return Response(status=error.status)
        record = self.file_for(user, suffix.split("/"))
        handle = uploads.open_stored(record) if record else None
        if handle is None:
            return Response(status=404)
        response = Response(app_iter=_chunks(handle))
        response.content_type = record.get("content_type") or "application/octet-stream"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "sandbox"
        name = record.get("download_name") or record.get("name") or "file"
        response.content_disposition = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
        return response

    def file_for(self, user, parts):
        """The file record ``parts`` names, if this learner may read it; else None."""
        sha256 = parts[-1] if parts else ""
        if len(sha256) != SHA256_LENGTH:
            return None
        if parts[0] == "own" and len(parts) == 2:
            key = self.engine_key()
            draft = api.draft_of(key, user) or {"files": []}
            submission = api.submission_of(key, user)
            candidates = list(draft["files"]) + (list(submission.files) if submission else [])
            return next((f for f in candidates if f.get("sha256") == sha256), None)
        if parts[0] == "a" and len(parts) == 3:
            live = api.current_assignment(self.engine_key(), user)
            if live is None or str(live.id) != parts[1]:
                return None
            for index, record in enumerate(live.files, start=1):
                if record.get("sha256") == sha256:
                    ext = (record.get("name") or "").rsplit(".", 1)[-1].lower()
                    return {**record, "download_name": f"attachment-{index}.{ext}"}
        return None


def _chunks(handle):
    try:
        while chunk := handle.read(65536):
            yield chunk
    finally:
        handle.close()
