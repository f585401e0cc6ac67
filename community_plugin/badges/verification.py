"""Live verification of an award, as a remote verifier would do it with our published documents.

Each check is named and reports ok or a message: the OB 3.0 Data Integrity proof (key read from
the issuer's DID document), the VC-JWT (same), the OB 2.0 JWS (key read from the
``CryptographicKey`` the issuer Profile lists), the recipient hash, the status-list bit (the
status list's own proof checked too), and expiry.
"""

from __future__ import annotations

import dataclasses
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from . import dataintegrity, documents, documents_ob2, keys, ob2, statuslist, vcjwt
from .errors import BadgeError
from .models import RSA, Award


@dataclasses.dataclass(frozen=True)
class Check:
    name: str  # stable id: proof, jwt, ob2_jws, recipient, status, expiry
    label: str  # for people (translated)
    ok: bool
    message: str = ""  # for people (translated)
    detail: str = ""  # the technical reason (English, from the signing core), for the curious


class _Said(BadgeError):
    """A failure whose text is already written (translated) for people."""


@dataclasses.dataclass(frozen=True)
class VerificationResult:
    checks: list[Check]

    @property
    def valid(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def check(self, name: str) -> Check | None:
        return next((check for check in self.checks if check.name == name), None)


def _failure_messages():
    """What each check says to people when it fails for a technical reason (translated here,
    when the page's language is active)."""
    return {
        "proof": _(
            "The credential does not match its signature: it was changed, or it was not "
            "signed with a key the issuer publishes."
        ),
        "jwt": _("The VC-JWT does not match its signature or does not carry this credential."),
        "ob2_jws": _(
            "The signed Open Badges 2.0 assertion does not match its signature or the "
            "issuer's published key."
        ),
        "recipient": _("The badge does not name the person it was issued to."),
        "status": _("The issuer's status list could not be read or its signature is wrong."),
        "expiry": _("The validity period could not be read."),
    }


def _run(name, label, function) -> Check:
    try:
        message = function()
    except _Said as error:
        return Check(name, str(label), False, str(error))
    except (BadgeError, ValueError, KeyError, TypeError) as error:
        return Check(name, str(label), False, str(_failure_messages()[name]), str(error))
    return Check(name, str(label), True, message or "")


def verify(award: Award) -> VerificationResult:
    issuer = award.issuer
    resolve = documents.resolver(issuer)

    def proof():
        dataintegrity.verify(award.credential, resolver=resolve)
        expected = documents_ob2.links.credential(documents_ob2.base_url(), award.public_id)
        if award.credential.get("id") != expected:
            raise BadgeError("the credential id is not this award's")

    def jwt_form():
        header = vcjwt.unverified_header(award.credential_jwt)
        credential = vcjwt.verify(
            award.credential_jwt,
            resolver=lambda h: resolve(h.get("kid", "")),
            now=award.issued_on,
        )
        unsigned = {k: v for k, v in award.credential.items() if k != "proof"}
        if credential != unsigned:
            raise BadgeError("the VC-JWT carries another credential")
        return header.get("kid", "")

    def ob2_jws():
        token = award.ob2_jws
        payload = json.loads(keys._b64url_decode(token.split(".")[1]))  # noqa: SLF001
        creator = (payload.get("verification") or {}).get("creator")
        key = next(
            (k for k in issuer.keys.filter(kind=RSA) if k.url == creator),
            None,
        )
        if key is None:
            raise BadgeError("the signing key is not published by the issuer")
        public = ob2.key_of(documents_ob2.cryptographic_key(key), documents_ob2.profile(issuer))
        document = ob2.verify_signed(token, public, creator=creator, now=award.issued_on)
        if document.get("id") != documents_ob2.signed_assertion_id(award):
            raise BadgeError("the signed assertion is not this award's")
        return None

    def recipient():
        token = award.ob2_jws
        payload = json.loads(keys._b64url_decode(token.split(".")[1]))  # noqa: SLF001
        if not ob2.identity_matches(payload.get("recipient") or {}, award.recipient_email):
            raise BadgeError("the recipient hash does not match")

    def status():
        list_credential = documents.status_list_credential(issuer)
        dataintegrity.verify(list_credential, resolver=resolve)
        if statuslist.status(award.credential.get("credentialStatus") or {}, list_credential):
            reason = award.revocation_reason
            raise _Said(_("Revoked: %(reason)s") % {"reason": reason} if reason else _("Revoked."))

    def expiry():
        if award.expires is not None and award.expires <= timezone.now():
            raise _Said(_("Expired on %(date)s.") % {"date": award.expires.date()})

    return VerificationResult(
        [
            _run("proof", _("Open Badges 3.0 signature (Data Integrity)"), proof),
            _run("jwt", _("Open Badges 3.0 signature (VC-JWT)"), jwt_form),
            _run("ob2_jws", _("Open Badges 2.0 signature (JWS)"), ob2_jws),
            _run("recipient", _("Recipient"), recipient),
            _run("status", _("Not revoked"), status),
            _run("expiry", _("Not expired"), expiry),
        ]
    )
