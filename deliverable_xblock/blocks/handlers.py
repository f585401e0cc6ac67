"""How the block's JSON handlers answer: refusals translated, the engine's errors included.

``{"ok": false, "code", "message"}`` (status 200) is something the learner can fix, and the page
keeps what they typed; ``{"error": message, "code"}`` with a 4xx status is a request that is
wrong in itself (not signed in, not enrolled, not theirs, malformed).
"""

import json
from collections.abc import Mapping

from webob import Response
from xblock.core import XBlock

from ..errors import DeliverableError, NotAllowed, NotFound, NotYourAssignment
from . import messages

#: Engine errors that are about the request, not something the learner can fix.
FORBIDDEN = (NotAllowed, NotYourAssignment)


class HandlerError(Exception):
    """A request the block cannot serve; ``code`` names the message (messages.ERRORS)."""

    def __init__(self, code, status=400, message=None, **extra):
        super().__init__(code)
        self.code, self.status, self.message, self.extra = code, status, message, extra


def json_response(result, status=200):
    return Response(
        json.dumps(result), status=status, content_type="application/json", charset="utf-8"
    )


def answer_error(block, error):
    """The JSON response for a :class:`HandlerError` or an engine error."""
    if isinstance(error, DeliverableError):
        status = (
            403 if isinstance(error, FORBIDDEN) else 404 if isinstance(error, NotFound) else 200
        )
        error = HandlerError(error.code, status, str(error.message), **_details(error))
    message = error.message or messages.error_message(error.code, block.gettext)
    if error.status == 200:
        return json_response({"ok": False, "code": error.code, "message": message, **error.extra})
    return json_response({"error": message, "code": error.code}, error.status)


def _details(error):
    errors = getattr(error, "errors", None)
    return {"errors": {str(k): str(v) for k, v in errors.items()}} if errors else {}


def guarded(method):
    """A POST handler with a JSON object body and a JSON answer; every refusal translated."""

    def wrapper(self, request, suffix=""):
        try:
            if request.method != "POST":
                raise HandlerError("bad_request", 405)
            try:
                data = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                data = None
            if not isinstance(data, Mapping):
                raise HandlerError("bad_request")
            return json_response(method(self, data, suffix))
        except (HandlerError, DeliverableError) as error:
            return answer_error(self, error)

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return XBlock.handler(wrapper)


def guarded_raw(method):
    """Like :func:`guarded` for handlers that read the request themselves (uploads)."""

    def wrapper(self, request, suffix=""):
        try:
            if request.method != "POST":
                raise HandlerError("bad_request", 405)
            return json_response(method(self, request, suffix))
        except (HandlerError, DeliverableError) as error:
            return answer_error(self, error)

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return XBlock.handler(wrapper)
