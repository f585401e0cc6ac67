"""Which DSS-P skills a learner practised in a case-study block.

A question's skills count once it is answered correctly; the block's own skills count once the
block is complete (every question answered correctly or out of attempts).
"""

from collections.abc import Mapping


def practised_skill_ids(content: Mapping, state: Mapping) -> list:
    """Skill ids practised, in content order, each once. ``content`` has ``questions`` and
    ``skills`` (ADR 0008); ``state`` has ``correctness`` ({question id: bool}) and
    ``completed`` (bool). Pure: no XBlock needed."""
    correctness = state.get("correctness") or {}
    found = []
    for question in content.get("questions") or []:
        if isinstance(question, Mapping) and correctness.get(question.get("id")):
            found += question.get("skills") or []
    if state.get("completed"):
        found += content.get("skills") or []
    return list(dict.fromkeys(s for s in found if isinstance(s, str)))


def practised_skills(block) -> list:
    """The DSS-P skill ids the current learner practised in ``block`` (a ``dxq_case``)."""
    return practised_skill_ids(
        {"questions": block.questions, "skills": block.skills},
        {"correctness": block.correctness, "completed": block.completed or block.all_done()},
    )
