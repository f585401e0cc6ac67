"""Open Badges 3.0 ``OpenBadgeCredential`` documents (VC Data Model 2.0, OB context 3.0.3).

:func:`credential` builds the unsigned credential; sign it with
:func:`.dataintegrity.sign` (embedded ``eddsa-rdfc-2022`` proof) and/or :func:`.vcjwt.sign`
(VC-JWT). :func:`achievement` describes the badge; :func:`dss_alignment` aligns it with an item
of the DX Promotion Skill Standard (DSS-P) by the item's permanent id, e.g.
``dss-p/v1/BT-1-1`` (names come from :mod:`casestudy_xblock.skills`, pure Python too).
:func:`check` lists what a credential lacks before anything is signed.
"""

from __future__ import annotations

import datetime as dt
import uuid

from casestudy_xblock import skills

from . import dates
from .contexts import OB_V3P0, VC_V2

CONTEXT = [VC_V2, OB_V3P0]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
DSS_FRAMEWORK = {
    "ja": "DX推進スキル標準（DSS-P）",
    "en": "DX Promotion Skill Standard (DSS-P)",
}


def issuer_profile(
    issuer_id: str, name: str, *, url: str | None = None, email: str | None = None
) -> dict:
    """The issuer ``Profile``; ``issuer_id`` is an https URL or a DID (did:web, did:key)."""
    profile = {"id": issuer_id, "type": ["Profile"], "name": name}
    if url:
        profile["url"] = url
    if email:
        profile["email"] = email
    return profile


def dss_alignment(skill_id: str, target_url: str, lang: str = "ja") -> dict:
    """An ``Alignment`` with a DSS-P node (skill item, category, role...). ``targetCode`` is
    the node's permanent id (a bare code such as ``BT-1-1`` is read in the default edition).

    ``target_url`` is where a reader finds the item (e.g. our skill page). Raises
    :class:`casestudy_xblock.skills.UnknownSkill` for an id the standard does not have.
    """
    node = skills.get(skill_id)
    return {
        "type": ["Alignment"],
        "targetName": node.name(lang),
        "targetCode": node.id,
        "targetFramework": DSS_FRAMEWORK["en" if node.name_language(lang) == "en" else "ja"],
        "targetType": "ceasn:Competency",
        "targetUrl": target_url,
    }


def achievement(
    achievement_id: str,
    name: str,
    description: str,
    criteria_narrative: str,
    *,
    image_url: str | None = None,
    alignments: list[dict] | None = None,
    achievement_type: str | None = None,
    tags: list[str] | None = None,
    language: str | None = None,
) -> dict:
    document = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": name,
        "description": description,
        "criteria": {"narrative": criteria_narrative},
    }
    if image_url:
        document["image"] = {"id": image_url, "type": "Image"}
    if achievement_type:
        document["achievementType"] = achievement_type
    if alignments:
        document["alignment"] = list(alignments)
    if tags:
        document["tag"] = list(tags)
    if language:
        document["inLanguage"] = language
    return document


def credential(
    issuer: dict,
    subject_id: str,
    achievement_doc: dict,
    *,
    credential_id: str | None = None,
    name: str | None = None,
    valid_from: dt.datetime | str | None = None,
    valid_until: dt.datetime | str | None = None,
    credential_status: dict | None = None,
    evidence: list[dict] | None = None,
) -> dict:
    """An unsigned ``OpenBadgeCredential``. ``subject_id`` is the learner's DID or an opaque
    ``urn:uuid:`` (never an email in clear). ``credential_id`` defaults to a new urn:uuid."""
    start = dates.as_datetime(valid_from)
    document = {
        "@context": list(CONTEXT),
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": list(CREDENTIAL_TYPE),
        "issuer": issuer,
        "validFrom": dates.stamp(start),
    }
    if valid_until is not None:
        end = dates.as_datetime(valid_until)
        if end <= start:
            raise ValueError("validUntil must come after validFrom")
        document["validUntil"] = dates.stamp(end)
    document["name"] = name or achievement_doc["name"]
    document["credentialSubject"] = {
        "id": subject_id,
        "type": ["AchievementSubject"],
        "achievement": achievement_doc,
    }
    if credential_status is not None:
        document["credentialStatus"] = credential_status
    if evidence:
        document["evidence"] = list(evidence)
    return document


def check(document: dict) -> list[str]:
    """What an OpenBadgeCredential lacks (an empty list means the shape is right)."""
    problems = []
    if document.get("@context", [])[:2] != CONTEXT:
        problems.append("@context must start with the VC 2.0 and OB 3.0.3 contexts")
    if not set(CREDENTIAL_TYPE) <= set(document.get("type") or []):
        problems.append("type must include VerifiableCredential and OpenBadgeCredential")
    for field in ("id", "issuer", "validFrom", "name", "credentialSubject"):
        if not document.get(field):
            problems.append(f"{field} is missing")
    issuer = document.get("issuer")
    if isinstance(issuer, dict) and (
        not issuer.get("id") or "Profile" not in issuer.get("type", [])
    ):
        problems.append("issuer must be a Profile with an id")
    subject = document.get("credentialSubject")
    badge = (subject.get("achievement") if isinstance(subject, dict) else None) or {}
    if not badge.get("id"):
        problems.append("credentialSubject.achievement with an id is missing")
    for alignment in badge.get("alignment", []):
        if not alignment.get("targetName") or not alignment.get("targetUrl"):
            problems.append("every alignment needs targetName and targetUrl")
    return problems
