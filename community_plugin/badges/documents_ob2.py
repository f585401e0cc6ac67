"""Open Badges 2.0 documents of our models: issuer Profile, BadgeClass, Assertion (hosted and
signed), CryptographicKey and RevocationList.

The signing side (:mod:`.issuing`) and the hosting views build the same documents from here,
so what was signed at issue and what is served agree. Ids and URLs come from :mod:`.links`.
"""

from __future__ import annotations

from . import links, ob2
from .models import RSA, Award, BadgeClass, Issuer, IssuerKey, base_url


def issuer_image_url(issuer: Issuer) -> str | None:
    return issuer.image.url if issuer.image else None


def profile(issuer: Issuer) -> dict:
    """The issuer ``Profile`` listing every published RSA key (active and retired)."""
    key_urls = [key.url for key in issuer.keys.filter(kind=RSA).order_by("created", "pk")]
    image = issuer_image_url(issuer)
    return ob2.profile(
        issuer.profile_url,
        issuer.name,
        issuer.url,
        email=issuer.email or None,
        description=issuer.description or None,
        image=_absolute(image) if image else None,
        public_key=key_urls or None,
        revocation_list=links.issuer_revocations(base_url(), issuer.slug),
    )


def skill_url(skill_id: str) -> str:
    """Where a reader finds a DSS-P skill (our skill standard page)."""
    return f"{base_url().rstrip('/')}/dxq/casestudy/skills/#{skill_id}"


def alignments(badge_class: BadgeClass, lang: str = "ja") -> list[dict]:
    from casestudy_xblock import skills  # noqa: PLC0415

    found = []
    for skill_id in badge_class.skills or []:
        node = skills.find(skill_id)
        if node is None:
            continue
        found.append(
            ob2.alignment(
                node.name(lang),
                skill_url(node.id),
                targetCode=node.id,
                targetFramework="DX推進スキル標準（DSS-P）"
                if not lang.startswith("en")
                else "DX Promotion Skill Standard (DSS-P)",
            )
        )
    return found


def badge_class(badge_class: BadgeClass, lang: str = "ja") -> dict:
    return ob2.badge_class(
        links.badge_class(base_url(), badge_class.slug, lang),
        badge_class.name(lang),
        badge_class.description(lang),
        badge_class.image_url,
        badge_class.issuer.profile_url,
        criteria_narrative=badge_class.criteria(lang),
        alignments=alignments(badge_class, lang) or None,
        tags=badge_class.tags or None,
    )


def _evidence(award: Award) -> list[dict] | None:
    if not (award.evidence_url or award.evidence_narrative):
        return None
    item = {"type": "Evidence"}
    if award.evidence_url:
        item["id"] = award.evidence_url
    if award.evidence_narrative:
        item["narrative"] = award.evidence_narrative
    return [item]


def signed_assertion_id(award: Award) -> str:
    return f"urn:uuid:{award.public_id}"


def assertion(award: Award, *, signed_by: IssuerKey | None = None) -> dict:
    """The hosted ``Assertion`` (at its URL), or with ``signed_by`` (an RSA key) the payload of
    the signed one (id ``urn:uuid:<public id>``, verification ``signed`` naming the key)."""
    badge = award.badge_class
    document = ob2.assertion(
        signed_assertion_id(award) if signed_by else award.assertion_url,
        links.badge_class(base_url(), badge.slug, award.language),
        ob2.hashed_identity(award.recipient_email, award.salt),
        issued_on=award.issued_on,
        signed_by=signed_by.url if signed_by else None,
        expires=award.expires,
        image=links.assertion_baked(base_url(), award.public_id, "png"),
        evidence=_evidence(award),
    )
    return document


def hosted_assertion(award: Award) -> dict:
    """What ``/assertions/<uuid>.json`` serves: the assertion, or its revoked copy."""
    document = assertion(award)
    if award.is_revoked:
        return ob2.revoked_copy(document, award.revocation_reason or None)
    return document


def cryptographic_key(key: IssuerKey) -> dict:
    return ob2.cryptographic_key(key.url, key.issuer.profile_url, key.public_key())


def revocation_list(issuer: Issuer) -> dict:
    """Every revoked award of ``issuer``, by its hosted and its signed id."""
    revoked = {}
    rows = Award.objects.filter(issuer=issuer, revoked_at__isnull=False).order_by("revoked_at")
    for public_id, reason in rows.values_list("public_id", "revocation_reason"):
        revoked[links.assertion(base_url(), public_id)] = reason or None
        revoked[f"urn:uuid:{public_id}"] = reason or None
    return ob2.revocation_list(
        links.issuer_revocations(base_url(), issuer.slug), issuer.profile_url, revoked
    )


def _absolute(url: str) -> str:
    return url if "://" in url else base_url().rstrip("/") + url
