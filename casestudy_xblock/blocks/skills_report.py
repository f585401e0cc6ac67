"""Which DSS-P skills a learner practised in a case-study block.

A question's skills count once it is answered correctly; the block's own skills count once the
block is complete (every question answered correctly or out of attempts).
"""

from collections.abc import Mapping

#: Where a piece of evidence comes from (``SkillEvidence.source``).
QUESTION = "question"
BLOCK = "block"


def evidence_items(content: Mapping, state: Mapping) -> list:
    """``[(source kind, question id, skill id)]`` practised, in content order, each once.

    ``content`` has ``questions`` and ``skills`` (ADR 0008); ``state`` has ``correctness``
    ({question id: bool}) and ``completed`` (bool). The block's own skills come last, with an
    empty question id. Pure: no XBlock, no Django.
    """
    correctness = state.get("correctness") or {}
    found = []
    for question in content.get("questions") or []:
        if not isinstance(question, Mapping):
            continue
        qid = question.get("id")
        if isinstance(qid, str) and correctness.get(qid):
            found += [(QUESTION, qid, s) for s in question.get("skills") or []]
    if state.get("completed"):
        found += [(BLOCK, "", s) for s in content.get("skills") or []]
    return list(dict.fromkeys(item for item in found if isinstance(item[2], str)))


def practised_skill_ids(content: Mapping, state: Mapping) -> list:
    """Skill ids practised, in content order, each once. ``content`` has ``questions`` and
    ``skills`` (ADR 0008); ``state`` has ``correctness`` ({question id: bool}) and
    ``completed`` (bool). Pure: no XBlock needed."""
    return list(dict.fromkeys(skill for _kind, _qid, skill in evidence_items(content, state)))


def practised_skills(block) -> list:
    """The DSS-P skill ids the current learner practised in ``block`` (a ``dxq_case``)."""
    return practised_skill_ids(
        {"questions": block.questions, "skills": block.skills},
        {"correctness": block.correctness, "completed": block.completed or block.all_done()},
    )
