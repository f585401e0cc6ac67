# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 4 — 組織変革 (change): the floor is reluctant. Why, and what to do about it?"""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "4. 組織変革：現場が「やらされ感」を抱えないために"
STAGE = "change"
DATASETS = ("staff_survey",)
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    PoCの説明会の空気は重かった。質問は一つも出ず、終わったあとの休憩所で「また本社の思いつきか」という声が聞こえたと、藤森さんが教えてくれた。

    社長はいら立っている。「やる気のないやつは外して進めればいい」。しかし、Bラインの段取りを担っているのは製造部のベテランたちだ。彼らの協力なしに、初品の寸法チェックは回らない。

    総務部が、昨年11月に実施した従業員意識調査の結果（`staff_survey`）を出してくれた。総務部のExcelから保存したCSVなので、文字化けしたら文字コード（Shift_JIS）を確認しよう。

    **このユニットのゴール**：抵抗を「気持ちの問題」で片づけず、データから理由を読み解き、現場を巻き込む進め方を考える。
    """,
    """
    The PoC briefing was heavy. Not one question; afterwards, Ms Fujimori tells you, someone in the break room said "another bright idea from the office".

    The president is irritated: "Leave out whoever isn't keen and get on with it." But it is manufacturing's veterans who do the setups on line B. Without them, no first-piece checks.

    General affairs hands you last November's staff survey (`staff_survey`). It was saved from their Excel, so if the text looks garbled, check the encoding (Shift_JIS).

    **Goal of this unit**: don't write resistance off as attitude. Read its reasons in the data and design a way forward that brings the floor along.
    """,
)

MATERIALS = [
    material(
        "document-survey-form",
        "document",
        (
            "従業員意識調査 調査票（2024年11月・総務部）",
            "Staff survey questionnaire (November 2024, general affairs)",
        ),
        (
            """
            無記名。対象は役員・管理職を除く77名、回答70名（回答率91%）。各問に1〜5で答える（1：まったくそう思わない、3：どちらともいえない、5：とてもそう思う）。

            | 列名 | 質問文 |
            | --- | --- |
            | Q1_デジタル活用 | 仕事でパソコンやタブレットなどのデジタル機器を使いこなせている |
            | Q2_変化への前向きさ | 仕事のやり方が変わることに前向きだ |
            | Q3_業務負担感 | 日々の業務の負担が大きいと感じる |
            | Q4_データ活用の必要性 | 勘や経験だけでなく、データに基づいて判断することが必要だ |
            | Q5_部署間の情報共有 | 他部署と必要な情報が十分に共有されている |
            | 自由記述 | 会社への意見・要望（任意） |

            個人が特定されないよう、部署・年代・勤続年数は区分で聞いている。
            """,
            """
            Anonymous. Sent to the 77 staff other than executives and managers; 70 answered (91%). Each item is answered from 1 to 5 (1: strongly disagree, 3: neither, 5: strongly agree).

            | Column | Statement |
            | --- | --- |
            | Q1_デジタル活用 | I use PCs, tablets and other digital tools well in my work |
            | Q2_変化への前向きさ | I am positive about changes to the way we work |
            | Q3_業務負担感 | My daily workload feels heavy |
            | Q4_データ活用の必要性 | We need to decide on data, not only on intuition and experience |
            | Q5_部署間の情報共有 | Information we need is shared well with other departments |
            | 自由記述 | Comments and requests to the company (optional) |

            Department, age and length of service are asked in bands so that no one can be identified.
            """,
        ),
    ),
    material(
        "interview-komatsu-2",
        "interview",
        (
            "製造部長インタビュー（2回目）：小松 忠雄",
            "Second interview: Tadao Komatsu, Manufacturing Manager",
        ),
        (
            """
            わしらは反対しているわけじゃない。そこは分かってほしい。

            医療の短納期の仕事が入るたびに計画が変わって、段取り替えが1日に何回もある。段取りができるのは、結局わしと同年代の何人かだ。そいつらが朝から晩まで機械の間を走り回っている。そこへ「タブレットに入力しろ」「初品を測って記録しろ」と言われたら、誰だって「また仕事が増える」と思うさ。

            若いのはスマホに慣れているから、案外乗り気かもしれん。ただ、若いのだけでやったら、ベテランは「俺たちは要らないってことか」と受け取るぞ。
            """,
            """
            We are not against it. Please understand that.

            Every rush order from a medical customer changes the plan, and we change setups several times a day. In the end only a few men my age can do the setups, and they run between the machines from morning to night. Tell them "enter it on a tablet" and "measure and record the first piece", and anyone would think "more work again".

            The young ones are used to smartphones, so they might be keen. But do it with the young ones only, and the veterans will take it as "so we're not needed".
            """,
        ),
    ),
    material(
        "memo-president-note",
        "memo",
        (
            "社長の走り書き（会議メモの余白）",
            "The president's scribble (in the margin of meeting notes)",
        ),
        (
            """
            - 製造部はなぜこんなに後ろ向きなのか。年寄りが多いからか？
            - やる気のない者はPoCから外す。若手だけでやれば早い。
            - 説明会はもう一度やる必要があるのか？
            """,
            """
            - Why is manufacturing so negative? Because they are old?
            - Leave the unwilling out of the PoC. With only the young ones it will go faster.
            - Do we really need another briefing?
            """,
        ),
    ),
]

QUESTIONS = [
    question(
        "manufacturing-positivity",
        "numeric",
        (
            "製造部の回答者について、`Q2_変化への前向きさ` の平均を求めよ。小数第2位まで。",
            "For respondents in 製造部 (manufacturing), compute the mean of `Q2_変化への前向きさ` (positive about change). Two decimal places.",
        ),
        expected_sql="""
            SELECT ROUND(AVG("Q2_変化への前向きさ"), 2) FROM staff_survey WHERE "部署" = '製造部'
        """,
        tolerance={"mode": "abs", "value": 0.05},
        hints=(
            (
                "ファイルが文字化けしたら、Shift_JIS（CP932）として読み込み直す。",
                "If the file looks garbled, reload it as Shift_JIS (CP932).",
            ),
            ("他の部署の平均とも比べてみよう。", "Compare with the other departments' means."),
        ),
        feedback=(
            (
                "正解。製造部は中間の3を下回り、他のどの部署よりも低い。では、なぜ低いのか。",
                "Correct. Manufacturing is below the neutral 3 and lower than every other department. Now: why?",
            ),
            (
                "`部署` が「製造部」の行だけで、Q2の平均を取ろう。",
                "Take the mean of Q2 over rows whose `部署` is 製造部 only.",
            ),
        ),
        skills=["dss-p/v1/DU-2-1", "dss-p/v1/BT-1-3"],
    ),
    question(
        "manufacturing-burden",
        "numeric",
        (
            "製造部の回答者のうち、`Q3_業務負担感` に4以上（負担が大きい）と答えた人の割合（%）を求めよ。小数第1位まで。",
            "What share of respondents in 製造部 answered 4 or 5 to `Q3_業務負担感` (workload feels heavy)? In %, one decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE "Q3_業務負担感" >= 4) / COUNT(*), 1)
            FROM staff_survey WHERE "部署" = '製造部'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "分母は製造部の回答者全員、分子はQ3が4か5の人。",
                "The denominator is all manufacturing respondents; the numerator those who answered 4 or 5 to Q3.",
            ),
        ),
        feedback=(
            (
                "正解。製造部の半数以上が負担の大きさを訴えている。散布図でQ2とQ3を並べると、負担感が高い人ほど変化に後ろ向きな傾向が見える。",
                "Correct: more than half of manufacturing report a heavy workload. Plot Q2 against Q3 and you will see that the heavier the load, the less positive about change.",
            ),
            (
                "製造部の行に絞り、Q3が4以上の人数を全体の人数で割ろう。",
                "Filter to manufacturing and divide the number answering 4 or more to Q3 by all respondents.",
            ),
        ),
        skills=["dss-p/v1/DU-2-1", "dss-p/v1/BT-1-3"],
    ),
    question(
        "least-positive-age",
        "text",
        (
            "製造部の中で、`Q2_変化への前向きさ` の平均が最も低い年代はどれか。`年代` の値のとおりに答えよ（例：30代）。",
            "Within 製造部, which age band has the lowest mean `Q2_変化への前向きさ`? Answer with the value of `年代` as written (e.g. 30代).",
        ),
        expected_sql="""
            SELECT "年代" FROM staff_survey WHERE "部署" = '製造部'
            GROUP BY "年代" ORDER BY AVG("Q2_変化への前向きさ"), "年代" LIMIT 1
        """,
        hints=(
            (
                "製造部に絞り、年代ごとにQ2の平均を出す。同じ年代のQ3（負担感）の平均も並べてみよう。",
                "Filter to manufacturing and average Q2 per age band. Put each band's mean Q3 (workload) beside it.",
            ),
        ),
        feedback=(
            (
                "正解。ただし、同じ年代は負担感も最も高い。段取りを一手に担うベテラン層だ。年齢そのものより「負担」が効いている可能性を考えよう。",
                "Correct. But the same band also reports the heaviest workload: the veterans who carry the setups. Consider that the load, more than age itself, may be what matters.",
            ),
            (
                "製造部だけを年代で分けて平均を比べよう。答えは「50代」のように年代の値そのままで。",
                "Split manufacturing by age band and compare the means. Answer with the band's value, like 50代.",
            ),
        ),
        skills=["dss-p/v1/DU-1-1", "dss-p/v1/DU-2-1"],
    ),
    question(
        "how-to-engage",
        "single",
        (
            "調査の結果と資料を踏まえ、製造部の後ろ向きさについて**データと最も整合する解釈と進め方**はどれか。",
            "Given the survey and the materials, which **reading of manufacturing's reluctance, and way forward, fits the data best**?",
        ),
        choices=(
            choice(
                "no-need-felt",
                "製造部はデータ活用の必要性を感じていない。まず研修で意識を変える。",
                "Manufacturing sees no need for data. Change their mindset with training first.",
            ),
            choice(
                "reduce-burden-involve-veterans",
                "負担感の高い人ほど変化に後ろ向きで、必要性は感じている。紙の日報をやめるなど入力を減らす設計にし、段取りを担うベテランを推進役として巻き込む。",
                "The more burdened, the more reluctant, yet they do see the need. Design the change to remove work (e.g. drop the paper report) and bring the veterans who do the setups in as champions.",
            ),
            choice(
                "young-only",
                "50代は変化を嫌う世代なので、若手だけでPoCを進める。",
                "People in their fifties dislike change, so run the PoC with young staff only.",
            ),
            choice(
                "exclude-unwilling",
                "反対する人を外し、賛成する人だけで進める。",
                "Leave out the opponents and proceed with the supporters.",
            ),
        ),
        answer="reduce-burden-involve-veterans",
        hints=(
            (
                "製造部の `Q4_データ活用の必要性` の平均を見よう。",
                "Look at manufacturing's mean for `Q4_データ活用の必要性` (need for data).",
            ),
            (
                "製造部の中で、Q2とQ3の関係（相関）を見よう。自由記述も読もう。",
                "Within manufacturing, look at how Q2 relates to Q3 (correlation). Read the comments too.",
            ),
        ),
        feedback=(
            (
                "そのとおり。製造部も必要性は感じており（Q4は高い）、後ろ向きさは負担と強く結びついている。変革は「仕事を減らす」ことから始め、影響力のあるベテランを当事者にするのが近道だ。",
                "Exactly. Manufacturing does see the need (Q4 is high), and reluctance goes with workload. Start the change by *removing* work, and make the influential veterans owners of it.",
            ),
            (
                "Q4を見れば必要性は感じていると分かる。年齢で線を引いたり反対者を外したりすると、段取りを担う人の協力を失う。負担と前向きさの関係を見直そう。",
                "Q4 shows they do see the need. Drawing lines by age or excluding opponents loses the people who do the setups. Look again at workload against positivity.",
            ),
        ),
        skills=["dss-p/v1/BT-1-3", "dss-p/v1/PS-1-1", "dss-p/v1/PS-1-2"],
        weight=2,
    ),
]
