"""Operator pages: who may see them, what they show, what the exports contain."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from casestudy_xblock import roles
from deliverable_xblock import api
from deliverable_xblock.models import DeliverableSettings, Flag
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores, submit_all


def _with_role(make_user, role, name):
    user = make_user(name, is_staff=(role == roles.ADMINISTRATOR))
    if role in roles.GROUPS:
        group, _ = Group.objects.get_or_create(name=roles.GROUPS[role])
        user.groups.add(group)
    return user


@pytest.fixture
def reviewed(deliverable, learners):
    submit_all(learners[:4])
    with TestCase.captureOnCommitCallbacks(execute=True):
        for user in learners[:4]:
            for _ in range(3):
                lease = api.request_review(BLOCK, user)
                api.submit_review(lease.id, user, scores=scores(3), comments=COMMENTS)
    return DeliverableSettings.objects.get(block_key=BLOCK)


def _pages(conf):
    return [
        reverse("dxq_deliverable:operator_dashboard"),
        reverse("dxq_deliverable:operator_deliverable", args=[conf.pk]),
        reverse("dxq_deliverable:operator_export_csv", args=[conf.pk]),
        reverse("dxq_deliverable:operator_export_xlsx", args=[conf.pk]),
    ]


def test_anonymous_is_sent_to_login(client, reviewed):
    for url in _pages(reviewed):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", [roles.LEARNER, roles.COMPANY, roles.HUB])
def test_other_roles_are_refused(client, reviewed, make_user, role):
    client.force_login(_with_role(make_user, role, f"user-{role}"))
    for url in _pages(reviewed):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", [roles.OPERATOR, roles.ADMINISTRATOR])
def test_operators_and_staff_see_the_dashboard(client, reviewed, make_user, role):
    client.force_login(_with_role(make_user, role, f"user-{role}"))
    dashboard = client.get(reverse("dxq_deliverable:operator_dashboard"))
    assert dashboard.status_code == 200
    assert BLOCK in dashboard.content.decode()
    page = client.get(reverse("dxq_deliverable:operator_deliverable", args=[reviewed.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert 'data-testid="peer-alpha"' in html
    assert 'data-testid="peer-reviewers"' in html
    assert "learner001" in html


def test_csv_and_xlsx_exports_hold_every_score(client, reviewed, make_user):
    from openpyxl import load_workbook

    client.force_login(_with_role(make_user, roles.OPERATOR, "op"))
    response = client.get(reverse("dxq_deliverable:operator_export_csv", args=[reviewed.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["submission_id", "author", "team"]
    assert len(rows) == 1 + 12 * 5  # 12 reviews × (4 criteria + feedback)
    assert {r[13] for r in rows[1:]} == {"c1", "c2", "c3", "c4", "fb"}
    response = client.get(reverse("dxq_deliverable:operator_export_xlsx", args=[reviewed.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book["reviews"].max_row == 1 + 12 * 5
    assert book["coverage"]["A1"].value == "day"


def test_operator_hides_a_flagged_review(client, reviewed, learners, make_user):
    review = api.reviews_received(BLOCK, learners[0])[0]
    api.flag_review(review.id, learners[0], "abusive", "rude words")
    operator = _with_role(make_user, roles.OPERATOR, "op")
    client.force_login(operator)
    page = client.get(reverse("dxq_deliverable:operator_dashboard"))
    assert "rude words" in page.content.decode()
    flag = Flag.objects.get()
    url = reverse("dxq_deliverable:operator_resolve_flag", args=[flag.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"action": "hide"})
    flag.refresh_from_db()
    assert flag.state == Flag.HIDDEN
    assert len(api.reviews_received(BLOCK, learners[0])) == 2


def test_learner_cannot_resolve_flags(client, reviewed, learners):
    review = api.reviews_received(BLOCK, learners[0])[0]
    api.flag_review(review.id, learners[0], "abusive")
    client.force_login(learners[1])
    url = reverse("dxq_deliverable:operator_resolve_flag", args=[Flag.objects.get().pk])
    assert client.post(url, {"action": "hide"}).status_code == 403
    assert Flag.objects.get().state == Flag.OPEN


def test_home_links_only_for_operators(make_user, db):
    assert api.home_links(make_user(), [roles.LEARNER]) == []
    links = api.home_links(make_user(), [roles.OPERATOR])
    assert links[0]["url"] == reverse("dxq_deliverable:operator_dashboard")


def test_the_page_lists_submissions_short_of_reviews_first(deliverable, learners):
    from deliverable_xblock import operator_data
    from deliverable_xblock.models import Submission

    first, second = submit_all(learners[:2])
    Submission.objects.filter(pk=first.id).update(done=3)  # the older one is complete
    conf = DeliverableSettings.objects.get(block_key=BLOCK)
    assert [row["id"] for row in operator_data.submissions_table(conf, limit=1)] == [second.id]
    assert [row["id"] for row in operator_data.submissions_table(conf)] == [first.id, second.id]


def test_the_page_shows_krippendorffs_alpha_of_the_reviews(
    client, deliverable, learners, make_user
):
    from deliverable_xblock import krippendorff

    quality = {user.pk: level for user, level in zip(learners[:4], (1, 2, 3, 4), strict=True)}
    offset = {user.pk: shift for user, shift in zip(learners[:4], (0, 0, 1, -1), strict=True)}
    submitted = {s.id: s for s in submit_all(learners[:4])}
    author_of = {s.id: user.pk for user, s in zip(learners[:4], submitted.values(), strict=True)}
    given = {}  # submission id -> the c1 points its reviewers gave
    for user in learners[:4]:
        for _ in range(3):
            lease = api.request_review(BLOCK, user)
            level = quality[author_of[lease.submission_id]]
            c1 = min(4, max(0, level + offset[user.pk]))
            api.submit_review(
                lease.id, user, scores=scores([c1, level, level, 2]), comments=COMMENTS
            )
            given.setdefault(lease.submission_id, []).append(c1)
    expected = krippendorff.alpha(list(given.values()))
    assert expected is not None
    assert 0 < expected < 1

    conf = DeliverableSettings.objects.get(block_key=BLOCK)
    client.force_login(_with_role(make_user, roles.OPERATOR, "op-alpha"))
    html = client.get(reverse("dxq_deliverable:operator_deliverable", args=[conf.pk]))
    table = html.content.decode().split('data-testid="peer-alpha"', 1)[1].split("</table>", 1)[0]
    cells = dict(re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table))
    assert cells["Criterion 1"] == f"{expected:.2f}"
    assert cells["Criterion 2"] == "1.00"  # every reviewer gave the author's level
    assert cells["Criterion 4"] == "—"  # no variation at all: alpha is undefined


def test_the_dashboard_queues_at_risk_and_overdue_work(client, deliverable, learners, make_user):
    from datetime import timedelta

    from django.utils import timezone

    from deliverable_xblock import coverage

    start = timezone.now() - timedelta(hours=70)
    api.submit(BLOCK, COURSE, learners[0], text_html="<p>old</p>", now=start)
    api.submit(
        BLOCK, COURSE, learners[1], text_html="<p>newer</p>", now=start + timedelta(hours=30)
    )
    api.submit(BLOCK, COURSE, learners[2], text_html="<p>fresh</p>")
    client.force_login(_with_role(make_user, roles.OPERATOR, "op-queue"))
    url = reverse("dxq_deliverable:operator_dashboard")
    assert 'data-testid="peer-escalations"' not in client.get(url).content.decode()

    summary = coverage.check_coverage(now=timezone.now() + timedelta(hours=10))
    assert summary == {**summary, "at_risk": 1, "overdue": 1}
    with translation.override("ja"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    table = html.split('data-testid="peer-escalations"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>", table)
    assert rows == ["レビューの目標に間に合わなかった", "レビューの目標に間に合わないおそれ"]


#: Column headings of every data table on the operator pages (English).
TABLE_HEADINGS = {
    "peer-deliverables": [
        "Deliverable",
        "Course",
        "Submissions",
        "Reviews",
        "Fully reviewed",
        "Open escalations",
    ],
    "peer-escalations": ["Issue", "Submitted", "Reviews", "People asked to help"],
    "peer-coverage": ["Day", "Submitted", "Fully reviewed", "%"],
    "peer-alpha": ["Criterion", "α"],
    "peer-submissions": [
        "Author",
        "Submitted",
        "Reviews",
        "Fully reviewed at",
        "Estimate (likely range)",
        "Published",
        "Disagreement",
    ],
    "peer-reviewers": ["Reviewer", "Reviews", "Bias", "Reliability", "Helpfulness", "Reputation"],
}


def _tables(html):
    """{data-testid: (headings, body rows as lists of cell texts)}, checking each table's frame:
    in its scrolling wrapper, column headings with scope="col", every row as wide as the head."""
    from lxml import html as lxml_html

    tables = {}
    for table in lxml_html.fromstring(html).xpath("//table"):
        assert table.get("class") == "dxq-table"
        assert table.getparent().get("class") == "dxq-table-wrap"
        heads = table.xpath("./thead/tr/th")
        assert heads
        assert {th.get("scope") for th in heads} == {"col"}
        rows = []
        for tr in table.xpath("./tbody/tr"):
            cells = tr.xpath("./td")
            width = sum(int(td.get("colspan") or 1) for td in cells)
            assert width == len(heads), (table.get("data-testid"), width, len(heads))
            rows.append([" ".join(td.text_content().split()) for td in cells])
        tables[table.get("data-testid")] = ([th.text_content() for th in heads], rows)
    return tables


def test_every_operator_table_has_its_headings_and_full_rows(client, reviewed, learners, make_user):
    from deliverable_xblock.models import Escalation, Submission

    Escalation.objects.create(submission=Submission.objects.earliest("id"), kind=Escalation.AT_RISK)
    empty = api.configure(
        "block-v1:DXQ+Peer+2026+type@dxq_deliverable+block@none", COURSE, calibration_items=0
    )
    client.force_login(_with_role(make_user, roles.OPERATOR, "op-tables"))
    client.cookies["django_language"] = "en"
    urls = {
        "dashboard": reverse("dxq_deliverable:operator_dashboard"),
        "deliverable": reverse("dxq_deliverable:operator_deliverable", args=[reviewed.pk]),
    }
    pages = {name: _tables(client.get(url).content.decode()) for name, url in urls.items()}

    assert set(pages["dashboard"]) == {"peer-deliverables", "peer-escalations"}
    assert set(pages["deliverable"]) == set(TABLE_HEADINGS) - {"peer-deliverables"}
    for tables in pages.values():
        for testid, (headings, _rows) in tables.items():
            assert headings == TABLE_HEADINGS[testid]
    deliverables = {row[0]: row[1:] for row in pages["dashboard"]["peer-deliverables"][1]}
    assert deliverables[BLOCK] == [COURSE, "4", "12", "100%", "1"]
    for name in pages:
        [issue] = pages[name]["peer-escalations"][1]
        assert issue[0] == "At risk of missing its review target"
        assert issue[2] == "3 / 3"
    deliverable = pages["deliverable"]
    assert len(deliverable["peer-submissions"][1]) == 4
    assert {row[0] for row in deliverable["peer-submissions"][1]} == {
        user.username for user in learners[:4]
    }
    assert deliverable["peer-alpha"][1][-1][0] == "All criteria"
    assert sorted(row[0] for row in deliverable["peer-reviewers"][1]) == sorted(
        user.username for user in learners[:4]
    )

    page = client.get(reverse("dxq_deliverable:operator_deliverable", args=[empty.pk]))
    tables = _tables(page.content.decode())
    assert tables["peer-reviewers"][1] == [["No review yet."]]
    assert "peer-submissions" not in tables
    assert "No submission yet." in page.content.decode()
