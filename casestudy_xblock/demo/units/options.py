# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 2 — 打ち手の検討 (options): four proposals, one budget, which first?"""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "2. 打ち手の検討：どの一手から始めるか"
STAGE = "options"
DATASETS = ("sales", "production", "customers")
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    チームが「医療機器部品の納期遅延」と「10月以降のBラインの不良増加（寸法不良が中心）」を報告すると、社内からすぐにいくつもの打ち手が出てきた。どれももっともらしく、どれにも推す人がいる。

    社長の言葉はこうだ。「全部はできない。今年使えるのは補助金を入れても数百万円まで。**どれから手をつけるか、理由をつけて決めてくれ**」。

    **このユニットのゴール**：打ち手を「効果（どの課題にどれだけ効くか）」「費用」「早さ」「現場の負担」で比べ、データで効果を見積もる。誰が言ったかではなく、課題との対応で選ぼう。
    """,
    """
    When the team reports "late deliveries of medical-device parts" and "more defects on line B since October, mostly dimensional", proposals pour in. Each sounds reasonable and each has a champion.

    The president puts it this way: "We can't do everything. This year we can spend a few million yen at most, subsidy included. **Decide where to start, and tell me why.**"

    **Goal of this unit**: compare the options by effect (which problem, how much), cost, speed and burden on the floor, and estimate the effect from the data. Choose by fit to the problem, not by who proposed it.
    """,
)

MATERIALS = [
    material(
        "memo-proposals",
        "memo",
        ("社内から出た打ち手の一覧", "Proposals from inside the company"),
        (
            """
            | 案 | 提案者 | 内容 | 概算費用 | 効果が出るまで |
            | --- | --- | --- | --- | --- |
            | A | 宮坂（営業） | 受注をWeb発注・EDIに切り替え、FAXの手入力をなくす | 300万円＋月3万円 | 6か月（顧客との調整が必要） |
            | B | 百瀬（品証）・藤森（生技） | Bラインの日報をタブレット入力にし、不良を日次で見える化。段取り後の初品寸法チェックを記録する | 180万円＋月6万円 | 1〜3か月 |
            | C | 山並社長 | 展示会で見たAI画像検査装置をBラインに導入 | 1,200万円 | 6か月 |
            | D | 小松（製造） | 熟練工を2名採用し、Bラインの人手を増やす | 年1,000万円（人件費） | 採用できれば半年〜 |
            """,
            """
            | Option | Proposed by | What | Rough cost | Time to effect |
            | --- | --- | --- | --- | --- |
            | A | Miyasaka (sales) | Move orders to web ordering / EDI, end manual typing of faxes | ¥3.0M + ¥30k/month | 6 months (customers must agree) |
            | B | Momose (QA), Fujimori (prod. eng.) | Line B daily reports on tablets, defects visible daily; record a first-piece dimension check after every setup | ¥1.8M + ¥60k/month | 1-3 months |
            | C | President Yamanami | The AI image-inspection machine he saw at a trade show, on line B | ¥12M | 6 months |
            | D | Komatsu (manufacturing) | Hire two skilled machinists for line B | ¥10M a year (wages) | 6 months+, if we can hire |
            """,
        ),
    ),
    material(
        "document-ai-quote",
        "document",
        (
            "AI外観検査装置 見積概要（ベンダー提出）",
            "AI visual-inspection machine: quotation summary (from the vendor)",
        ),
        (
            """
            - 装置：カメラ4台＋照明＋判定用PC、ディープラーニングによる良否判定
            - **検出対象：キズ、打痕、変色、異物付着などの外観不良**
            - 対象外：寸法・幾何公差の測定（三次元測定機またはインライン測定器をご検討ください）
            - 学習用に不良品画像が1品番あたり300枚程度必要
            - 価格：1,200万円（据付・学習支援込み）、年間保守 80万円
            """,
            """
            - Equipment: four cameras, lighting and an inference PC; pass/fail judged by deep learning
            - **Detects appearance defects: scratches, dents, discoloration, foreign matter**
            - Not covered: dimensional and geometric tolerances (consider a CMM or in-line gauges)
            - Needs about 300 images of defective parts per part number for training
            - Price: ¥12M (installation and training support included); maintenance ¥0.8M a year
            """,
        ),
    ),
    material(
        "interview-manufacturing",
        "interview",
        ("製造部長インタビュー：小松 忠雄", "Interview: Manufacturing Manager Tadao Komatsu"),
        (
            """
            段取りを半分にしたのは、現場がみんなで工夫した成果だ。医療の仕事は品番が多くて、1日に何回も段取り替えがある。そこを短くしなきゃ、とても回らん。

            治具のせいにされるのは心外だね。寸法が出ないのは、腕のいいやつが足りないからだよ。昔は段取りのあと、ベテランがじっくり芯を出してから流したもんだ。いまはそんな時間はない。

            タブレット？入力が増えるなら反対だ。ただ、不良の数字が次の日に分かるなら……それは正直、助かる。月末にまとめて言われても、もう何が悪かったか覚えてないからな。
            """,
            """
            Halving the setup time was the whole floor's effort. Medical work has many part numbers and we change setups several times a day. Unless that gets shorter, we simply can't keep up.

            I resent blaming the jig. Dimensions go wrong because we don't have enough skilled hands. In the old days a veteran took his time centring after a setup before running parts. Now there's no time for that.

            Tablets? If it means more typing, I'm against it. But if we knew the defect numbers the next day... honestly, that would help. Told at month end, nobody remembers what went wrong.
            """,
        ),
    ),
]

QUESTIONS = [
    question(
        "dimensional-share",
        "numeric",
        (
            "2024年10月1日〜2025年3月31日のBラインの不良のうち、**寸法不良**が占める割合（`寸法不良` の合計 ÷ `不良数` の合計、%）を求めよ。小数第1位まで。",
            "Of line B's defects from 1 October 2024 to 31 March 2025, what share are **dimensional** (sum of `寸法不良` ÷ sum of `不良数`, in %)? One decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * SUM("寸法不良") / SUM("不良数"), 1)
            FROM production
            WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-10-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "`不良数` は4つの不良区分（寸法・外観・バリ・その他）の合計になっている。",
                "`不良数` is the sum of the four defect columns (dimensional, appearance, burrs, other).",
            ),
            (
                "見積書の「検出対象」と見比べよう。",
                "Compare with what the quotation says the machine detects.",
            ),
        ),
        feedback=(
            (
                "正解。増えた不良の大半は寸法不良で、AI外観検査装置の検出対象外だ。1,200万円の装置は、いまの課題には当たらない。",
                "Correct. Most of the extra defects are dimensional, which the AI visual-inspection machine does not detect. The ¥12M machine misses today's problem.",
            ),
            (
                "Bライン・期間を絞ってから、寸法不良の合計を不良数の合計で割ろう。",
                "Filter to line B and the period, then divide the sum of 寸法不良 by the sum of 不良数.",
            ),
        ),
        skills=["dss-p/v1/DU-1-1", "dss-p/v1/TE-2-3"],
    ),
    question(
        "avoidable-defects",
        "numeric",
        (
            "Bラインの不良率が2024年度上期（2024年4〜9月）の水準に戻っていたら、下期（2024年10月〜2025年3月）の不良は**1か月あたり何個**少なかったか。下期の実際の生産数を使い、「下期の実際の不良数 −（下期の生産数 × 上期の不良率）」を6で割って、整数で答えよ。",
            "Had line B's defect rate stayed at its level of the first half of FY2024 (April-September 2024), how many **fewer defects per month** would the second half (October 2024-March 2025) have had? Use the second half's actual output: (actual defects − output × first-half rate) ÷ 6, as a whole number.",
        ),
        expected_sql="""
            WITH halves AS (
                SELECT "日付" >= '2024-10-01' AS second_half,
                       SUM("不良数") AS defects, SUM("生産数") AS output
                FROM production
                WHERE "ライン" = 'Bライン' AND "日付" BETWEEN '2024-04-01' AND '2025-03-31'
                GROUP BY 1
            )
            SELECT ROUND((h2.defects - h2.output * h1.defects / h1.output) / 6, 0)
            FROM halves h1, halves h2
            WHERE NOT h1.second_half AND h2.second_half
        """,
        tolerance={"mode": "rel", "value": 0.05},
        hints=(
            (
                "まず上期の不良率（不良数の合計 ÷ 生産数の合計）を求める。",
                "First compute the first-half rate (total defects ÷ total output).",
            ),
            (
                "下期の生産数にその率を掛けたものが「上期の水準なら出ていた不良数」。実際の不良数との差を6か月で割る。",
                "Second-half output × that rate is what the defects would have been; take the gap to the actual defects and divide by six months.",
            ),
        ),
        feedback=(
            (
                "正解。これが打ち手Bの「効果の上限」の目安になる。次のユニットで、費用と比べて投資回収を見積もろう。",
                "Correct. This is a ceiling for option B's effect. In the next unit, set it against the cost to estimate the payback.",
            ),
            (
                "上期と下期で別々に不良率を出し、下期の生産数を基準に差を計算しよう。日数ではなく6か月で割る。",
                "Compute each half's rate separately and take the gap on the second half's output; divide by six months, not by days.",
            ),
        ),
        skills=["dss-p/v1/BT-2-4", "dss-p/v1/DU-1-3"],
    ),
    question(
        "fax-share",
        "numeric",
        (
            "打ち手Aの効果の大きさを見るため、2024年度に受注した注文のうち、`主な受注方法` が「FAX」の顧客からの注文が占める割合（件数ベース、%）を求めよ。`顧客ID` で顧客マスタと結合する。小数第1位まで。",
            "To size option A, compute the share of FY2024 orders (by count, in %) that came from customers whose `主な受注方法` (usual ordering channel) is FAX. Join the customer master on `顧客ID`. One decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE c."主な受注方法" = 'FAX') / COUNT(*), 1)
            FROM sales s JOIN customers c ON s."顧客ID" = c."顧客ID"
            WHERE s."受注日" BETWEEN '2024-04-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "受注実績には受注方法がない。顧客マスタの `主な受注方法` を顧客ごとに付け足そう。",
                "The order book has no channel column: bring in `主な受注方法` from the customer master per customer.",
            ),
        ),
        feedback=(
            (
                "正解。注文のおよそ半分がFAXで、営業の手入力の負担は大きい。ただし、これは納期遅延の主因（医療・Bライン）ではない。効果は大きいが「次の一手」に向く。",
                "Correct. About half the orders arrive by fax, a real burden for sales. But it is not the main cause of the late deliveries (medical, line B): worth doing, as a next step.",
            ),
            (
                "2024年度の受注に顧客マスタを結合し、FAXの顧客からの件数を全件数で割ろう。",
                "Join FY2024 orders to the customer master and divide the count from FAX customers by all orders.",
            ),
        ),
        skills=["dss-p/v1/DU-1-1", "dss-p/v1/BT-2-3"],
    ),
    question(
        "first-move",
        "single",
        (
            "データと資料を踏まえ、**最初の一手**として最も妥当なのはどれか。",
            "Given the data and the materials, which is the most sensible **first move**?",
        ),
        choices=(
            choice("a-web-orders", "案A：受注のWeb発注・EDI化", "Option A: web ordering and EDI"),
            choice(
                "b-daily-reports",
                "案B：Bラインの日報デジタル化と、段取り後の初品寸法チェックの記録",
                "Option B: digital daily reports on line B and a recorded first-piece dimension check after setups",
            ),
            choice(
                "c-ai-inspection",
                "案C：AI外観検査装置の導入",
                "Option C: the AI visual-inspection machine",
            ),
            choice("d-hire", "案D：熟練工の採用", "Option D: hire skilled machinists"),
        ),
        answer="b-daily-reports",
        hints=(
            (
                "増えた不良の種類と、AI装置の検出対象を比べよう。",
                "Compare the kind of defects that rose with what the AI machine detects.",
            ),
            (
                "費用・早さ・確かめやすさの観点でも比べよう。製造部長が「助かる」と言ったのはどこか。",
                "Also compare cost, speed and how easily it can be tested. What did the manufacturing manager say would help?",
            ),
        ),
        feedback=(
            (
                "そのとおり。案Bは安く早く始められ、寸法不良と段取りの関係という仮説を確かめられ、製造部長も「次の日に分かるなら助かる」と言っている。案Aは効果が大きいので第二弾に。",
                "Right. Option B is cheap and quick, tests the hypothesis linking setups and dimensional defects, and even the manufacturing manager said next-day numbers would help. Option A has a large effect too: make it the second step.",
            ),
            (
                "AI外観検査は寸法不良を検出できず、採用は時間がかかり原因の確認にもならない。Web発注は大事だが、納期遅延の主因ではない。課題との対応で選び直そう。",
                "AI visual inspection cannot detect dimensional defects; hiring is slow and tests nothing; web ordering matters but is not why deliveries are late. Choose again by fit to the problem.",
            ),
        ),
        skills=["dss-p/v1/PS-2-2", "dss-p/v1/BT-2-4", "dss-p/v1/TE-2-3"],
        weight=2,
    ),
]
