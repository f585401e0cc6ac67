"""従業員意識調査 (2024年11月, anonymous, 総務部): Likert items 1-5 and a short free comment.

1 = まったくそう思わない … 5 = とてもそう思う. The latent model: 負担感 is high in 製造部
(veterans in their 50s carry most setups); 変化への前向きさ falls with 負担感 and a little with
age; everybody, 製造部 included, agrees that data is needed (Q4) - reluctance is about burden,
not about data.
"""

from __future__ import annotations

import random

HEADER = (
    "回答ID",
    "部署",
    "年代",
    "勤続年数",
    "Q1_デジタル活用",
    "Q2_変化への前向きさ",
    "Q3_業務負担感",
    "Q4_データ活用の必要性",
    "Q5_部署間の情報共有",
    "自由記述",
)
AGES = ("20代", "30代", "40代", "50代", "60代以上")
# department: respondents at scale 1, age weights, burden base, positivity offset
DEPARTMENTS = {
    "製造部": (42, (7, 8, 9, 12, 6), 3.7, -0.35),
    "品質保証部": (7, (1, 2, 2, 1, 1), 3.6, 0.2),
    "生産管理部": (6, (1, 2, 2, 1, 0), 3.4, 0.2),
    "営業部": (9, (1, 3, 3, 2, 0), 3.4, 0.35),
    "総務部": (6, (1, 1, 2, 1, 1), 3.0, 0.3),
}
AGE_BURDEN = {"20代": -0.3, "30代": 0.0, "40代": 0.1, "50代": 0.45, "60代以上": 0.0}
AGE_POSITIVITY = {"20代": 0.3, "30代": 0.2, "40代": 0.0, "50代": -0.35, "60代以上": -0.15}
AGE_DIGITAL = {"20代": 0.7, "30代": 0.4, "40代": 0.0, "50代": -0.6, "60代以上": -0.9}
TENURE = {
    "20代": ("3年未満", "3年以上10年未満"),
    "30代": ("3年未満", "3年以上10年未満", "10年以上20年未満"),
    "40代": ("3年以上10年未満", "10年以上20年未満", "20年以上"),
    "50代": ("10年以上20年未満", "20年以上", "20年以上"),
    "60代以上": ("10年以上20年未満", "20年以上", "20年以上"),
}
COMMENTS = {
    ("製造部", False): (
        "日報を手書きしてから事務所でExcelに打ち直している。二度手間をなくしてほしい",
        "段取り替えが増えて毎日余裕がない。新しいことを覚える時間がない",
        "タブレットを入れても、結局紙も残るのではないかと心配",
        "ベテランの勘で回っている。数字だけで評価されるのは不安",
        "人が足りない。まず人を増やしてほしい",
        "前にも生産管理システムを入れたが、使われなくなった",
    ),
    ("製造部", True): (
        "不良の原因がすぐ分かるなら、データは使いたい",
        "若手にも段取りのコツが伝わる仕組みがほしい",
        "スマホのように簡単なら使ってみたい",
        "Bラインの寸法不良が気になる。治具を変えてから増えた気がする",
    ),
    ("品質保証部", None): (
        "不良の集計が月末にならないと出ない。もっと早く手を打ちたい",
        "検査記録が紙で、お客様にトレーサビリティを求められると探すのに半日かかる",
        "Bラインの寸法不良が10月から増えている。段取りとの関係を調べたい",
    ),
    ("生産管理部", None): (
        "納期回答のたびに現場に電話で進捗を聞いている",
        "医療向けの短納期の注文が増え、計画の組み直しが多い",
    ),
    ("営業部", None): (
        "FAXの注文書を手入力している。転記ミスが怖い",
        "納期遅れのお詫びが増えた。特に医療のお客様",
        "新しい業界のお客様を開拓したいが、時間がない",
    ),
    ("総務部", None): (
        "勤怠と日報の集計をExcelで手作業している",
        "新しいツールを入れるなら、操作説明会を丁寧にやってほしい",
        "社内の連絡が口頭と紙の回覧で、伝わっていないことがある",
    ),
}


def _likert(value: float) -> int:
    return min(5, max(1, round(value)))


def rows(rng: random.Random, scale: float = 1.0) -> list[tuple]:
    respondents = []
    for department, (count, age_weights, _burden, _offset) in DEPARTMENTS.items():
        for _ in range(max(1, round(count * scale))):
            respondents.append((department, rng.choices(AGES, weights=age_weights)[0]))
    rng.shuffle(respondents)
    result = []
    for number, (department, age) in enumerate(respondents, start=1):
        _count, _weights, burden_base, offset = DEPARTMENTS[department]
        extra = AGE_BURDEN[age] if department == "製造部" else AGE_BURDEN[age] / 3
        burden = burden_base + extra + rng.gauss(0, 0.7)
        positive = 3.6 + offset + AGE_POSITIVITY[age] - 0.8 * (burden - 3) + rng.gauss(0, 0.4)
        digital = 3.2 + AGE_DIGITAL[age] + (-0.3 if department == "製造部" else 0.2)
        need = 3.7 + rng.gauss(0, 0.7)
        sharing = 2.5 + rng.gauss(0, 0.7)
        comment = ""
        if rng.random() < 0.6:
            key = (department, positive >= 3) if department == "製造部" else (department, None)
            comment = rng.choice(COMMENTS[key])
        result.append(
            (
                f"R{number:03d}",
                department,
                age,
                rng.choice(TENURE[age]),
                _likert(digital + rng.gauss(0, 0.6)),
                _likert(positive),
                _likert(burden),
                _likert(need),
                _likert(sharing),
                comment,
            )
        )
    return result
