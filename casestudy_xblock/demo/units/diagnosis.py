# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 1 — 現状把握・課題特定 (diagnosis): busy, growing, and late. Why?"""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "1. 現状把握・課題特定：忙しいのに、なぜ納期に遅れるのか"
STAGE = "diagnosis"
DATASETS = ("sales", "production", "customers")
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    2025年4月。岡谷市の精密部品メーカー、やまなみ精工の山並社長から、あなたのチームに相談が届いた。

    > 売上は伸びている。なのに現場は毎日残業で、お客様からは納期遅れのお叱りが増えた。
    > 何が起きているのか、まずは事実をつかんでほしい。

    営業課が受注実績2年分（`sales`）を、生産技術課の藤森さんが生産日報（`production`）を、総務部が顧客マスタ（`customers`）を用意してくれた。社内の人の話も聞ける。

    **このユニットのゴール**：思い込みではなく、データと現場の声の両方から課題を特定する。「起きている現象」「その影響」「原因の仮説」を分けて整理しよう。仮説はまだ仮説であり、証明された原因ではないことにも注意。
    """,
    """
    April 2025. President Yamanami of Yamanami Seiko, a precision-parts maker in Okaya, brings your team a request:

    > Sales are growing. Yet the floor works overtime every day and customers complain more and more about late deliveries.
    > First, find out the facts of what is happening.

    Sales has prepared two years of orders (`sales`), Ms Fujimori of production engineering the daily production reports (`production`), and general affairs the customer master (`customers`). You can also hear from people in the company.

    **Goal of this unit**: identify the problems from both the data and the people's voices, not from assumptions. Keep apart *what is happening*, *its impact* and *hypotheses about its cause*. A hypothesis is still a hypothesis, not a proven cause.
    """,
)

MATERIALS = [
    material(
        "interview-president",
        "interview",
        ("社長インタビュー：山並 健一", "Interview: President Ken'ichi Yamanami"),
        (
            """
            **—— いま一番気になっていることは？**

            正直に言うと、全部だね（笑）。親父がこの会社を始めたころは時計の部品ばかりだった。それが自動車になって、ここ10年は医療機器の仕事が増えてきた。医療は単価がいいし、これからの柱だと思っている。

            ただ、自動車のほうは先が読めない。一番古いお客さんの信州オートパーツさんも「EVになったらこの部品はなくなる」と言っている。

            **—— 納期の遅れについては？**

            宮坂（営業課長）からは、医療のお客さんに頭を下げてばかりだと聞いている。現場に聞くと「忙しい、人が足りない」と言う。小松（製造部長）は段取りを半分にしたと胸を張っているんだが、それならなぜ遅れるのか。わしには分からん。

            **—— DXへの期待は？**

            周りの社長連中が「DXだ」と言うし、補助金の話も信金さんから来ている。ただ、何を買えばいいのか分からない。高い機械を買って使われないのだけは避けたい。
            """,
            """
            **— What worries you most right now?**

            Honestly, everything (laughs). When my father started the company it was all watch parts. Then came automotive, and over the last ten years medical-device work has grown. Medical pays well; I see it as our next pillar.

            Automotive, though, is hard to read. Even Shinshu Auto Parts, our oldest customer, says "this part disappears once cars go electric".

            **— About the late deliveries?**

            Miyasaka (sales manager) tells me she does nothing but bow to our medical customers. Ask the floor and they say "we're busy, we're short of people". Komatsu (manufacturing manager) is proud to have halved setup time, so why are we late? I can't tell.

            **— What do you expect from DX?**

            All the other presidents around here talk about DX, and the shinkin bank brings us subsidy offers. But I don't know what to buy. The one thing I want to avoid is an expensive machine nobody uses.
            """,
        ),
    ),
    material(
        "interview-sales",
        "interview",
        ("営業課長インタビュー：宮坂 由紀", "Interview: Sales Manager Yuki Miyasaka"),
        (
            """
            毎朝まずFAXの束を販売管理ソフトに打ち込むところから一日が始まります。手書きの注文書もあって、数量を読み間違えたことも一度や二度じゃありません。

            納期の遅れは、体感では医療機器のお客様が圧倒的です。アルプスメディカルさんからは先月「このままだと他社にも声をかけざるを得ない」と言われました。医療は小ロットで品番が多いし、検査も厳しいので、一度やり直しが出ると取り返せないんです。

            現場に進捗を聞くと「Bラインが詰まっている」と言われるんですが、何がどう詰まっているのかは、誰も数字では説明できません。
            """,
            """
            Every morning starts with typing a stack of faxes into the sales software. Some order forms are handwritten, and I have misread a quantity more than once or twice.

            From what I feel, the late deliveries are overwhelmingly to medical-device customers. Last month Alps Medical told me "at this rate we'll have to talk to other suppliers too". Medical means small lots, many part numbers and strict inspection, so once a part has to be redone we can't catch up.

            When I ask the floor about progress they say "line B is jammed", but nobody can explain in numbers what is jammed or how.
            """,
        ),
    ),
    material(
        "memo-quality",
        "memo",
        ("品質保証課 百瀬主任のメモ", "Memo from Makoto Momose, Quality Assurance"),
        (
            """
            - 不良の月次集計は、紙の日報を藤森さんが月末に入力してから出すので、**約1か月遅れ**。
            - 2024年10月1日から、Bライン（SW-01・SW-02）でクイックチェンジ治具と新しい段取り手順を導入。製造部長の報告では段取り時間は半分になった。
            - 最近、医療向け部品の**手直し**が多い気がする。ただし、まだ数字では確認していない。
            - 医療機器メーカーの監査では、ロットごとの検査記録をすぐに出せることが求められる。今は紙のファイルを探している。
            """,
            """
            - Monthly defect figures come out about **one month late**, because Ms Fujimori types in the paper reports at month end.
            - From 1 October 2024, line B (SW-01, SW-02) uses a quick-change jig and a new setup procedure. The manufacturing manager reports setup time has halved.
            - Lately there seems to be a lot of **rework** on medical parts. Not yet checked with numbers.
            - Medical-device customers' audits expect inspection records per lot on demand. Today we search paper files.
            """,
        ),
    ),
]

CATEGORY_CHOICES = (
    choice("auto", "自動車部品", "Automotive parts (自動車部品)"),
    choice("medical", "医療機器部品", "Medical-device parts (医療機器部品)"),
    choice("semiconductor", "半導体装置部品", "Semiconductor-equipment parts (半導体装置部品)"),
    choice("machinery", "産業機械部品", "Industrial-machinery parts (産業機械部品)"),
)

QUESTIONS = [
    question(
        "late-category",
        "single",
        (
            "2024年度（2024年4月〜2025年3月の受注）で出荷済みの注文について、**納期遅延率**（`納期遅延日数` が1日以上の注文の割合）が最も高い製品カテゴリはどれか。",
            "Among orders of FY2024 (ordered April 2024 to March 2025) that have shipped, which product category has the highest **late-delivery rate** (share of orders with `納期遅延日数` of 1 day or more)?",
        ),
        choices=CATEGORY_CHOICES,
        expected_sql="""
            SELECT CASE "製品カテゴリ" WHEN '自動車部品' THEN 'auto' WHEN '医療機器部品' THEN 'medical'
                   WHEN '半導体装置部品' THEN 'semiconductor' ELSE 'machinery' END
            FROM sales
            WHERE "受注日" BETWEEN '2024-04-01' AND '2025-03-31' AND "出荷日" IS NOT NULL
            GROUP BY "製品カテゴリ"
            ORDER BY AVG(CASE WHEN "納期遅延日数" > 0 THEN 1 ELSE 0 END) DESC
            LIMIT 1
        """,
        hints=(
            (
                "`受注日` で2024年度に絞り、`出荷日` が空欄の行（未出荷）は除こう。",
                "Filter `受注日` to FY2024 and leave out rows with an empty `出荷日` (not shipped yet).",
            ),
            (
                "製品カテゴリごとに「遅延した件数 ÷ 出荷済みの件数」を比べる。件数の多さではなく率で比べること。",
                "For each category compare late orders ÷ shipped orders: a rate, not a count.",
            ),
        ),
        feedback=(
            (
                "そのとおり。遅延は医療機器部品に集中している。宮坂課長の「体感」がデータで裏づけられた。次は、なぜ医療だけが遅れるのかを考えよう。",
                "Right. Late deliveries concentrate on medical-device parts: Ms Miyasaka's feeling is confirmed by the data. Next, ask why medical in particular is late.",
            ),
            (
                "カテゴリごとの遅延率を計算し直そう。件数が多いカテゴリが、率も高いとは限らない。",
                "Recompute the late rate per category. The category with the most orders does not necessarily have the highest rate.",
            ),
        ),
        skills=["dss-p/v1/BT-2-3", "dss-p/v1/DU-1-1"],
    ),
    question(
        "line-b-defect-rate",
        "numeric",
        (
            "医療機器部品を作る**Bライン**の不良率（`不良数` の合計 ÷ `生産数` の合計、%）を、2024年10月1日〜2025年3月31日について求めよ。小数第2位まで。",
            "Compute the defect rate of **line B** (which makes medical-device parts) — total `不良数` ÷ total `生産数`, in % — for 1 October 2024 to 31 March 2025. Two decimal places.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * SUM("不良数") / SUM("生産数"), 2)
            FROM production
            WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-10-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.1},
        hints=(
            (
                "日ごとの不良率を平均するのではなく、期間の合計どうしで割る。",
                "Divide the period totals; do not average the daily rates.",
            ),
            (
                "比較のために、2024年4〜9月の値も計算してみよう。",
                "For comparison, compute April-September 2024 too.",
            ),
        ),
        feedback=(
            (
                "正解。10月以降のBラインの不良率は、4〜9月（約1.3%）の3倍近い。この変化はいつ始まったのか、月別に見ると一目瞭然だ。",
                "Correct. Since October line B's defect rate is nearly three times that of April-September (about 1.3%). Plot it by month to see exactly when it started.",
            ),
            (
                "`ライン` が「Bライン」、`日付` が2024年10月〜2025年3月の行だけで、不良数の合計を生産数の合計で割り、100を掛けよう。",
                "Keep only rows with `ライン` = 'Bライン' and `日付` from October 2024 to March 2025; divide the sum of defects by the sum of output and multiply by 100.",
            ),
        ),
        skills=["dss-p/v1/DU-1-1", "dss-p/v1/DU-2-1"],
    ),
    question(
        "line-b-main-defect",
        "text",
        (
            "2024年10月以降のBラインの日報で、`主な不良区分` として最も多く記録された区分は何か。データに書かれている値のとおりに答えよ（「なし」は除く）。",
            "In line B's reports from October 2024, which value of `主な不良区分` (main defect type) was recorded most often? Answer with the value exactly as written in the data, in Japanese (leave out なし).",
        ),
        expected_sql="""
            SELECT "主な不良区分"
            FROM production
            WHERE "ライン" = 'Bライン' AND "日付" >= '2024-10-01' AND "主な不良区分" <> 'なし'
            GROUP BY "主な不良区分"
            ORDER BY COUNT(*) DESC, "主な不良区分"
            LIMIT 1
        """,
        hints=(
            (
                "Bライン・2024年10月以降に絞って、`主な不良区分` ごとに件数を数える。",
                "Filter to line B from October 2024 and count rows per `主な不良区分`.",
            ),
            (
                "10月より前と比べると、主な不良の種類そのものが変わっていることに気づくはずだ。",
                "Compare with before October: the kind of defect itself has changed.",
            ),
        ),
        feedback=(
            (
                "正解。10月以前は外観不良が中心だったのに、以降は寸法不良が中心になった。段取り（治具の位置決め）との関係を疑う手がかりになる。",
                "Correct. Before October appearance defects dominated; since then dimensional ones do — a clue pointing at the setup (how the jig locates the part).",
            ),
            (
                "Bラインの10月以降の行を `主な不良区分` で集計し直そう。答えはデータの値（日本語）そのままで。",
                "Group line B's rows from October by `主な不良区分` again, and answer with the data's value in Japanese.",
            ),
        ),
        skills=["dss-p/v1/DU-1-1", "dss-p/v1/BT-2-3"],
    ),
    question(
        "what-we-know",
        "multiple",
        (
            "ここまでのデータと資料から**言えること**をすべて選べ。",
            "Select **everything that the data and materials so far support**.",
        ),
        choices=(
            choice(
                "b-rate-up-setup-down",
                "Bラインでは2024年10月以降、不良率が上がり、段取り1回あたりの時間は短くなった。",
                "On line B since October 2024 the defect rate has risen while the time per setup has fallen.",
            ),
            choice(
                "all-lines-worse",
                "2024年10月以降、すべてのラインで不良率が上がった。",
                "Since October 2024 the defect rate has risen on every line.",
            ),
            choice(
                "medical-late-timing",
                "医療機器部品の納期遅延が増えた時期と、Bラインの不良率が上がった時期は重なっている。",
                "Late deliveries of medical-device parts rose at the same time as line B's defect rate.",
            ),
            choice(
                "auto-most-late",
                "2024年度に遅延した注文の件数は自動車部品が最も多く、まず自動車部品の対策をすべきだ。",
                "In FY2024 most late orders were automotive parts, so automotive should be tackled first.",
            ),
            choice(
                "medical-growth",
                "医療機器部品の受注金額は、2023年度より2024年度のほうが多い。",
                "Orders of medical-device parts were larger in FY2024 than in FY2023 (in yen).",
            ),
            choice(
                "jig-proven",
                "新しい治具が不良増加の原因であることが、データで証明された。",
                "The data prove that the new jig caused the rise in defects.",
            ),
        ),
        answer=["b-rate-up-setup-down", "medical-late-timing", "medical-growth"],
        hints=(
            (
                "ライン別・月別、カテゴリ別・月別に並べると、時期の重なりが見える。",
                "Lay out defects by line and month, and late rates by category and month: the timing lines up.",
            ),
            (
                "「同じ時期に起きた」ことと「原因である」ことは別物だ。",
                "Happening at the same time is not the same as being the cause.",
            ),
        ),
        feedback=(
            (
                "そのとおり。治具の変更は有力な仮説だが、まだ相関にすぎない。段取り後の初品の寸法を記録すれば、仮説を確かめられる。",
                "Exactly. The jig change is a strong hypothesis but still only a correlation. Recording the first piece's dimensions after each setup would test it.",
            ),
            (
                "もう一度データで確かめよう。他のラインの不良率は変わったか？遅延の件数が多いのは本当に自動車部品か？そして、時期が重なることは原因の証明になるか？",
                "Check the data again. Did the other lines' defect rates change? Are most late orders really automotive? And does matching timing prove a cause?",
            ),
        ),
        skills=["dss-p/v1/PS-2-3", "dss-p/v1/BT-2-3"],
        weight=2,
    ),
]
