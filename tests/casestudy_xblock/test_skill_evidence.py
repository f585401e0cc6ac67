"""The skills evidence API (practised_skills, learners_with_skill), its model and the
"My skills" page, on the real database."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from casestudy_xblock import api, evidence, skills
from casestudy_xblock.models import SkillEvidence

BT = "dss-p/v1/BT-2-3"  # ビジネス変革 > ... (category BT)
DU = "dss-p/v1/DU-1-1"  # データ活用 (category DU)
PS = "dss-p/v1/PS-2-3"
UNIT1, UNIT2 = "yamanami.dxq_case.d0.u0", "yamanami.dxq_case.d1.u0"


@pytest.fixture
def learner(demo_accounts):
    return demo_accounts["learner1"]


def give(user, block, items, anonymous=None):
    """Record ``items`` ((kind, question id, skill id)) for ``user`` in ``block``."""
    anonymous = anonymous or f"anon-{user.pk if user else 'x'}"
    return evidence.record(user, anonymous, block, items)


@pytest.fixture
def practised(learner, demo_accounts):
    give(learner, UNIT1, [("question", "q1", DU), ("question", "q1", BT), ("question", "q2", DU)])
    give(learner, UNIT2, [("question", "a", DU), ("block", "", PS)])
    give(demo_accounts["learner2"], UNIT1, [("question", "q1", BT)])
    give(None, UNIT1, [("question", "q1", PS)], anonymous="student_1")
    return learner


def test_practised_skills_in_one_query_aggregated(practised, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = api.practised_skills(practised)
    assert [r["skill"] for r in result] == [BT, DU, PS]  # the standard's order
    by_id = {r["skill"]: r for r in result}
    du = by_id[DU]
    assert du["count"] == 3
    assert du["blocks"] == [UNIT1, UNIT2]
    assert du["first"] <= du["last"]
    assert (du["name_ja"], du["name_en"]) == (skills.get(DU).ja, skills.get(DU).en)
    assert by_id[BT]["count"] == 1
    assert by_id[PS]["blocks"] == [UNIT2]
    assert set(du) == {"skill", "name_ja", "name_en", "count", "first", "last", "blocks"}


def test_first_and_last_span_the_evidence(learner):
    give(learner, UNIT1, [("question", "q1", DU)])
    give(learner, UNIT2, [("question", "q9", DU)])
    earlier = timezone.now() - timedelta(days=3)
    SkillEvidence.objects.filter(block_usage_id=UNIT1).update(created=earlier)
    [entry] = api.practised_skills(learner)
    assert entry["first"] == earlier
    assert entry["last"] > earlier
    assert entry["blocks"] == [UNIT1, UNIT2]  # first practised first


def test_nobody_signed_in_has_practised_nothing(practised, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert api.practised_skills(AnonymousUser()) == []
    assert api.practised_skills(None) == []


def test_learners_with_skill(practised, demo_accounts):
    assert api.learners_with_skill(BT) == sorted([practised.pk, demo_accounts["learner2"].pk])
    assert api.learners_with_skill(PS) == [practised.pk]  # the anonymous "student_1" is no user
    assert api.learners_with_skill("dss-p/v1/BT-1-1") == []


@pytest.mark.parametrize("wrong", ["dss-p/v1/NOPE", "BT-2-3", "", None])
def test_learners_with_an_unknown_skill_is_an_error(db, wrong):
    with pytest.raises(skills.UnknownSkill):
        api.learners_with_skill(wrong)


def test_recording_is_idempotent(learner):
    items = [("question", "q1", DU), ("block", "", DU)]
    assert give(learner, UNIT1, items) == 2
    assert give(learner, UNIT1, items) == 2
    assert SkillEvidence.objects.count() == 2  # a block's skill and a question's skill differ


def test_the_model_validates_skill_ids(learner):
    row = SkillEvidence(
        user=learner,
        anonymous_user_id="a",
        skill_id="dss-p/v1/NOPE",
        source="question",
        block_usage_id=UNIT1,
        question_id="q1",
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "skill_id" in error.value.message_dict
    row.skill_id = DU
    row.full_clean()


def test_evidence_goes_with_its_user(practised):
    pk = practised.pk
    practised.delete()
    assert not SkillEvidence.objects.filter(user_id=pk).exists()
    assert not SkillEvidence.objects.filter(anonymous_user_id=f"anon-{pk}").exists()
    assert SkillEvidence.objects.filter(anonymous_user_id="student_1").exists()


# ---------------------------------------------------------------------------- the page

URL = "/dxq/casestudy/skills/mine/"


def test_my_skills_needs_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_my_skills_empty_says_what_to_do_next(client, learner):
    client.force_login(learner)
    page = client.get(URL).content.decode()
    assert '<html lang="ja">' in page
    assert "<h1>実践したスキル</h1>" in page
    assert "まだ実践したスキルはありません" in page
    assert f'href="{api.demo_case_url(learner)}"'.replace("&", "&amp;") in page
    assert "ケーススタディへ進む" in page
    assert "<table" not in page


def test_my_skills_groups_by_category_with_counts(client, practised):
    client.force_login(practised)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    categories = [skills.get("dss-p/v1/BT"), skills.get("dss-p/v1/DU"), skills.get("dss-p/v1/PS")]
    positions = [page.index(f"{c.ja}</span> <code") for c in categories]
    assert positions == sorted(positions)  # in the standard's order
    assert page.count('<th scope="col">') == 3 * 6
    assert page.count('<th scope="row"') == 3
    assert f'<th scope="row" lang="ja">{skills.get(DU).ja}</th>' in page
    row = page[page.index(f'data-skill="{DU}"') :]
    row = row[: row.index("</tr>")]
    assert "<td>3</td><td>2</td>" in row  # practised 3 times, in 2 units
    assert '<dd data-role="skill-count">3</dd>' in page
    assert '<dd data-role="unit-count">2</dd>' in page
    assert skills.get(BT).ja in page
    assert "まだ実践したスキルはありません" not in page


def test_my_skills_in_english(client, practised):
    client.force_login(practised)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    page = client.get(URL).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>My skills</h1>" in page
    assert f'<th scope="row" lang="en">{skills.get(DU).en}</th>' in page
    assert "Times practised" in page


def test_my_skills_shows_only_the_learners_own(client, demo_accounts, practised):
    client.force_login(demo_accounts["learner2"])
    page = client.get(URL).content.decode()
    assert page.count('<th scope="row"') == 1
    assert skills.get(BT).ja in page
    assert skills.get(DU).ja not in page


def test_the_admin_lists_evidence_read_only(client, practised, demo_accounts):
    client.force_login(demo_accounts["admin"])
    listing = client.get("/admin/dxq_casestudy/skillevidence/")
    assert listing.status_code == 200
    assert DU in listing.content.decode()
    assert client.get("/admin/dxq_casestudy/skillevidence/add/").status_code == 403
    row = SkillEvidence.objects.filter(user=practised).first()
    detail = client.get(f"/admin/dxq_casestudy/skillevidence/{row.pk}/change/")
    assert detail.status_code == 200  # viewable, with no save button
    assert 'name="_save"' not in detail.content.decode()
