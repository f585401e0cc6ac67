"""``manage.py dxq_demo_discussions``: realistic Japanese threads in the demo cohort (idempotent).

Runs after ``dxq_demo_accounts``, ``dxq_demo_case`` and ``dxq_demo_community``: questions about
the demo case's datasets (やまなみ精工), an idea, a showcase, answers with mentions, an accepted
answer, reactions and a flag. A thread that already exists (same space, author and title) is
left as it is.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from community_plugin import api as community
from community_plugin.discussions import moderation, posting, reactions
from community_plugin.discussions.models import Flag, Reaction, Thread

DEMO_COURSE_KEY = "course-v1:DXQuest+CS101+2026"
DEMO_COURSE_NAME = "ケーススタディ: みどり精密工業のDX"
USERNAMES = ("learner1", "learner2", "master")

SURVEY_Q = (
    "従業員意識調査のCSVが文字化けします",
    """ユニット1の `staff_survey`（yamanami_staff_survey_2024-11.csv）を Excel で開くと、
自由記述の列が「縺ゅ≠」のような文字になってしまいます。

ほかの3つ（受注実績・生産日報・顧客マスタ）は普通に読めました。何か設定が必要でしょうか？""",
    ["dss-p/v1/DU-1-1"],
)
SURVEY_A = """@learner1 さん、このファイルだけ **CP932（Shift_JIS）・改行CRLF** で保存されています
（総務部の Excel から書き出した、という設定だそうです）。

- ケースのデータ画面では文字コードを自動で判定するので、そのまま読めます
- 手元で開くなら、Excel の「データ → テキストまたはCSVから」で「932: 日本語 (シフト JIS)」を選びます
- Python なら `pd.read_csv(path, encoding="cp932")` です"""
SURVEY_THANKS = "ありがとうございます！データ画面で開いたら読めました。"

DELAY_Q = (
    "納期遅延日数がマイナスの注文はどう扱えばよいですか",
    """受注実績（`sales`）の「納期遅延日数」にマイナスの値があります。納期より早く出荷した、
という意味だと思うのですが、**遅延率**を計算するときは 0 とみなしてよいのでしょうか？

顧客別の遅延率を出して、医療機器向けの顧客で遅れが多いかを確かめたいです。""",
    ["dss-p/v1/DU-2-1", "dss-p/v1/BT-2-3"],
)
DELAY_A = """@learner2 さん、マイナスは前倒し出荷なので、遅延率の分子には入れない（0 とみなす）のが
ふつうだと思います。ただ平均遅延日数を出すときにマイナスを含めると、遅れが小さく見えるので
注意です。

```sql
SELECT 顧客ID, AVG(CASE WHEN 納期遅延日数 > 0 THEN 1 ELSE 0 END) AS 遅延率
FROM sales GROUP BY 顧客ID ORDER BY 遅延率 DESC
```

顧客マスタ（`customers`）の「業種」と結合すると業種別にも見られます。"""

DEFECT_Q = (
    "設備ごとの不良率を月別に出したい",
    """生産日報（`production`）で、設備IDごと・月ごとの不良率（不良数 ÷ 生産数）を出したいのですが、
日付を月にまとめる書き方が分かりません。どなたか教えてください。""",
    ["dss-p/v1/DU-2-1"],
)

FAX_IDEA = (
    "FAXの注文をそのままデータにするアイデア",
    """やまなみ精工では受注の多くがFAXで届き、事務の方が手で打ち込んでいます（ユニット1の
ヒアリング資料より）。

1. 複合機でFAXをPDFとして受け取る
2. OCRで品番・数量・納期を読み取り、**確認画面で人が直す**
3. 受注データに自動で追記する

いきなり全自動にせず、人の確認を残すのがポイントだと思います。@cohort のみなさん、
似た取り組みを見たことがあれば教えてください。""",
    ["dss-p/v1/BT-2-2", "dss-p/v1/TE-2-3"],
)
FAX_REPLY = (
    "前職で似た仕組みを入れました。最初は読み取り精度より、確認画面の使いやすさが大事でした。"
)
SPAM_REPLY = "【副業】1日10分で月30万円！詳しくはプロフィールのリンクへ"

SHOWCASE = (
    "業種別の売上をピボットにしてみました",
    """ユニット1のデータで、業種別・年度別の売上をまとめました。

| 業種 | 2023年度 | 2024年度 |
| --- | ---: | ---: |
| 自動車 | 多い | 減少 |
| 医療機器 | 中 | 増加 |
| 半導体製造装置 | 中 | 横ばい |

自動車向けが減り、医療機器向けが伸びているように見えます。社長の「EV化で仕事が減る」という
心配と合っていそうです。ご意見ください！""",
    ["dss-p/v1/DU-2-1", "dss-p/v1/BT-2-1"],
)
SHOWCASE_REPLY = (
    "@learner2 さん、分かりやすいです！金額だけでなく件数も並べると、単価の変化も見えそうですね。"
)


class Command(BaseCommand):
    help = "Load realistic Japanese discussion threads in the demo cohort space."

    def handle(self, *args, **options):
        users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
        missing = [name for name in USERNAMES if name not in users]
        if missing:
            raise CommandError(f"Run dxq_demo_accounts first (missing: {', '.join(missing)}).")
        l1, l2, master = users["learner1"], users["learner2"], users["master"]
        space = community.course_space(DEMO_COURSE_KEY, DEMO_COURSE_NAME)
        for person in (l1, l2, master):
            community.add_course_member(person.pk, DEMO_COURSE_KEY, DEMO_COURSE_NAME)
        community.set_community_master(master.pk, space)

        survey, new = self._thread(space, l1, "question", SURVEY_Q)
        if new:
            answer = self._reply(survey, l2, SURVEY_A)
            self._reply(survey, l1, SURVEY_THANKS)
            reactions.accept(l1, survey, answer)
            reactions.toggle(master, survey, answer, Reaction.WORKED)
            reactions.toggle(l2, survey, None, Reaction.SAME_QUESTION)

        delay, new = self._thread(space, l2, "question", DELAY_Q)
        if new:
            answer = self._reply(delay, master, DELAY_A)
            reactions.toggle(l2, delay, answer, Reaction.HELPFUL)
            reactions.toggle(l1, delay, answer, Reaction.LEARNED)

        self._thread(space, l1, "question", DEFECT_Q)  # left unanswered for the digest

        idea, new = self._thread(space, master, "idea", FAX_IDEA)
        if new:
            self._reply(idea, l1, FAX_REPLY)
            spam = self._reply(idea, l1, SPAM_REPLY)
            moderation.flag(l2, idea, spam, Flag.SPAM, "広告の書き込みです")
            reactions.toggle(l2, idea, None, Reaction.LEARNED)
            moderation.set_pinned(master, idea, True, "今週のおすすめ")

        showcase, new = self._thread(space, l2, "showcase", SHOWCASE)
        if new:
            self._reply(showcase, l1, SHOWCASE_REPLY)
            reactions.toggle(l1, showcase, None, Reaction.HELPFUL)

        count = Thread.objects.filter(space=space).count()
        self.stdout.write(f"  discussions: {space.name}: {count} threads")

    def _thread(self, space, author, kind, spec):
        title, body, skills = spec
        existing = Thread.objects.filter(space=space, author=author, title=title).first()
        if existing is not None:
            return existing, False
        thread = posting.create_thread(
            author, space, kind=kind, title=title, body=body, skills=skills, rate_limited=False
        )
        return thread, True

    def _reply(self, thread, author, body):
        return posting.reply(author, thread, body=body, rate_limited=False)
