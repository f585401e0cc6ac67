"""Constants and helpers of the peer-review engine tests."""

BLOCK = "block-v1:DXQ+Peer+2026+type@dxq_deliverable+block@plan"
COURSE = "course-v1:DXQ+Peer+2026"

RUBRIC = {
    "criteria": [
        {
            "id": f"c{i}",
            "label": f"Criterion {i}",
            "prompt": "",
            "skills": ["dss-p/v1/BT-1-1"],
            "options": [
                {"id": f"o{p}", "label": f"{p} points", "points": p, "explanation": ""}
                for p in range(5)
            ],
        }
        for i in range(1, 5)
    ]
    + [{"id": "fb", "label": "Advice", "feedback_only": True, "options": []}]
}


def scores(points):
    """Review scores for the 4 criteria: ``points`` an int (all the same) or a list of 4."""
    if isinstance(points, int):
        points = [points] * 4
    return {f"c{i + 1}": f"o{p}" for i, p in enumerate(points)}


COMMENTS = {"fb": "Clear structure; add numbers to the second part."}


def submit_all(users, block=BLOCK, **kwargs):
    from deliverable_xblock import api

    return [
        api.submit(block, COURSE, user, text_html=f"<p>Plan of {user.username}</p>", **kwargs)
        for user in users
    ]
