# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 3 — 導入計画 (plan): a three-month pilot on line B, with KPIs and a payback."""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "3. 導入計画：小さく始めて、確かめる"
STAGE = "plan"
DATASETS = ("production",)
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    社長は案Bを採ると決めた。ただし条件つきだ。「いきなり全社は無理だ。まずBラインで3か月試して、効果が数字で見えたら広げる」。

    専務の山並翔太さんと生産技術課の藤森さんが、PoC（概念実証）の計画書の案を作った。あなたのチームの仕事は、この計画を「確かめられる計画」に仕上げることだ。何を測れば成功と言えるのか。いくらかかり、いつ元が取れるのか。現場と顧客の情報を守れるか。

    **このユニットのゴール**：目的に直結するKPIと比較の基準（ベースライン）を決め、費用対効果を数字で示し、セキュリティとプライバシーのルールを計画に組み込む。
    """,
    """
    The president chooses option B, on one condition: "Not the whole company at once. Try it on line B for three months; if the effect shows in the numbers, we roll it out."

    Senior Managing Director Shota Yamanami and Ms Fujimori of production engineering have drafted a proof-of-concept (PoC) plan. Your team's job is to turn it into a plan that can be *tested*: what to measure to call it a success, what it costs and when it pays back, and how the floor's and customers' information stays safe.

    **Goal of this unit**: set KPIs tied to the purpose with a baseline to compare against, show cost against benefit in numbers, and build security and privacy rules into the plan.
    """,
)

MATERIALS = [
    material(
        "document-poc-plan",
        "document",
        ("Bライン日報デジタル化 PoC計画書（案）", "Line B digital daily reports: PoC plan (draft)"),
        (
            """
            **目的**：Bラインの不良（特に寸法不良）を翌日までに見える化し、段取りとの関係を確かめて、不良率を2024年度上期の水準に戻す。

            **範囲と期間**：Bライン（SW-01・SW-02）、2025年5月〜7月の3か月。

            **やること**
            1. 紙の日報をやめ、タブレットで入力する（入力項目は今の紙と同じか、それより少なくする）
            2. 段取りのたびに初品の寸法を測り、結果をタブレットに記録する
            3. 毎週月曜の朝礼で、前週の設備別の不良率を10分で確認する

            **体制**：責任者 小松製造部長、推進 藤森、データ確認 百瀬、支援 山並専務

            **費用**
            | 項目 | 金額 |
            | --- | --- |
            | タブレット2台・スタンド・ケース | 24万円 |
            | 日報アプリの初期設定・帳票設計 | 96万円 |
            | 操作説明会・マニュアル | 20万円 |
            | 予備費 | 40万円 |
            | **初期費用 合計** | **180万円** |
            | クラウド日報サービス利用料・通信費 | 月6万円 |

            **参考**：品質保証課の試算では、Bラインの不良1個あたりの損失（材料費・加工費・再検査）は**4,200円**。
            """,
            """
            **Purpose**: make line B's defects (dimensional above all) visible by the next day, test their link to setups, and bring the defect rate back to the level of the first half of FY2024.

            **Scope and period**: line B (SW-01, SW-02), May to July 2025, three months.

            **What we do**
            1. Stop paper reports and enter them on a tablet (no more fields than the paper form, preferably fewer)
            2. Measure the first piece's dimensions after every setup and record the result on the tablet
            3. Every Monday morning meeting, spend 10 minutes on last week's defect rate per machine

            **Team**: owner Komatsu (manufacturing manager), driver Fujimori, data checks Momose, support Shota Yamanami

            **Cost**
            | Item | Amount |
            | --- | --- |
            | Two tablets, stands, cases | ¥240k |
            | Daily-report app set-up and form design | ¥960k |
            | Training session and manual | ¥200k |
            | Contingency | ¥400k |
            | **Initial cost, total** | **¥1.8M** |
            | Cloud report service and data plan | ¥60k a month |

            **For reference**: quality assurance estimates the loss per defective part on line B (material, machining, re-inspection) at **¥4,200**.
            """,
        ),
    ),
    material(
        "memo-security",
        "memo",
        (
            "専務メモ：PoCの情報セキュリティとルール",
            "Memo from Shota Yamanami: information security and rules for the PoC",
        ),
        (
            """
            - タブレットは会社支給のみ。**個人のスマートフォンは使わない**。
            - アカウントは一人ひとりに発行し、共用しない。異動・退職したらその日に止める。
            - クラウドのデータは国内のデータセンターに保管されるサービスを選ぶ。
            - 顧客の**図面データはアップロードしない**（品番と寸法の測定値だけを記録する）。
            - 日報には作業者名が入る。**何のために使い、誰が見られるか**を説明会で先に伝える。
            """,
            """
            - Company tablets only. **No personal smartphones.**
            - One account per person, never shared; disabled on the day someone moves or leaves.
            - Choose a service that keeps the data in data centres in Japan.
            - **Never upload customers' drawings** (record only part numbers and measured dimensions).
            - Reports carry the operator's name. Explain **what it is used for and who can see it** at the briefing, before starting.
            """,
        ),
    ),
    material(
        "interview-fujimori",
        "interview",
        ("生産技術課インタビュー：藤森 彩花", "Interview: Ayaka Fujimori, Production Engineering"),
        (
            """
            毎月、紙の日報をExcelに打ち込むのに丸3日かかっています。字が読めなくて、現場に聞きに行くこともあります。

            PoCで一番心配なのは、現場の負担が増えることです。入力項目を欲張ったら、絶対に続きません。最初は「今の紙と同じ項目」と「初品の寸法」だけにしたいです。

            それと、段取り時間が短くなったのは本当に現場の成果なので、不良が減っても段取り時間が元に戻ったら意味がないと思っています。両方を見られるようにしたいです。
            """,
            """
            Typing the paper reports into Excel takes me three full days every month. Sometimes I can't read the handwriting and have to go and ask.

            What worries me most about the PoC is more work for the floor. If we get greedy with fields it will never last. To start with I want only the fields on today's paper form, plus the first-piece dimensions.

            Also, shorter setups really are the floor's achievement. If defects go down but setup time goes back up, we've gained nothing. I want us to watch both.
            """,
        ),
    ),
]

QUESTIONS = [
    question(
        "setup-baseline",
        "numeric",
        (
            "PoCで「段取り時間を後戻りさせない」ための比較の基準として、2024年10月1日〜2025年3月31日のBラインの**段取り1回あたりの平均段取り時間**（`段取り時間(分)` の合計 ÷ `段取り回数` の合計、分）を求めよ。小数第1位まで。",
            "As the baseline that keeps setup time from sliding back during the PoC, compute line B's **average minutes per setup** from 1 October 2024 to 31 March 2025 (sum of `段取り時間(分)` ÷ sum of `段取り回数`). One decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(SUM("段取り時間(分)") * 1.0 / SUM("段取り回数"), 1)
            FROM production
            WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-10-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "`段取り時間(分)` は1日の合計。1回あたりにするには回数の合計で割る。",
                "`段取り時間(分)` is the day's total; divide by the total number of setups to get minutes per setup.",
            ),
            (
                "10月より前の値（約46分）と比べてみよう。",
                "Compare with the value before October (about 46 minutes).",
            ),
        ),
        feedback=(
            (
                "正解。10月以降は1回あたり半分ほどになった。PoCでは不良率と並べてこの値を見張り、品質のために段取りを元の長さに戻すのではなく、短いまま寸法を安定させる方法を探す。",
                "Correct. Since October each setup takes about half as long. In the PoC, watch this next to the defect rate, and look for a way to keep setups short *and* dimensions stable rather than going back to long setups.",
            ),
            (
                "Bラインの期間内の行で、段取り時間の合計を段取り回数の合計で割ろう。日ごとの平均の平均ではない。",
                "For line B's rows in the period divide total setup minutes by total setups, not an average of daily averages.",
            ),
        ),
        skills=["dss-p/v1/PS-2-1", "dss-p/v1/DU-1-3"],
    ),
    question(
        "payback-months",
        "numeric",
        (
            "PoC計画書の費用（初期180万円、月額6万円）と不良1個あたりの損失4,200円を使い、ユニット2で求めた「1か月あたり減らせる不良数」がそのまま実現するとして、初期費用を**何か月で回収できるか**を求めよ。回収月数 ＝ 1,800,000 ÷（減らせる不良数 × 4,200 − 60,000）。小数第1位まで。",
            "Using the PoC plan's cost (¥1.8M initial, ¥60k a month) and the ¥4,200 loss per defect, and assuming the monthly reduction in defects you found in unit 2 is fully achieved, in **how many months** does the initial cost pay back? Months = 1,800,000 ÷ (defects avoided × 4,200 − 60,000). One decimal place.",
        ),
        expected_sql="""
            WITH halves AS (
                SELECT "日付" >= '2024-10-01' AS second_half,
                       SUM("不良数") AS defects, SUM("生産数") AS output
                FROM production
                WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-04-01' AND '2025-03-31'
                GROUP BY 1
            ),
            avoided AS (
                SELECT (h2.defects - h2.output * h1.defects / h1.output) / 6 AS per_month
                FROM halves h1, halves h2
                WHERE NOT h1.second_half AND h2.second_half
            )
            SELECT ROUND(1800000 / (per_month * 4200 - 60000), 1) FROM avoided
        """,
        tolerance={"mode": "rel", "value": 0.1},
        hints=(
            (
                "1か月あたりの効果（円）＝ 減らせる不良数 × 4,200円。そこから月額費用6万円を引いたものが、毎月の「正味の効果」。",
                "Monthly benefit (¥) = defects avoided × ¥4,200; minus the ¥60k monthly fee gives the net monthly benefit.",
            ),
            (
                "ユニット2の値を丸めて使っても、許容範囲に入る。",
                "Using your rounded answer from unit 2 is fine: it is within tolerance.",
            ),
        ),
        feedback=(
            (
                "正解。半年ほどで回収できる見込みだ。ただしこれは「上期の水準まで戻る」前提の上限。計画書には、効果が半分だった場合の回収月数も並べて書いておこう。",
                "Correct: a payback of roughly half a year. But it assumes a full return to the first-half level, an upper bound. Put the payback if only half the effect materialises next to it in the plan.",
            ),
            (
                "月の正味の効果（減らせる不良数×4,200円−6万円）で初期費用180万円を割ろう。",
                "Divide the ¥1.8M initial cost by the net monthly benefit (defects avoided × ¥4,200 − ¥60k).",
            ),
        ),
        skills=["dss-p/v1/BT-2-4", "dss-p/v1/BT-1-6"],
    ),
    question(
        "pilot-kpis",
        "multiple",
        (
            "PoCで追う**KPI**として適切なものをすべて選べ。",
            "Select every **KPI** the PoC should track.",
        ),
        choices=(
            choice(
                "defect-rate-by-machine",
                "設備別・週別の不良率（寸法不良を分けて）",
                "Defect rate per machine and week, with dimensional defects shown separately",
            ),
            choice(
                "first-piece-check",
                "段取り後の初品寸法チェックの実施率と合格率",
                "Share of setups with a first-piece dimension check, and its pass rate",
            ),
            choice(
                "setup-minutes",
                "段取り1回あたりの時間（改善を後戻りさせないための見張り役）",
                "Minutes per setup (a guard so the earlier improvement does not slide back)",
            ),
            choice(
                "report-minutes",
                "日報の入力にかかる時間（1日あたり）",
                "Minutes spent entering the daily report (per day)",
            ),
            choice("logins", "タブレットへのログイン回数", "Number of logins to the tablets"),
            choice(
                "operator-ranking",
                "作業者ごとの不良数ランキング",
                "Ranking of operators by number of defects",
            ),
            choice("tablet-count", "導入したタブレットの台数", "Number of tablets installed"),
        ),
        answer=["defect-rate-by-machine", "first-piece-check", "setup-minutes", "report-minutes"],
        hints=(
            (
                "KPIは「目的を達成できたか」を表すもの。道具を使った量は目的ではない。",
                "A KPI shows whether the purpose is met. How much a tool is used is not the purpose.",
            ),
            (
                "藤森さんが心配していた2つのことも、測る対象になる。",
                "The two things Ms Fujimori worried about can be measured too.",
            ),
        ),
        feedback=(
            (
                "そのとおり。成果（不良率）、仮説の検証（初品チェック）、副作用の見張り（段取り時間・入力負担）がそろった。",
                "Exactly: the outcome (defect rate), the test of the hypothesis (first-piece checks) and guards against side effects (setup time, reporting burden).",
            ),
            (
                "ログイン回数や台数は「やった量」で成果ではない。個人ランキングは原因を人に押しつけ、記録への協力を失わせる。",
                "Logins and tablet counts measure activity, not results. A personal ranking blames people and costs you their cooperation with the records.",
            ),
        ),
        skills=["dss-p/v1/PS-2-1", "dss-p/v1/DU-1-3"],
        weight=2,
    ),
    question(
        "operator-names",
        "single",
        (
            "日報アプリには作業者名が記録される。この扱いとして最も適切なのはどれか。",
            "The report app records the operator's name. Which way of handling it is most appropriate?",
        ),
        choices=(
            choice(
                "rank-and-post",
                "作業者名を記録し、個人別の不良数を掲示して競わせる。",
                "Record names and post defects per person to make people compete.",
            ),
            choice(
                "purpose-and-access",
                "記録の目的（工程の改善）を先に説明し、分析は設備・工程・段取りの単位で行い、個人の評価には使わないとルールで定める。閲覧できる人も必要な人に限る。",
                "Explain the purpose (improving the process) first; analyse by machine, process and setup; write down that it is never used to appraise individuals; and let only those who need it see it.",
            ),
            choice(
                "record-nothing",
                "反発を避けるため、日報には何も記録しない。",
                "To avoid resistance, record nothing at all.",
            ),
            choice(
                "track-phones",
                "作業者の同意を取らずに、スマートフォンの位置情報で作業時間を自動記録する。",
                "Record working time automatically from operators' smartphone locations, without asking them.",
            ),
        ),
        answer="purpose-and-access",
        hints=(("専務メモの最後の項目を読もう。", "Read the last item of the director's memo."),),
        feedback=(
            (
                "そのとおり。利用目的の明示と必要最小限のアクセスは個人情報保護の基本であり、現場の信頼を得る条件でもある。",
                "Right. Stating the purpose and keeping access to those who need it are basics of personal-data protection, and the condition for the floor's trust.",
            ),
            (
                "個人の監視や競争は協力を失い、記録をやめれば検証ができない。目的の明示とアクセスの制限で両立させよう。",
                "Surveillance and competition lose cooperation, and recording nothing tests nothing. Reconcile them with a stated purpose and limited access.",
            ),
        ),
        skills=["dss-p/v1/SE-1-4", "dss-p/v1/BT-1-3"],
    ),
]
