"""The workbench scenarios of ``dxq_case``.

0. a short bilingual case built in code (no datasets), one question of each kind;
1-6. one scenario per unit of the demo case 「やまなみ精工のDX」 (``casestudy_xblock.demo``).

There is no scenario with all six units in one ``<vertical_demo>``: xblock-sdk's vertical
renders the template ``vertical.html`` from ``sample_xblocks.basic``, which the standalone
project's template settings do not include (the page would fail with TemplateDoesNotExist).

The demo units refer to their datasets by sha256; ``manage.py dxq_demo_case`` uploads them
(until it has, each dataset shows that it is not available yet). The workbench names the
scenarios ``dxq_case.<index>``: :func:`scenario_id` gives those names.
"""

from lxml import etree

from . import messages
from .olx import content_to_node


def _lt(ja, en):
    return {"ja": ja, "en": en}


SAMPLE_CASE = {
    "display_name": "ケーススタディ: さくら食品の在庫管理",
    "stage": "diagnosis",
    "company": {
        "name": _lt("さくら食品株式会社（架空）", "Sakura Foods Co., Ltd. (fictional)"),
        "industry": _lt("食品製造業", "Food manufacturing"),
        "location": _lt("静岡県", "Shizuoka Prefecture"),
        "employees": 85,
        "summary": _lt(
            "地元の茶葉を使った菓子を製造・販売しています。受注は電話と FAX が中心です。",
            "Makes and sells sweets with local tea. Orders arrive mostly by phone and fax.",
        ),
    },
    "narrative": _lt(
        "売上は伸びていますが、**欠品**と**廃棄**が同時に増えています。社長はまず現状を"
        "数字で把握したいと考えています。",
        "Sales are growing, yet **stock-outs** and **waste** are rising together. The president "
        "wants to understand the situation in numbers first.",
    ),
    "people": [
        {
            "name": _lt("桜井 一郎", "Ichiro Sakurai"),
            "role": _lt("代表取締役社長", "President"),
            "note": _lt("二代目。データ活用に前向き。", "Second-generation owner, keen on data."),
        },
        {
            "name": _lt("山本 花子", "Hanako Yamamoto"),
            "role": _lt("製造課長", "Production manager"),
            "note": _lt("在庫表を Excel で管理。", "Keeps the stock list in Excel."),
        },
    ],
    "materials": [
        {
            "id": "interview-president",
            "kind": "interview",
            "title": _lt("社長へのヒアリング", "Interview with the president"),
            "body": _lt(
                "「注文が増えているのに、利益が増えた実感がないんです。」",
                '"Orders are up, but it does not feel like profit is."',
            ),
        }
    ],
    "datasets": [],
    "questions": [
        {
            "id": "growth",
            "kind": "numeric",
            "prompt": _lt(
                "昨年度の売上は 1億2,000万円、今年度は 1億3,200万円でした。売上の伸び率（%）は？",
                "Sales were 120 million yen last year and 132 million yen this year. "
                "What is the growth rate (%)?",
            ),
            "answer": 10,
            "tolerance": {"mode": "abs", "value": 0.1},
            "hints": [
                _lt(
                    "（今年度 − 昨年度）÷ 昨年度 × 100", "(this year − last year) ÷ last year × 100"
                )
            ],
            "feedback": {
                "correct": _lt("正解です。10% の伸びです。", "Correct: 10% growth."),
                "incorrect": _lt("計算式を見直しましょう。", "Check the formula again."),
            },
            "skills": ["dss-p/v1/DU-1-1"],
            "weight": 1,
        },
        {
            "id": "cause",
            "kind": "single",
            "prompt": _lt(
                "欠品と廃棄が同時に増える原因として、最も考えられるものは？",
                "What most likely makes stock-outs and waste rise together?",
            ),
            "choices": [
                {
                    "id": "forecast",
                    "text": _lt(
                        "需要予測と生産計画のずれ", "Forecasts out of step with production"
                    ),
                },
                {"id": "price", "text": _lt("値上げ", "A price increase")},
                {"id": "staff", "text": _lt("営業担当者の増員", "More sales staff")},
            ],
            "answer": "forecast",
            "hints": [
                _lt(
                    "作りすぎと作り足りないが同時に起きるのはなぜ？",
                    "Why too much and too little at once?",
                )
            ],
            "skills": ["dss-p/v1/BT-2-3"],
            "weight": 1,
        },
        {
            "id": "first-steps",
            "kind": "multiple",
            "prompt": _lt(
                "現状把握のために最初に集めるとよいデータをすべて選んでください。",
                "Select every kind of data worth collecting first to understand the situation.",
            ),
            "choices": [
                {"id": "orders", "text": _lt("日別の受注データ", "Daily orders")},
                {"id": "stock", "text": _lt("品目別の在庫と廃棄の記録", "Stock and waste by item")},
                {"id": "logo", "text": _lt("新しいロゴの候補", "Ideas for a new logo")},
            ],
            "answer": ["orders", "stock"],
            "skills": ["dss-p/v1/DU-1-1", "dss-p/v1/PS-2-3"],
            "weight": 2,
        },
        {
            "id": "term",
            "kind": "text",
            "prompt": _lt(
                "在庫が何日分の販売に相当するかを示す指標を何と呼びますか？",
                "What is the measure of how many days of sales the stock covers called?",
            ),
            "answer": [
                "在庫日数",
                "在庫回転日数",
                "days of inventory",
                "days inventory outstanding",
            ],
            "hints": [_lt("「在庫○○」の4文字です。", 'It starts with "days of".')],
            "skills": ["dss-p/v1/BT-2-3"],
            "weight": 1,
        },
    ],
    "skills": ["dss-p/v1/BT-2-3", "dss-p/v1/DU-1-1"],
    "max_attempts": 3,
}


def case_xml(content, url_name=None):
    """The OLX of a ``dxq_case`` block with ``content``."""
    node = etree.Element("dxq_case")
    if url_name:
        node.set("url_name", url_name)
    content_to_node(node, content)
    return etree.tostring(node, encoding="unicode")


#: The workbench's name for this block type (the ``xblock.v1`` entry point).
BLOCK_TYPE = "dxq_case"
SAMPLE_TITLE = "DX Quest: case study (sample) / ケーススタディ（サンプル）"
DEMO_TITLE = ("やまなみ精工のDX", "Yamanami Seiko's DX")
#: Position of the demo's first unit among the scenarios, and how many units it has.
FIRST_DEMO_UNIT = 1
DEMO_UNITS = 6


def scenario_id(index):
    """The workbench's id of scenario ``index`` (``reverse("workbench_show_scenario", ...)``)."""
    return f"{BLOCK_TYPE}.{index}"


def demo_unit_scenario_id(unit=1):
    """The workbench id of demo unit ``unit`` (1-6)."""
    if not 1 <= unit <= DEMO_UNITS:
        raise ValueError(f"The demo case has units 1 to {DEMO_UNITS}, not {unit!r}")
    return scenario_id(FIRST_DEMO_UNIT + unit - 1)


def _unit_title(number, content):
    """「やまなみ精工のDX 1. 現状把握・課題特定 / Yamanami Seiko's DX 1. Understanding …」: the
    unit's Japanese heading (its display name up to the colon) and its stage in English."""
    heading = content["display_name"].split("：")[0]
    stage = messages.STAGES.get(content["stage"], content["stage"])
    return f"{DEMO_TITLE[0]} {heading} / {DEMO_TITLE[1]} {number}. {stage}"


def demo_scenarios():
    """``[(title, xml)]``: the six units of the demo case, in course order."""
    from ..demo.case import blocks

    return [(_unit_title(n, c), case_xml(c)) for n, c in enumerate(blocks(), start=1)]


def scenarios():
    return [(SAMPLE_TITLE, case_xml(SAMPLE_CASE)), *demo_scenarios()]
