# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""The workbench scenarios of ``dxq_deliverable``, about the demo case 「やまなみ精工のDX」.

0. 課題マップと改善計画 (individual): an issue map and an improvement plan for the company,
   with a rubric aligned to DSS-P items;
1. 経営層への提案資料 (team): the proposal deck a team shares.

The workbench names them ``dxq_deliverable.<index>`` (:func:`scenario_id`).
``manage.py dxq_demo_deliverable`` adds submissions and reviews by the demo accounts.
"""

from lxml import etree

from .olx import content_to_node

BLOCK_TYPE = "dxq_deliverable"


def _lt(ja, en):
    return {"ja": ja.strip(), "en": en.strip()}


def _option(oid, points, ja, en, explain_ja, explain_en):
    return {
        "id": oid,
        "label": _lt(ja, en),
        "points": points,
        "explanation": _lt(explain_ja, explain_en),
    }


def _scale(prefix_ja, prefix_en):
    """Five levels 0–4 of one criterion: what each level looks like."""
    levels = [
        ("未着手", "Missing", "触れていない。", "Not addressed."),
        ("不十分", "Weak", "触れているが根拠がない。", "Mentioned without evidence."),
        ("標準", "Adequate", "根拠があり筋が通っている。", "Supported and coherent."),
        (
            "良い",
            "Good",
            "データで裏付け、優先度が明確。",
            "Backed by data, with clear priorities.",
        ),
        (
            "優れている",
            "Excellent",
            "経営判断にそのまま使える水準。",
            "Ready for a management decision.",
        ),
    ]
    return [
        _option(f"l{points}", points, ja, en, f"{prefix_ja}：{ex_ja}", f"{prefix_en}: {ex_en}")
        for points, (ja, en, ex_ja, ex_en) in enumerate(levels)
    ]


ISSUE_MAP_RUBRIC = {
    "criteria": [
        {
            "id": "situation",
            "label": _lt("現状把握", "Understanding the situation"),
            "prompt": _lt(
                "受注・生産・品質のデータとヒアリングから、現状を正しくつかめていますか。",
                "Does the work grasp the situation from the order, production and quality data and the interviews?",
            ),
            "skills": ["dss-p/v1/BT-2-3", "dss-p/v1/DU-1-1"],
            "feedback_only": False,
            "options": _scale("現状把握", "Situation"),
        },
        {
            "id": "issues",
            "label": _lt("課題の構造化", "Structuring the issues"),
            "prompt": _lt(
                "課題を原因と結果に分けて整理し、根本原因を示していますか。",
                "Are the issues organised into causes and effects, with root causes identified?",
            ),
            "skills": ["dss-p/v1/PS-2-3", "dss-p/v1/BT-2-3"],
            "feedback_only": False,
            "options": _scale("構造化", "Structure"),
        },
        {
            "id": "plan",
            "label": _lt("改善計画", "Improvement plan"),
            "prompt": _lt(
                "打ち手に優先度・担当・期間・効果の見込みがありますか。",
                "Do the measures have priorities, owners, timing and expected effects?",
            ),
            "skills": ["dss-p/v1/BT-1-1", "dss-p/v1/BT-1-6"],
            "feedback_only": False,
            "options": _scale("計画", "Plan"),
        },
        {
            "id": "people",
            "label": _lt("現場と組織への配慮", "People and organisation"),
            "prompt": _lt(
                "現場の負担や不安、組織の変革に配慮していますか。",
                "Does the plan consider the shop floor's workload and worries, and the organisational change?",
            ),
            "skills": ["dss-p/v1/BT-1-3", "dss-p/v1/PS-1-2"],
            "feedback_only": False,
            "options": _scale("組織", "Organisation"),
        },
        {
            "id": "advice",
            "label": _lt("よかった点と改善のヒント", "Strengths and one suggestion"),
            "prompt": _lt(
                "よかった点を一つ、さらに良くするための提案を一つ書いてください。",
                "Name one strength and one suggestion to make it better.",
            ),
            "skills": [],
            "feedback_only": True,
            "options": [],
        },
    ]
}

ISSUE_MAP = {
    "display_name": "課題マップと改善計画：やまなみ精工",
    "prompt": _lt(
        """
株式会社やまなみ精工（架空）の**課題マップ**と**改善計画**をまとめてください。

1. ヒアリングとデータ（受注・生産日報・品質）から分かった現状
2. 課題を原因と結果で整理した課題マップ（図は PNG や PDF で添付できます）
3. 優先する打ち手を三つまで：担当・期間・効果の見込み

分量の目安は本文 1,500〜3,000 字です。提出後は、仲間 3 人の成果物をルーブリックに沿ってレビューします。
""",
        """
Write an **issue map** and an **improvement plan** for Yamanami Seiko Co., Ltd. (fictional).

1. What the interviews and data (orders, production reports, quality) tell about the situation
2. An issue map organising causes and effects (attach a diagram as PNG or PDF)
3. Up to three measures to start with: owner, timing and expected effect

Aim for about 800–1,500 words. After submitting, you review three peers' work with the rubric.
""",
    ),
    "materials": [
        {
            "title": _lt(
                "ケース：やまなみ精工のDX（ユニット1）", "Case: Yamanami Seiko's DX (unit 1)"
            ),
            "url": "/workbench/scenario/dxq_case.1/",
            "description": _lt(
                "会社の概要、ヒアリング、データ", "The company, interviews and data"
            ),
        }
    ],
    "skills": ["dss-p/v1/BT-2-3", "dss-p/v1/PS-2-3", "dss-p/v1/BT-1-1"],
    "deadline": "",
    "team_mode": False,
    "required_reviews": 2,
    "lease_minutes": 60,
    "target_hours": 72,
    "give_to_get": True,
    "weight": None,
    "max_file_mb": 20,
    "max_files": 5,
    "rubric": ISSUE_MAP_RUBRIC,
}

PROPOSAL_RUBRIC = {
    "criteria": [
        {
            "id": "ask",
            "label": _lt("結論とお願い", "Conclusion and ask"),
            "prompt": _lt(
                "冒頭で結論と「決めてほしいこと」が示されていますか。",
                "Are the conclusion and the decision asked for stated first?",
            ),
            "skills": ["dss-p/v1/BT-1-1"],
            "feedback_only": False,
            "options": _scale("結論", "Conclusion"),
        },
        {
            "id": "evidence",
            "label": _lt("数字による根拠", "Evidence in numbers"),
            "prompt": _lt(
                "判断に必要な数字（効果・費用・リスク）が選び抜かれていますか。",
                "Are the numbers needed to decide (effects, costs, risks) well chosen?",
            ),
            "skills": ["dss-p/v1/DU-1-1", "dss-p/v1/BT-2-4"],
            "feedback_only": False,
            "options": _scale("根拠", "Evidence"),
        },
    ]
}

PROPOSAL = {
    **ISSUE_MAP,
    "display_name": "経営層への提案資料（チーム）",
    "prompt": _lt(
        "取締役会で 15 分の提案をするための資料（PPTX か PDF）をチームで一つ作って提出してください。",
        "As a team, submit one deck (PPTX or PDF) for a 15-minute proposal to the board.",
    ),
    "team_mode": True,
    "skills": ["dss-p/v1/BT-1-1", "dss-p/v1/PS-1-2"],
    "rubric": PROPOSAL_RUBRIC,
}

SCENARIOS = (
    ("DX Quest: 課題マップと改善計画 / Issue map and improvement plan", ISSUE_MAP),
    ("DX Quest: 経営層への提案資料（チーム） / Proposal deck (team)", PROPOSAL),
)


def deliverable_xml(content, url_name=None):
    """The OLX of a ``dxq_deliverable`` block with ``content``."""
    node = etree.Element(BLOCK_TYPE)
    if url_name:
        node.set("url_name", url_name)
    content_to_node(node, content)
    return etree.tostring(node, encoding="unicode")


def scenario_id(index):
    """The workbench's id of scenario ``index``."""
    return f"{BLOCK_TYPE}.{index}"


def scenarios():
    return [(title, deliverable_xml(content)) for title, content in SCENARIOS]
