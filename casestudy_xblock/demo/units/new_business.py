# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Unit 5 — 新規事業 (new_business): can medical prototypes become a business?"""

from ..schema import choice, lt, material, question

DISPLAY_NAME = "5. 新規事業：医療機器の「試作・小ロット」を事業にできるか"
STAGE = "new_business"
DATASETS = ("sales", "customers")
MAX_ATTEMPTS = 3

NARRATIVE = lt(
    """
    （ここからは架空の後日談）3か月のPoCで、Bラインの寸法不良は目に見えて減った。段取り後の初品チェックで、治具の座面の摩耗による位置ずれが見つかったのだ。段取り時間は短いままだ。

    手応えを感じた専務の山並翔太さんが、次の一手を持ちかけてきた。「うちには医療機器の精密加工の実績と、検査記録をすぐに出せる仕組みができた。これを武器に、医療機器スタートアップ向けの**試作・小ロット短納期サービス**を始めたい」。

    社長は慎重だ。「自動車の仕事が減っていく中で、次の柱が要るのは分かる。だが本当に需要はあるのか。うちの客は昔からの付き合いばかりだぞ」。

    **このユニットのゴール**：既存事業の構造（顧客の顔ぶれと売上の伸び）をデータで捉え、新規事業の仮説を立て、大きく投資する前に小さく検証する方法を選ぶ。
    """,
    """
    (From here on, an imagined sequel.) After the three-month PoC, line B's dimensional defects dropped visibly: first-piece checks after setups revealed that wear on the jig's seat shifted the part. Setups stayed short.

    Encouraged, Senior Managing Director Shota Yamanami proposes the next step: "We have a record in precision machining for medical devices, and now a way to produce inspection records on demand. Let's use that to offer **quick-turn prototypes and small lots** to medical-device start-ups."

    The president is cautious: "I know we need a new pillar while automotive shrinks. But is there real demand? Our customers are all old acquaintances."

    **Goal of this unit**: capture the structure of the current business (who the customers are, where sales grow) from the data, state hypotheses for the new business, and choose how to test them small before investing big.
    """,
)

MATERIALS = [
    material(
        "interview-shota",
        "interview",
        ("専務インタビュー：山並 翔太", "Interview: Shota Yamanami, Senior Managing Director"),
        (
            """
            東京にいたころ、医療機器のスタートアップの知り合いが「試作を頼めるところがない」とよく言っていました。大手の加工会社は小ロットを嫌がるし、見積もりだけで2週間かかる。

            うちは医療の仕事の実績があって、PoCのおかげで、ロットごとの寸法の記録を検査成績書としてすぐに出せるようになりました。これは強みです。

            構想としては、Webで図面を受け付けて3日で見積もり、3週間で試作品を納める。将来は試作から量産まで一貫で受けたい。ただ、Webの見積もりシステムを作り込むと2,000万円はかかると言われています。
            """,
            """
            Back in Tokyo, friends at medical-device start-ups kept saying "there's nowhere to get prototypes made". Big machining firms dislike small lots, and a quotation alone takes two weeks.

            We have a track record in medical work, and thanks to the PoC we can now issue per-lot dimension records as inspection certificates right away. That is a strength.

            The concept: take drawings on the web, quote in three days, deliver prototypes in three weeks, and one day take products from prototype through to volume production. But a full web quotation system would cost around ¥20M, I'm told.
            """,
        ),
    ),
    material(
        "memo-customer-visits",
        "memo",
        ("営業課長の顧客訪問メモ", "Sales manager's notes from customer visits"),
        (
            """
            - **アルプスメディカル（C003）**：新製品の試作を3週間で出せる外注先が少ない。検査成績書が付くなら、多少高くても構わない。
            - **八ヶ岳バイオデバイス（C010、2023年〜の新しいお客様）**：創業3年のスタートアップ。1回10個単位の試作が多い。支払いは試作1回あたり30万円くらいまでが目安。
            - **相模メディテック（C008）**：Web発注が便利だと好評。ただし図面のやり取りは、セキュリティの理由で専用の仕組みを使いたいとのこと。
            - **信州オートパーツ（C001、1971年〜）**：EV化で、うちに出している部品は3年後に半分になるかもしれないと言われた。
            """,
            """
            - **Alps Medical (C003)**: few suppliers can deliver prototypes of new products in three weeks. With inspection certificates they will pay a bit more.
            - **Yatsugatake Bio Devices (C010, a new customer since 2023)**: a three-year-old start-up. Mostly prototypes of about ten pieces. Budget: up to about ¥300k per prototype run.
            - **Sagami Meditech (C008)**: likes ordering on the web, but for security reasons wants a dedicated channel for exchanging drawings.
            - **Shinshu Auto Parts (C001, since 1971)**: told us the parts they buy from us may halve in three years because of EVs.
            """,
        ),
    ),
]

QUESTIONS = [
    question(
        "medical-growth",
        "numeric",
        (
            "医療機器部品の受注金額（`金額` の合計）は、2023年度（2023年4月〜2024年3月の受注）から2024年度（2024年4月〜2025年3月）に何%増えたか。小数第1位まで。",
            "By what percentage did orders of medical-device parts (sum of `金額`) grow from FY2023 (ordered April 2023-March 2024) to FY2024 (April 2024-March 2025)? One decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * (SUM("金額") FILTER (WHERE "受注日" BETWEEN '2024-04-01' AND '2025-03-31')
                   / SUM("金額") FILTER (WHERE "受注日" BETWEEN '2023-04-01' AND '2024-03-31') - 1), 1)
            FROM sales WHERE "製品カテゴリ" = '医療機器部品'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "増加率（%）＝（2024年度 ÷ 2023年度 − 1）× 100。",
                "Growth (%) = (FY2024 ÷ FY2023 − 1) × 100.",
            ),
            (
                "他のカテゴリの増減も並べてみよう。自動車部品はどうか。",
                "Lay the other categories beside it. What about automotive?",
            ),
        ),
        feedback=(
            (
                "正解。医療機器部品は大きく伸び、自動車部品は減っている。新しい柱の候補として、医療には根拠がある。",
                "Correct. Medical-device parts grew strongly while automotive shrank. Medical has evidence behind it as a new pillar.",
            ),
            (
                "医療機器部品に絞り、年度ごとの金額の合計を出してから増加率を計算しよう。",
                "Filter to medical-device parts, total `金額` per fiscal year, then compute the growth.",
            ),
        ),
        skills=["dss-p/v1/BT-2-5", "dss-p/v1/DU-1-1"],
    ),
    question(
        "old-customer-share",
        "numeric",
        (
            "2024年度の受注金額のうち、`取引開始年` が2000年より前（1999年以前）の顧客からの受注が占める割合（%）を求めよ。小数第1位まで。",
            "What share (%) of FY2024 order value came from customers whose `取引開始年` (first year of business) is before 2000 (1999 or earlier)? One decimal place.",
        ),
        expected_sql="""
            SELECT ROUND(100.0 * SUM(s."金額") FILTER (WHERE c."取引開始年" < 2000) / SUM(s."金額"), 1)
            FROM sales s JOIN customers c ON s."顧客ID" = c."顧客ID"
            WHERE s."受注日" BETWEEN '2024-04-01' AND '2025-03-31'
        """,
        tolerance={"mode": "abs", "value": 0.5},
        hints=(
            (
                "受注実績に顧客マスタを `顧客ID` で結合し、`取引開始年` を付ける。",
                "Join the customer master on `顧客ID` to bring in `取引開始年`.",
            ),
        ),
        feedback=(
            (
                "正解。売上の半分以上を、四半世紀以上付き合いのある顧客に頼っている。その多くは自動車・産業機械で、EV化の影響を受けやすい。",
                "Correct. More than half the sales rely on customers of over a quarter-century, mostly automotive and industrial machinery, exposed to the EV shift.",
            ),
            (
                "2024年度の受注に取引開始年を結合し、1999年以前の顧客の金額を全体の金額で割ろう。件数ではなく金額で。",
                "Join FY2024 orders to the first year of business and divide the value from customers since 1999 or earlier by the total: by value, not by count.",
            ),
        ),
        skills=["dss-p/v1/BT-3-1", "dss-p/v1/BT-2-3"],
    ),
    question(
        "new-customer-industry",
        "single",
        (
            "`取引開始年` が2015年以降の顧客で、最も多い `業種` はどれか。",
            "Among customers whose `取引開始年` is 2015 or later, which `業種` (industry) is most common?",
        ),
        choices=(
            choice("auto", "自動車部品メーカー", "Automotive-parts makers (自動車部品メーカー)"),
            choice("medical", "医療機器メーカー", "Medical-device makers (医療機器メーカー)"),
            choice(
                "semiconductor",
                "半導体製造装置メーカー",
                "Semiconductor-equipment makers (半導体製造装置メーカー)",
            ),
            choice(
                "machinery", "産業機械メーカー", "Industrial-machinery makers (産業機械メーカー)"
            ),
            choice("trading", "商社", "Trading companies (商社)"),
        ),
        expected_sql="""
            SELECT CASE "業種" WHEN '自動車部品メーカー' THEN 'auto' WHEN '医療機器メーカー' THEN 'medical'
                   WHEN '半導体製造装置メーカー' THEN 'semiconductor'
                   WHEN '産業機械メーカー' THEN 'machinery' ELSE 'trading' END
            FROM customers WHERE "取引開始年" >= 2015
            GROUP BY "業種" ORDER BY COUNT(*) DESC, "業種" LIMIT 1
        """,
        hints=(
            (
                "顧客マスタだけで答えられる。取引開始年で絞って業種ごとに数えよう。",
                "The customer master alone answers it: filter on the first year and count per industry.",
            ),
        ),
        feedback=(
            (
                "正解。ここ10年の新しい顧客は医療機器メーカーばかりだ。新規開拓が医療でしか起きていないことは、強みであると同時に、営業の仕組みがないことの表れでもある。",
                "Correct. The new customers of the last ten years are all medical-device makers. That shows a strength, and also that new business only comes in through medical, with no sales engine behind it.",
            ),
            (
                "顧客マスタを `取引開始年` が2015以上に絞り、`業種` ごとの件数を比べよう。",
                "Filter the customer master to `取引開始年` of 2015 or later and compare counts per `業種`.",
            ),
        ),
        skills=["dss-p/v1/BT-3-1", "dss-p/v1/DU-1-1"],
    ),
    question(
        "test-small",
        "multiple",
        (
            "試作・小ロット事業について、大きく投資する前に**小さく確かめる**方法として適切なものをすべて選べ。",
            "For the prototype and small-lot business, select every suitable way to **test small** before investing big.",
        ),
        choices=(
            choice(
                "interview-customers",
                "既存の医療機器の顧客3〜5社に、試作の頻度・許容できる納期・支払える金額をインタビューする。",
                "Interview three to five existing medical customers about how often they need prototypes, acceptable lead time and what they would pay.",
            ),
            choice(
                "pilot-offer",
                "検査成績書付き・3週間納品の試作メニューを一つに絞り、既存顧客に限って3か月試験提供する。",
                "Narrow it to one offer (prototypes in three weeks with inspection certificates) and pilot it with existing customers for three months.",
            ),
            choice(
                "check-capacity",
                "Bラインの稼働データを見て、試作を受ける余力があるかを確かめる。",
                "Check line B's production data for the capacity to take prototype work.",
            ),
            choice(
                "build-web-first",
                "まず2,000万円をかけて本格的なWeb見積もりシステムを作る。",
                "First build a full web quotation system for ¥20M.",
            ),
            choice(
                "skip-research",
                "競合が少ないので需要は確実にあると判断し、調査は省く。",
                "Competitors are few, so demand is certain: skip the research.",
            ),
            choice(
                "mass-mailing",
                "自動車部品の顧客を含む全顧客に、試作サービスの案内を一斉にFAXする。",
                "Fax an announcement of the service to every customer, automotive ones included.",
            ),
        ),
        answer=["interview-customers", "pilot-offer", "check-capacity"],
        hints=(
            (
                "確かめたいのは「誰が・どれくらいの頻度で・いくらなら」頼むか、そして「うちが受けられるか」。",
                "What needs testing is who would order, how often and at what price, and whether we can take it on.",
            ),
        ),
        feedback=(
            (
                "そのとおり。顧客の声、限定した試験提供、自社の能力の確認は、どれも安く早く学べる。Webシステムは、検証で需要が確かめられてからで遅くない。",
                "Exactly. Customer interviews, a limited pilot and a check of our own capacity all teach us cheaply and quickly. The web system can wait until demand is proven.",
            ),
            (
                "大きな投資や思い込みは、検証の前にやるものではない。対象を絞らない一斉案内も、学びにつながりにくい。",
                "Big investments and assumptions do not come before testing; an untargeted mass mailing teaches little.",
            ),
        ),
        skills=["dss-p/v1/BT-3-4", "dss-p/v1/BT-2-2", "dss-p/v1/BT-3-2"],
        weight=2,
    ),
]
