"""顧客マスタ of やまなみ精工. Ten hand-written key accounts, then a generated tail.

Every name is fictional; any resemblance to a real company is a coincidence.
"""

from __future__ import annotations

import random

HEADER = ("顧客ID", "顧客名", "業種", "地域", "取引開始年", "主な受注方法", "営業担当")
AUTO, MED, SEMI, MACH = "自動車部品", "医療機器部品", "半導体装置部品", "産業機械部品"

# id, name, industry, region, since, channel, sales rep, orders per month, categories
KEY_ACCOUNTS = [
    (
        "C001",
        "信州オートパーツ工業株式会社",
        "自動車部品メーカー",
        "長野県",
        1971,
        "FAX",
        "宮坂",
        7.0,
        (AUTO,),
    ),
    (
        "C002",
        "東海ドライブテック株式会社",
        "自動車部品メーカー",
        "愛知県",
        1989,
        "EDI",
        "宮坂",
        4.5,
        (AUTO,),
    ),
    (
        "C003",
        "株式会社アルプスメディカル",
        "医療機器メーカー",
        "長野県",
        2016,
        "メール",
        "小口",
        2.0,
        (MED,),
    ),
    (
        "C004",
        "北斗医科器械株式会社",
        "医療機器メーカー",
        "東京都",
        2009,
        "FAX",
        "小口",
        1.8,
        (MED,),
    ),
    (
        "C005",
        "甲斐セミコンテック株式会社",
        "半導体製造装置メーカー",
        "山梨県",
        2002,
        "メール",
        "今井",
        1.5,
        (SEMI,),
    ),
    ("C006", "諏訪湖産業株式会社", "商社", "長野県", 1968, "FAX", "宮坂", 2.5, (AUTO, MACH)),
    (
        "C007",
        "株式会社天竜機械製作所",
        "産業機械メーカー",
        "長野県",
        1979,
        "FAX",
        "今井",
        1.6,
        (MACH,),
    ),
    (
        "C008",
        "相模メディテック株式会社",
        "医療機器メーカー",
        "神奈川県",
        2021,
        "Web発注",
        "小口",
        1.2,
        (MED,),
    ),
    (
        "C009",
        "浜名オートコンポーネント株式会社",
        "自動車部品メーカー",
        "静岡県",
        1996,
        "EDI",
        "宮坂",
        2.0,
        (AUTO,),
    ),
    (
        "C010",
        "八ヶ岳バイオデバイス株式会社",
        "医療機器メーカー",
        "長野県",
        2023,
        "メール",
        "小口",
        0.8,
        (MED,),
    ),
]
KEY_COUNT_AT_SCALE_1 = 48

# industry: (share of the tail, first year range, categories, rep, name words, weight range)
TAIL = {
    "自動車部品メーカー": (
        0.3,
        (1970, 2008),
        (AUTO,),
        "宮坂",
        ("オートパーツ", "モーターパーツ", "自動車部品", "ドライブ工業"),
        (0.3, 1.0),
    ),
    "医療機器メーカー": (
        0.2,
        (2006, 2024),
        (MED,),
        "小口",
        ("メディカル", "医科工業", "メディカルデバイス", "ライフテック"),
        (0.15, 0.6),
    ),
    "半導体製造装置メーカー": (
        0.15,
        (1993, 2016),
        (SEMI,),
        "今井",
        ("セミコン", "真空機器", "プロセス機器", "ウエハ技研"),
        (0.15, 0.6),
    ),
    "産業機械メーカー": (
        0.25,
        (1972, 2012),
        (MACH,),
        "今井",
        ("機械", "機工", "工機", "鉄工所"),
        (0.15, 0.7),
    ),
    "商社": (0.1, (1968, 2000), (AUTO, MACH), "宮坂", ("商事", "産業", "商会"), (0.2, 0.8)),
}
PLACES = (
    "信濃",
    "上伊那",
    "木曽",
    "安曇野",
    "塩嶺",
    "茅野",
    "佐久",
    "千曲",
    "飯田",
    "駒ヶ根",
    "大町",
    "白樺",
    "甲府",
    "富士見",
    "三河",
    "豊川",
    "遠州",
    "沼津",
    "相模",
    "武蔵",
    "多摩",
    "高遠",
    "霧ヶ峰",
    "蓼科",
    "美ヶ原",
    "上諏訪",
    "辰野",
    "箕輪",
)
REGIONS = (
    ("長野県", 9),
    ("愛知県", 3),
    ("静岡県", 2),
    ("山梨県", 2),
    ("東京都", 2),
    ("神奈川県", 2),
    ("埼玉県", 1),
    ("岐阜県", 1),
)


def _channel(rng: random.Random, since: int) -> str:
    if since < 2000:
        options = (("FAX", 62), ("電話", 15), ("メール", 18), ("EDI", 5))
    elif since < 2015:
        options = (("FAX", 40), ("メール", 45), ("電話", 10), ("EDI", 5))
    else:
        options = (("メール", 55), ("Web発注", 25), ("FAX", 20))
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def customer_rows(rng: random.Random, scale: float = 1.0) -> list[tuple]:
    """Rows of HEADER plus two internal columns: orders per month and categories bought."""
    rows = list(KEY_ACCOUNTS)
    names = {row[1] for row in rows}
    industries = list(TAIL)
    shares = [TAIL[i][0] for i in industries]
    total = max(len(KEY_ACCOUNTS) + 2, round(KEY_COUNT_AT_SCALE_1 * scale))
    for number in range(len(KEY_ACCOUNTS) + 1, total + 1):
        industry = rng.choices(industries, weights=shares)[0]
        _share, (first, last), categories, rep, words, (low, high) = TAIL[industry]
        name = ""
        while not name or name in names:
            core = rng.choice(PLACES) + rng.choice(words)
            name = f"株式会社{core}" if rng.random() < 0.4 else f"{core}株式会社"
        names.add(name)
        since = rng.randint(first, last)
        region = rng.choices([r for r, _ in REGIONS], weights=[w for _, w in REGIONS])[0]
        rows.append(
            (
                f"C{number:03d}",
                name,
                industry,
                region,
                since,
                _channel(rng, since),
                rep,
                round(rng.uniform(low, high), 2),
                categories,
            )
        )
    return rows
