"""``manage.py dxq_demo_community``: the demo cohort community (idempotent).

Runs after ``dxq_demo_accounts``: the demo course's cohort space with learner1, learner2 and the
community master ``master``; the program, alumni and a team space; a past study session with
attendance, an upcoming one with RSVPs; a few notifications.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from community_plugin import api, study_sessions
from community_plugin.models import Attendance, Membership, Notification, Rsvp, StudySession

#: The demo course (the same key as conf/portal/demo.py and the demo case).
DEMO_COURSE_KEY = "course-v1:DXQuest+CS101+2026"
DEMO_COURSE_NAME = "ケーススタディ: みどり精密工業のDX"
USERNAMES = ("learner1", "learner2", "master", "operator")


def _at(days, hour):
    """A Japan-time moment ``days`` from today at ``hour``:00."""
    day = timezone.localtime(timezone.now(), study_sessions.zone()).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=study_sessions.zone())


class Command(BaseCommand):
    help = "Load the demo cohort community: spaces, members, study sessions, notifications."

    def handle(self, *args, **options):
        users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
        missing = [name for name in USERNAMES if name not in users]
        if missing:
            raise CommandError(f"Run dxq_demo_accounts first (missing: {', '.join(missing)}).")
        learner1, learner2, master = users["learner1"], users["learner2"], users["master"]
        cohort = api.course_space(DEMO_COURSE_KEY, DEMO_COURSE_NAME)
        for person in (learner1, learner2, master):
            api.add_course_member(person.pk, DEMO_COURSE_KEY, DEMO_COURSE_NAME)
        api.set_community_master(master.pk, cohort)
        api.set_community_master(master.pk, api.program_space())
        api.add_member(master.pk, api.alumni_space(), Membership.BADGE)
        team = api.team_space("demo-team-a", "チームA（需要予測）", DEMO_COURSE_KEY)
        for person in (learner1, learner2):
            api.add_member(person.pk, team, Membership.TEAM)

        past = self._session(
            cohort,
            master,
            "データ前処理もくもく会",
            "受注データの欠損値と外れ値の扱いを、それぞれ手を動かしながら共有しました。",
            _at(-7, 20),
            capacity=None,
        )
        for person, status in ((learner1, Rsvp.GOING), (learner2, Rsvp.INTERESTED)):
            Rsvp.objects.update_or_create(session=past, user=person, defaults={"status": status})
        for person, came in ((learner1, True), (learner2, False)):
            Attendance.objects.update_or_create(
                session=past, user=person, defaults={"attended": came, "marked_by": master}
            )
        upcoming = self._session(
            cohort,
            master,
            "需要予測モデル勉強会",
            "ケースの出荷データで移動平均と回帰の予測を比べます。質問だけの参加も歓迎です。",
            _at(5, 20),
            capacity=8,
            meeting_url="https://meet.dxquest.example/demand-forecast",
        )
        Rsvp.objects.update_or_create(
            session=upcoming, user=learner2, defaults={"status": Rsvp.GOING}
        )
        Rsvp.objects.update_or_create(
            session=upcoming, user=master, defaults={"status": Rsvp.GOING}
        )
        self._notifications(cohort, master, learner1, learner2, upcoming)
        self.stdout.write(
            f"  community: {cohort.name} ({cohort.memberships.count()} members), "
            f"sessions {past.pk} (past) and {upcoming.pk} (upcoming)"
        )

    def _session(self, space, host, title, description, starts_at, capacity, meeting_url=""):
        session, _created = StudySession.objects.update_or_create(
            space=space,
            title=title,
            defaults={
                "description": description,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=1, minutes=30),
                "capacity": capacity,
                "meeting_url": meeting_url,
                "host": host,
                "reminded_24h": None,
                "reminded_1h": None,
            },
        )
        return session

    def _notifications(self, space, master, learner1, learner2, upcoming):
        from django.urls import reverse

        rows = [
            (
                learner1,
                "mention",
                master,
                "コミュニティマスターさんがあなたをメンションしました",
                "@learner1 欠損値の補完方法、次の勉強会で共有してもらえますか？",
                reverse("dxq_community:space", args=[space.slug]),
            ),
            (
                learner2,
                "session_reminder",
                None,
                f"勉強会が近づいています: {upcoming.title}",
                "日本時間 20:00 開始です。",
                reverse("dxq_community:session", args=[upcoming.pk]),
            ),
        ]
        for user, kind, actor, title, text, url in rows:
            Notification.objects.get_or_create(
                user=user,
                kind=kind,
                title=title,
                defaults={
                    "actor": actor,
                    "space": space,
                    "text": text,
                    "url": url,
                    "emailed_at": timezone.now(),  # the demo sends no email
                },
            )
