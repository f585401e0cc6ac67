"""Pages for people: "My badges" (the learner's awards, downloads, LinkedIn, privacy) and the
public verification page of one award.

The verification page re-verifies the award on every request (``api.verify_award``: proof,
VC-JWT, OB 2.0 JWS, recipient hash, status-list bit, expiry) and is never cached, so a
revocation shows on the next load. A private award's page answers 404 to everyone but its
recipient and staff (``api.public_award``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from casestudy_xblock import skills, text
from casestudy_xblock.platform import display_name

from . import api, links
from .models import Award, base_url

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def _lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def status_of(award: Award, result=None) -> str:
    """``revoked``, ``expired``, ``invalid`` (a check failed) or ``valid``."""
    if award.is_revoked:
        return "revoked"
    if award.is_expired:
        return "expired"
    if result is not None and not result.valid:
        return "invalid"
    return "valid"


def _status_label(status: str) -> str:
    labels = {
        "valid": _("Valid"),
        "revoked": _("Revoked"),
        "expired": _("Expired"),
        "invalid": _("Could not be verified"),
    }
    return labels[status]


def linkedin_url(award: Award, lang: str) -> str:
    """LinkedIn's "add a licence or certification" link, pre-filled (the learner follows it;
    the page itself never calls LinkedIn)."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.badge_class.name(lang),
        "organizationName": award.issuer.name,
        "issueYear": award.issued_on.year,
        "issueMonth": award.issued_on.month,
    }
    if award.expires:
        params["expirationYear"] = award.expires.year
        params["expirationMonth"] = award.expires.month
    params["certUrl"] = award.verify_url
    params["certId"] = str(award.public_id)
    return f"{LINKEDIN_ADD}?{urlencode(params)}"


def downloads(award: Award) -> list[dict]:
    """The files a recipient can download, each ``{"label", "url", "filename"}``."""
    base, pid = base_url(), award.public_id
    short = f"{award.badge_class.slug}-{str(pid)[:8]}"
    items = [
        (_("Open Badges 2.0 image (PNG)"), links.assertion_baked(base, pid, "png"), "-ob2.png"),
        (_("Open Badges 2.0 image (SVG)"), links.assertion_baked(base, pid, "svg"), "-ob2.svg"),
        (_("Open Badges 2.0 assertion (JSON)"), links.assertion(base, pid), "-ob2.json"),
        (_("Open Badges 2.0 signed assertion (JWS)"), links.assertion_jws(base, pid), "-ob2.jws"),
        (_("Open Badges 3.0 image (PNG)"), links.credential_baked(base, pid, "png"), "-ob3.png"),
        (_("Open Badges 3.0 image (SVG)"), links.credential_baked(base, pid, "svg"), "-ob3.svg"),
        (_("Open Badges 3.0 credential (JSON)"), links.credential(base, pid), "-ob3.json"),
        (_("Open Badges 3.0 credential (VC-JWT)"), links.credential_jwt(base, pid), "-ob3.jwt"),
    ]
    return [
        {"label": label, "url": _local(url), "filename": short + suffix}
        for label, url, suffix in items
    ]


def _local(url: str) -> str:
    """``url`` without the configured origin: the page links to its own server, whatever host
    the visitor used (documents keep the absolute ids)."""
    origin = base_url().rstrip("/")
    return url[len(origin) :] if url.startswith(origin + "/") else url


def _alignment(skill_id: str, lang: str) -> dict | None:
    node = skills.find(skill_id)
    if node is None:
        return None
    query = urlencode({"q": getattr(node, "code", "") or node.id})
    return {
        "id": node.id,
        "code": getattr(node, "code", node.id),
        "name": node.name(lang),
        "name_lang": node.name_language(lang),
        "url": f"{reverse('dxq_casestudy:skills')}?{query}",
    }


@require_GET
@login_required
def my_badges(request):
    lang = _lang()
    rows = []
    for award in api.awards_of(request.user):
        status = status_of(award)
        rows.append(
            {
                "award": award,
                "name": award.badge_class.name(lang),
                "description": award.badge_class.description(lang),
                "image_url": _local(award.badge_class.image_url),
                "status": status,
                "status_label": _status_label(status),
                "verify_url": reverse("dxq_badges:verify", args=[award.public_id]),
                "downloads": downloads(award) if status != "revoked" else [],
                "linkedin_url": linkedin_url(award, lang) if status == "valid" else "",
            }
        )
    return render(request, "community_plugin/badges/mine.html", {"rows": rows})


@require_POST
@login_required
def set_privacy(request, public_id):
    """The recipient shows or hides one badge on its public verification page."""
    award = api.awards_of(request.user).filter(public_id=public_id).first()
    if award is None:
        raise Http404
    choice = request.POST.get("public")
    if choice not in ("0", "1"):
        messages.error(request, _("Choose whether the badge is public or private."))
        return redirect("dxq_badges:mine")
    api.set_public(award, request.user, choice == "1")
    name = award.badge_class.name(_lang())
    if choice == "1":
        messages.success(request, _("“%(name)s” is now public.") % {"name": name})
    else:
        messages.success(request, _("“%(name)s” is now private.") % {"name": name})
    return redirect("dxq_badges:mine")


@require_GET
@never_cache
def verify(request, public_id):
    try:
        award = api.public_award(public_id, viewer=request.user)
    except api.AwardNotFound as error:
        raise Http404 from error
    lang = _lang()
    result = api.verify_award(award)
    status = status_of(award, result)
    badge = award.badge_class
    alignments = [a for a in (_alignment(s, lang) for s in badge.skills or []) if a]
    context = {
        "award": award,
        "badge": badge,
        "issuer": award.issuer,
        "name": badge.name(lang),
        "description": badge.description(lang),
        "criteria_html": text.markdown_to_html(badge.criteria(lang), heading_offset=2),
        "evidence_html": text.markdown_to_html(award.evidence_narrative, heading_offset=2),
        "alignments": alignments,
        "recipient_name": display_name(award.recipient),
        "image_url": _local(badge.image_url),
        "image_absolute_url": badge.image_url,
        "page_absolute_url": award.verify_url,
        "status": status,
        "status_label": _status_label(status),
        "checks": result.checks,
        "checked_at": timezone.now(),
        "is_owner": request.user.is_authenticated and request.user.pk == award.recipient_id,
        "documents": [
            (_("Open Badges 2.0 assertion (JSON)"), _local(award.assertion_url)),
            (_("Open Badges 3.0 credential (JSON)"), _local(award.credential_url)),
        ],
    }
    response = render(request, "community_plugin/badges/verify.html", context)
    if not award.public:
        response["X-Robots-Tag"] = "noindex"
    return response
