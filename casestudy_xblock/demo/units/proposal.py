# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 6 — 経営層への提案 (proposal): fifteen minutes to get a decision from the board."""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "6. 経営層への提案：取締役会で「決めてもらう」"
STAGE = "proposal"
DATASETS = ("sales", "production", "customers", "staff_survey")
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    3週間後の取締役会で、チームに15分が与えられた。出席するのは社長、専務、常務（経理担当）、そして補助金と融資の相談相手として、地元の信用金庫の支店長が同席する。

    決めてもらいたいことは二つある。一つは、Bラインで効果の出た日報デジタル化と初品チェックを、他のラインへ広げること。もう一つは、医療機器向けの試作サービスを、既存顧客に限って試験提供すること。

    社長からは一言だけ。「数字で話してくれ。『DX』という言葉は使わなくていい」。

    **このユニットのゴール**：意思決定者が判断するために必要な根拠を選び抜き、結論と「お願い（決めてほしいこと）」を先に示す提案を組み立てる。情報の量ではなく、判断の材料を渡そう。
    """,
    """
    The board meets in three weeks and gives the team fifteen minutes. Present: the president, the senior managing director, the managing director (finance) and, as adviser on subsidies and loans, the branch manager of the local shinkin bank.

    You want two decisions. One: extend the digital daily reports and first-piece checks that worked on line B to the other lines. Two: pilot the medical prototype service with existing customers only.

    The president has one request: "Talk in numbers. You don't need to say 'DX'."

    **Goal of this unit**: pick the evidence the decision-makers need, and build a proposal that states the conclusion and the *ask* (what you want decided) first. Give them material to decide on, not volume.
    """,
)

MATERIALS = [
    material(
        "memo-board-agenda",
        "memo",
        ("取締役会 議題案（総務部）", "Board meeting: draft agenda (general affairs)"),
        (
            """
            1. 2024年度 決算見込み（常務）
            2. **生産現場のデジタル化とBライン試行の結果・全ライン展開の可否（DXチーム、15分）**
            3. **医療機器向け試作サービスの試験提供の可否（DXチーム、上記に含む）**
            4. ものづくり補助金の申請方針（信用金庫 支店長よりご助言）

            出席者の関心（総務部のメモ）：社長「現場が本当に楽になるのか」／常務「いくらかかって、いつ回収できるか」／専務「次の柱になるか」／支店長「計画の実現性と、うまくいかなかったときの手当て」
            """,
            """
            1. FY2024 results forecast (managing director, finance)
            2. **Shop-floor digitalisation: results of the line B pilot and whether to extend it to all lines (DX team, 15 min)**
            3. **Whether to pilot the medical prototype service (DX team, within the above)**
            4. Subsidy application policy (advice from the shinkin bank branch manager)

            What each attendee cares about (general affairs' note): president "does it really make the floor's work easier?"; finance director "what does it cost and when does it pay back?"; senior managing director "can it become a new pillar?"; branch manager "is the plan feasible, and what if it fails?"
            """,
        ),
    ),
    material(
        "document-deck-outline",
        "document",
        ("提案資料の骨子（テンプレート）", "Outline of the proposal deck (template)"),
        (
            """
            1. **結論とお願い**（1枚）：何を・いつまでに・いくらで決めてほしいか
            2. **現状と課題**（2枚）：データで示す事実と、その影響（金額・顧客）
            3. **打ち手と効果**（2枚）：Bライン試行の結果、展開した場合の効果と費用、回収期間
            4. **進め方と体制**（1枚）：責任者、スケジュール、現場の負担を減らす工夫
            5. **リスクと撤退基準**（1枚）：うまくいかなかったら、いつ・何を見て止めるか
            6. **新規事業の検証計画**（1枚）：仮説、試験提供の範囲、判断の時期
            7. 付録：データの定義、分析の方法
            """,
            """
            1. **Conclusion and ask** (1 slide): what to decide, by when, for how much
            2. **Situation and problems** (2 slides): facts shown with data and their impact (yen, customers)
            3. **Measures and effect** (2 slides): results of the line B pilot; effect, cost and payback if extended
            4. **Approach and team** (1 slide): owner, schedule, how the floor's burden is reduced
            5. **Risks and exit criteria** (1 slide): if it fails, when and on what signal we stop
            6. **Test plan for the new business** (1 slide): hypotheses, scope of the pilot, when to decide
            7. Appendix: data definitions, analysis method
            """,
        ),
    ),
]

QUESTIONS = [
    question(
        "evidence",
        "multiple",
        (
            "取締役会が判断するために必要な根拠として、**資料の本編に入れるべきもの**をすべて選べ。",
            "Select every piece of evidence the board needs to decide, i.e. what belongs **in the main part of the deck**.",
        ),
        choices=(
            choice(
                "defect-trend-and-loss",
                "Bラインの不良率の推移（2024年10月の治具変更の前後と試行後）と、不良による損失額",
                "Line B's defect rate over time (before and after the October 2024 jig change, and after the pilot) and the loss in yen",
            ),
            choice(
                "cost-payback-exit",
                "全ライン展開の費用と回収期間、うまくいかなかった場合の撤退基準",
                "Cost and payback of the roll-out, and the exit criteria if it fails",
            ),
            choice(
                "late-delivery-impact",
                "医療機器部品の納期遅延率の推移と、主要顧客への影響",
                "The trend of late deliveries of medical-device parts and the impact on key customers",
            ),
            choice(
                "survey-burden",
                "意識調査から分かった現場の負担と、負担を減らす具体策",
                "The floor's workload as shown by the survey, and the concrete ways the plan reduces it",
            ),
            choice(
                "operator-ranking",
                "作業者別の不良数ランキング",
                "A ranking of operators by defects",
            ),
            choice(
                "ai-trends",
                "生成AIなど最新技術のトレンド解説（10枚）",
                "Ten slides on trends in generative AI and other new technology",
            ),
            choice(
                "all-sql",
                "分析に使ったSQLと、データの全件の一覧",
                "Every SQL query used and a full listing of the data",
            ),
        ),
        answer=[
            "defect-trend-and-loss",
            "cost-payback-exit",
            "late-delivery-impact",
            "survey-burden",
        ],
        hints=(
            (
                "議題案の「出席者の関心」の一つひとつに、どの根拠が答えるかを対応させよう。",
                "Map each attendee's concern in the draft agenda to the evidence that answers it.",
            ),
            (
                "分析の方法は大事だが、本編ではなく付録に置く。",
                "The method matters, but it goes in the appendix, not the main part.",
            ),
        ),
        feedback=(
            (
                "そのとおり。社長（現場の負担）、常務（費用と回収）、専務（顧客と次の柱）、支店長（実現性と撤退基準）の関心に、それぞれ根拠で答えている。",
                "Exactly: each attendee's concern — the floor's burden, cost and payback, customers and the next pillar, feasibility and exit — is answered with evidence.",
            ),
            (
                "判断に使わない情報は、量が多いほど判断を妨げる。個人ランキングは現場の信頼を壊し、技術解説やSQLは決定の材料ではない。",
                "Information not used to decide only gets in the way. A personal ranking destroys the floor's trust; technology overviews and SQL are not material for the decision.",
            ),
        ),
        skills=["dss-p/v1/BT-1-1", "dss-p/v1/PS-2-3"],
        weight=2,
    ),
    question(
        "defect-loss",
        "numeric",
        (
            "資料の「現状と課題」に載せる数字として、2024年10月1日〜2025年3月31日にBラインで出た不良による損失額を求めよ。損失額 ＝ `不良数` の合計 × 4,200円。**万円単位の整数**で答えよ。",
            'For the "situation and problems" slide, compute the loss from line B\'s defects from 1 October 2024 to 31 March 2025: total `不良数` × ¥4,200. Answer **in units of ¥10,000 (万円), as a whole number**.',
        ),
        expected_sql="""
            SELECT ROUND(SUM("不良数") * 4200 / 10000.0, 0)
            FROM production
            WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-10-01' AND '2025-03-31'
        """,
        tolerance={"mode": "rel", "value": 0.02},
        hints=(
            (
                "1万円＝10,000円。円で計算してから10,000で割る。",
                "¥10,000 = 1万円: compute in yen, then divide by 10,000.",
            ),
        ),
        feedback=(
            (
                "正解。半年で数百万円規模の損失は、PoCの初期費用180万円と並べると、判断の材料として強い。",
                "Correct. A loss of several million yen in half a year, set beside the PoC's ¥1.8M initial cost, is strong material for a decision.",
            ),
            (
                "Bライン・期間で不良数を合計し、4,200円を掛けてから万円に直そう。",
                "Sum line B's defects over the period, multiply by ¥4,200, and convert to 万円.",
            ),
        ),
        skills=["dss-p/v1/BT-2-4", "dss-p/v1/DU-1-1"],
    ),
    question(
        "medical-late-rate",
        "numeric",
        (
            "同じく「現状と課題」に載せる数字として、2024年10月〜2025年3月に受注した医療機器部品のうち出荷済みの注文の**納期遅延率**（%）を求めよ。小数第1位まで。",
            'Also for the "situation and problems" slide: the **late-delivery rate** (%) of medical-device parts ordered from October 2024 to March 2025 that have shipped. One decimal place.',
        ),
        expected_sql="""
            SELECT ROUND(100.0 * AVG(CASE WHEN "納期遅延日数" > 0 THEN 1 ELSE 0 END), 1)
            FROM sales
            WHERE "製品カテゴリ" = '医療機器部品' AND "出荷日" IS NOT NULL
              AND "受注日" BETWEEN '2024-10-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "未出荷の注文（`出荷日` が空欄）は分母に入れない。",
                "Leave unshipped orders (empty `出荷日`) out of the denominator.",
            ),
            (
                "2023年度の同じ時期の値と並べると、変化がはっきり伝わる。",
                "Show it next to the same months of FY2023 to make the change plain.",
            ),
        ),
        feedback=(
            (
                "正解。医療の注文の3件に1件以上が遅れている。前年度の同じ時期の値や、主要顧客が他社を検討し始めている事実と並べれば、「待つコスト」が伝わる。",
                "Correct: more than one medical order in three is late. Put it next to the same months a year earlier, and to the fact that key customers are looking at other suppliers, and the cost of waiting is clear.",
            ),
            (
                "医療機器部品・出荷済み・受注日が2024年10月〜2025年3月の注文で、遅延日数が1日以上の割合を求めよう。",
                "Among shipped medical-device orders placed from October 2024 to March 2025, find the share that were 1 day or more late.",
            ),
        ),
        skills=["dss-p/v1/BT-3-1", "dss-p/v1/DU-1-1"],
    ),
    question(
        "the-ask",
        "single",
        (
            "資料の1枚目に置く「お願い（決めてほしいこと）」として最も適切なのはどれか。",
            "Which is the best *ask* (what you want decided) for the first slide?",
        ),
        choices=(
            choice(
                "staged-rollout",
                "Bラインの結果を踏まえ、A・C・Dラインへの段階展開（予算と撤退基準つき）と製造部長を責任者とする体制、医療試作の既存顧客限定3か月の試験提供を承認してほしい。",
                "Based on line B's results, approve a staged roll-out to lines A, C and D (with budget and exit criteria) owned by the manufacturing manager, and a three-month pilot of medical prototypes with existing customers only.",
            ),
            choice(
                "erp-big-bang",
                "全社の基幹システム（ERP）を一括導入する8,000万円を承認してほしい。",
                "Approve ¥80M to introduce a company-wide ERP system all at once.",
            ),
            choice(
                "ai-inspection",
                "AI外観検査装置（1,200万円）の購入を承認してほしい。",
                "Approve the purchase of the AI visual-inspection machine (¥12M).",
            ),
            choice(
                "wait-a-year",
                "データがもっと揃うまで、判断を1年先送りしてほしい。",
                "Postpone the decision for a year until more data is available.",
            ),
        ),
        answer="staged-rollout",
        hints=(
            (
                "お願いは「具体的で、根拠と結びつき、決められる大きさ」であること。",
                "An ask should be concrete, tied to the evidence, and small enough to decide.",
            ),
        ),
        feedback=(
            (
                "そのとおり。実績に基づく段階展開と小さな試験提供は、費用とリスクが見え、撤退もできる。責任者を製造部長にすることで、現場が変革の当事者になる。",
                "Right. A staged roll-out built on results and a small pilot make cost and risk visible and can be stopped. Making the manufacturing manager the owner makes the floor the owner of the change.",
            ),
            (
                "大きすぎる投資、課題に合わない投資、先送りは、どれもこれまでの分析と結びつかない。根拠から自然に導かれる、決められる大きさのお願いを選ぼう。",
                "Too big, off-target or postponed: none follows from the analysis so far. Choose an ask that follows from the evidence and is small enough to decide.",
            ),
        ),
        skills=["dss-p/v1/BT-1-1", "dss-p/v1/PS-1-1", "dss-p/v1/BT-1-3"],
        weight=2,
    ),
]
