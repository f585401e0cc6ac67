# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""The demo case 「やまなみ精工のDX」: six ``dxq_case`` blocks in the shape of ADR 0008.

:func:`blocks` returns the six blocks in course order (現状把握・課題特定 → 打ち手の検討 →
導入計画 → 組織変革 → 新規事業 → 経営層への提案). Each block carries the company, the people,
its unit's narrative, materials and questions, and the datasets its questions query, with the
sha256 of the generated file (see :mod:`.generate`), so the same seed gives the same blocks.
"""

from __future__ import annotations

import copy
import functools
import hashlib

from . import generate
from .schema import lt
from .units import change, diagnosis, new_business, options, plan, proposal

UNITS = (diagnosis, options, plan, change, new_business, proposal)

COMPANY = {
    "name": lt("株式会社やまなみ精工（架空）", "Yamanami Seiko Co., Ltd. (fictional)"),
    "industry": lt(
        "精密切削加工（金属製品製造業）", "Precision machining (metal parts manufacturing)"
    ),
    "location": lt("長野県岡谷市", "Okaya, Nagano Prefecture"),
    "employees": 85,
    "summary": lt(
        """
        1968年創業。諏訪地域で時計・カメラ部品の下請けとして始まり、いまは自動車・医療機器・
        半導体製造装置・産業機械向けの精密切削部品を多品種少量で作っている。年商は約7.5億円、
        従業員85名（うち製造部46名）。工場はA〜Dの4ライン。ISO 9001を取得済みで、医療機器向けの
        ISO 13485は取得準備中。受注はFAXが多く、生産日報は紙に手書きしたものを月末にExcelへ
        打ち込んでいる。二代目の山並社長は「うちもDXを」と言うが、何から始めればよいか分からない。
        """,
        """
        Founded in 1968 as a subcontractor making watch and camera parts in the Suwa region; today
        it machines precision parts in high mix and low volume for automotive, medical-device,
        semiconductor-equipment and industrial-machinery customers. Annual sales about ¥750
        million; 85 employees (46 in manufacturing); four lines, A to D, on the shop floor.
        ISO 9001 certified and preparing for ISO 13485 for medical devices. Many orders still
        arrive by fax, and daily production reports are handwritten and typed into Excel at
        month end. The second-generation president says "we need DX too" but does not know
        where to begin.
        """,
    ),
}

PEOPLE = [
    {
        "name": lt("山並 健一（やまなみ けんいち）", "Ken'ichi Yamanami"),
        "role": lt("代表取締役社長（64歳）", "President and CEO (64)"),
        "note": lt(
            "創業者の長男で二代目。1998年に社長就任。現場叩き上げで人情家、決断は早いが「勘と度胸」に頼ってきた自覚がある。自動車のEV化で主力の仕事が減ることを心配している。",
            "The founder's eldest son; president since 1998. Warm-hearted, came up through the shop floor and decides quickly, but knows he has relied on gut feeling. Worried that the shift to EVs will shrink the core automotive business.",
        ),
    },
    {
        "name": lt("山並 翔太（やまなみ しょうた）", "Shota Yamanami"),
        "role": lt(
            "専務取締役・DX推進担当（34歳）", "Senior Managing Director, in charge of DX (34)"
        ),
        "note": lt(
            "社長の長男。東京のIT企業でシステムエンジニアを8年務め、2年前に戻った後継者候補。アイデアは多いが、現場からは「東京帰りの若専務」と少し距離を置かれている。",
            'The president\'s son. Eight years as a systems engineer at a Tokyo IT company; came home two years ago as the likely successor. Full of ideas, but the shop floor keeps a little distance from "the young director back from Tokyo".',
        ),
    },
    {
        "name": lt("小松 忠雄（こまつ ただお）", "Tadao Komatsu"),
        "role": lt("製造部長（58歳）", "Manufacturing Manager (58)"),
        "note": lt(
            "中学卒業後に入社して40年以上。段取りの名人で、現場の信頼は社内一。2024年10月、Bラインにクイックチェンジ治具を入れて段取り時間を半分にしたことを誇りにしている。",
            "Joined straight after junior high school over 40 years ago. A master of machine setups and the most trusted person on the floor. Proud that in October 2024 he halved setup time on line B with a quick-change jig.",
        ),
    },
    {
        "name": lt("宮坂 由紀（みやさか ゆき）", "Yuki Miyasaka"),
        "role": lt("営業課長（45歳）", "Sales Section Manager (45)"),
        "note": lt(
            "主要顧客を担当する営業の要。毎朝FAXの注文書を販売管理ソフトに手入力し、納期の問い合わせには現場へ電話して答えている。医療機器のお客様への納期遅れのお詫びが増え、疲れている。",
            "The key person in sales, handling the main accounts. Types faxed orders into the sales software every morning and answers delivery-date enquiries by phoning the floor. Tired of apologising to medical-device customers for late deliveries.",
        ),
    },
    {
        "name": lt("百瀬 誠（ももせ まこと）", "Makoto Momose"),
        "role": lt("品質保証課 主任（39歳）", "Chief, Quality Assurance (39)"),
        "note": lt(
            "ISO 13485取得の実務責任者。不良の集計が月末まで出ないことに苛立っている。データで話したいが、製造部長とは衝突したくない。",
            "Runs the ISO 13485 preparation. Frustrated that defect figures only appear at month end. Wants to talk with data, but does not want a clash with the manufacturing manager.",
        ),
    },
    {
        "name": lt("藤森 彩花（ふじもり あやか）", "Ayaka Fujimori"),
        "role": lt("生産技術課（26歳・入社4年目）", "Production Engineering (26, fourth year)"),
        "note": lt(
            "地元の高専を卒業して入社。紙の日報を毎月Excelに打ち込み、マクロで集計している社内唯一の「データが分かる人」。現場のベテランにかわいがられている。",
            'Joined from the local technical college. Types the paper daily reports into Excel every month and totals them with macros: the only person in the company who "gets data". Well liked by the veterans on the floor.',
        ),
    },
]

DATASETS = {
    "sales": (
        ("受注実績（2023〜2024年度）", "Order book (FY2023-FY2024)"),
        (
            "販売管理ソフトから営業課が書き出した2年分の受注。1行が1件の注文。金額＝数量×単価（円）。出荷日と納期遅延日数が空欄の行はまだ出荷していない注文（2025年4月10日時点）。",
            "Two years of orders exported by sales from the sales software; one row per order. 金額 (amount) = 数量 (quantity) × 単価 (unit price), in yen. Rows with empty 出荷日 (ship date) and 納期遅延日数 (days late) are not shipped yet (as of 10 April 2025).",
        ),
    ),
    "production": (
        ("生産日報（設備別・日別）", "Daily production reports (per machine, per day)"),
        (
            "紙の日報を藤森さんがExcelに入力したもの。1行が1台の設備の1日分。Aライン＝自動車部品、Bライン＝医療機器部品（スイス型自動旋盤）、Cライン＝半導体装置部品、Dライン＝産業機械部品。不良数は寸法不良・外観不良・バリ・その他不良の合計。",
            "The paper daily reports as typed into Excel by Ms Fujimori; one row per machine per day. Line A makes automotive parts, line B medical-device parts (Swiss-type lathes), line C semiconductor-equipment parts, line D industrial-machinery parts. 不良数 (defects) is the sum of 寸法不良 (dimensional), 外観不良 (appearance), バリ (burrs) and その他不良 (other).",
        ),
    ),
    "customers": (
        ("顧客マスタ", "Customer master"),
        (
            "取引先48社の一覧。取引開始年、業種、主な受注方法（その顧客が普段使う注文手段）、営業担当。顧客IDで受注実績とつながる。",
            "The 48 customers: first year of business, industry, usual ordering channel (主な受注方法) and sales representative. Joins the order book on 顧客ID.",
        ),
    ),
    "staff_survey": (
        ("従業員意識調査（2024年11月）", "Staff survey (November 2024)"),
        (
            "総務部が実施した無記名アンケート（回答70名）。Q1〜Q5は1（まったくそう思わない）〜5（とてもそう思う）の5段階。総務部のExcelから保存したCSVのため文字コードはShift_JIS（CP932）。",
            "Anonymous survey run by general affairs (70 answers). Q1-Q5 on a scale from 1 (strongly disagree) to 5 (strongly agree). Saved from general affairs' Excel, so the CSV is in Shift_JIS (CP932).",
        ),
    ),
}


@functools.lru_cache(maxsize=8)
def _dataset_entries(seed: int, scale: float) -> dict[str, dict]:
    entries = {}
    for slug, data in generate.generate(seed, scale).items():
        (title, description) = DATASETS[slug]
        entries[slug] = {
            "slug": slug,
            "title": lt(*title),
            "description": lt(*description),
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": generate.FILENAMES[slug],
        }
    return entries


def _skills(questions: list[dict]) -> list[str]:
    ordered: list[str] = []
    for q in questions:
        ordered += [s for s in q["skills"] if s not in ordered]
    return ordered


def blocks(seed: int = generate.DEFAULT_SEED, scale: float = 1.0) -> list[dict]:
    """The six blocks of the case, in course order; a fresh deep copy on every call."""
    entries = _dataset_entries(seed, scale)
    result = []
    for unit in UNITS:
        questions = copy.deepcopy(unit.QUESTIONS)
        result.append(
            {
                "display_name": unit.DISPLAY_NAME,
                "stage": unit.STAGE,
                "company": copy.deepcopy(COMPANY),
                "narrative": copy.deepcopy(unit.NARRATIVE),
                "people": copy.deepcopy(PEOPLE),
                "materials": copy.deepcopy(unit.MATERIALS),
                "datasets": [copy.deepcopy(entries[slug]) for slug in unit.DATASETS],
                "questions": questions,
                "skills": _skills(questions),
                "max_attempts": unit.MAX_ATTEMPTS,
            }
        )
    return result
