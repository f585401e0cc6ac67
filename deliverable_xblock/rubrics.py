"""Rubric shape and score validation. Pure (no Django): messages are English msgids that the
API translates when it raises.

A rubric: ``{"criteria": [{"id", "label", "prompt", "skills": [DSS-P ids], "feedback_only",
"options": [{"id", "label", "points", "explanation"}]}]}``.
"""


def _(text):
    return text


MSG_CHOOSE = _("Please choose an option.")
MSG_UNKNOWN = _("This option is not in the rubric.")
MSG_COMMENT = _("Please write your feedback.")


def normalise(rubric):
    """The criteria list of a rubric, checked and with defaults; raises ValueError (English)."""
    criteria = (rubric or {}).get("criteria")
    if not isinstance(criteria, list) or not criteria:
        raise ValueError("a rubric needs at least one criterion")
    seen = set()
    out = []
    for criterion in criteria:
        cid = str(criterion.get("id") or "").strip()
        if not cid or cid in seen:
            raise ValueError(f"criterion id missing or repeated: {cid!r}")
        seen.add(cid)
        feedback_only = bool(criterion.get("feedback_only"))
        options = []
        option_ids = set()
        for option in criterion.get("options") or []:
            oid = str(option.get("id") or "").strip()
            if not oid or oid in option_ids:
                raise ValueError(f"option id missing or repeated in {cid}: {oid!r}")
            option_ids.add(oid)
            try:
                points = float(option.get("points", 0))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"points of {cid}/{oid} must be a number") from exc
            if points < 0:
                raise ValueError(f"points of {cid}/{oid} must not be negative")
            options.append(
                {
                    "id": oid,
                    "label": option.get("label", oid),
                    "points": int(points) if points.is_integer() else points,
                    "explanation": option.get("explanation", ""),
                }
            )
        if not feedback_only and not options:
            raise ValueError(f"criterion {cid} needs options (or feedback_only)")
        out.append(
            {
                "id": cid,
                "label": criterion.get("label", cid),
                "prompt": criterion.get("prompt", ""),
                "skills": list(criterion.get("skills") or []),
                "feedback_only": feedback_only,
                "options": options,
            }
        )
    return out


def maxima(criteria):
    """{criterion id: highest points} of the scored criteria."""
    return {
        c["id"]: max(o["points"] for o in c["options"])
        for c in criteria
        if not c.get("feedback_only") and c["options"]
    }


def check_scores(criteria, scores, comments):
    """Validate a review: returns ({criterion id: points or None}, {criterion id: error msgid})."""
    scores = scores or {}
    comments = comments or {}
    points, errors = {}, {}
    for c in criteria:
        cid = c["id"]
        if c.get("feedback_only"):
            points[cid] = None
            if not str(comments.get(cid) or "").strip():
                errors[cid] = MSG_COMMENT
            continue
        chosen = scores.get(cid)
        if chosen in (None, ""):
            errors[cid] = MSG_CHOOSE
            continue
        option = next((o for o in c["options"] if o["id"] == str(chosen)), None)
        if option is None:
            errors[cid] = MSG_UNKNOWN
            continue
        points[cid] = option["points"]
    return points, errors
