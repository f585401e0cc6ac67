"""The two ready-made follow-up surveys the specification asks for (data only; no Django).

``install_ready_surveys`` (in :mod:`.surveys`) creates them; the operators can change them.

Each option of a choice question is ``(key, Japanese, English)``. The key is what answers
store (see :mod:`.options`): it is written here, not derived from the option's position, and
it never changes or is reused once released. A new option takes a new key (the next ``o<n>``
of its question) wherever it is inserted.
"""

SKILL_USE = [
    ("o1", "業務課題の整理", "Organising business problems"),
    ("o2", "データの収集・加工", "Collecting and preparing data"),
    ("o3", "データ分析・可視化", "Analysing and visualising data"),
    ("o4", "意思決定者への提案資料作成", "Proposal decks for decision makers"),
    ("o5", "組織変革の推進", "Leading organisational change"),
    ("o6", "新規ビジネスの企画", "Planning new business"),
    ("o7", "まだ活用していない", "Not used yet"),
]

GRADUATES = {
    "slug": "graduate-follow-up",
    "title_ja": "修了生フォローアップ調査(昨年度修了者)",
    "title_en": "Follow-up survey for last year's graduates",
    "intro_ja": (
        "修了後の変化を教えてください。回答は匿名で集計し、プログラムの改善に使います。"
        "所要時間は約5分です。"
    ),
    "intro_en": "Tell us what changed since you completed the program. Answers are anonymous "
    "and help us improve it. It takes about five minutes.",
    "target": "alumni",
    "anonymous": True,
    "questions": [
        (
            "multiple",
            "修了後に業務で活用したスキルを選んでください。",
            "Which skills have you used at work since completing?",
            True,
            SKILL_USE,
        ),
        (
            "single",
            "修了後、キャリアに変化はありましたか。",
            "Has your career changed since you completed?",
            True,
            [
                ("o1", "社内でDX関連の役割に就いた", "I took a DX role in my organisation"),
                ("o2", "転職した", "I changed employer"),
                ("o3", "起業・副業を始めた", "I started a business or side job"),
                ("o4", "変化はない", "No change"),
            ],
        ),
        (
            "likert",
            "プログラムで学んだことは現在の業務に役立っている。",
            "What I learned in the program helps me in my current work.",
            True,
            [],
        ),
        (
            "number",
            "修了後に関わったDX・データ活用のプロジェクト数",
            "Number of DX or data projects you have worked on since",
            False,
            [],
        ),
        (
            "nps",
            "このプログラムを同僚や知人に勧める可能性はどのくらいありますか。",
            "How likely are you to recommend the program to a colleague or friend?",
            True,
            [],
        ),
        (
            "text",
            "修了生コミュニティに期待することや改善してほしいことを自由にお書きください。",
            "What do you expect from the alumni community, or what should we improve?",
            False,
            [],
        ),
    ],
}

COMPANIES = {
    "slug": "company-outcome-survey",
    "title_ja": "参加企業 成果調査",
    "title_en": "Partner company outcome survey",
    "intro_ja": (
        "協働プロジェクトのその後の成果について伺います。"
        "ご回答は記名で扱い、事務局のみが閲覧します。"
    ),
    "intro_en": (
        "We would like to hear about the outcomes of the collaboration project. "
        "Answers are named and seen by the secretariat only."
    ),
    "target": "companies",
    "anonymous": False,
    "questions": [
        (
            "single",
            "プロジェクトの提案内容は実行に移されましたか。",
            "Has the team's proposal been put into practice?",
            True,
            [
                ("o1", "全面的に実行した", "Fully"),
                ("o2", "一部を実行した", "Partly"),
                ("o3", "検討中", "Under consideration"),
                ("o4", "実行していない", "No"),
            ],
        ),
        (
            "multiple",
            "得られた成果を選んでください。",
            "Which outcomes did you see?",
            True,
            [
                ("o1", "業務時間の削減", "Time saved"),
                ("o2", "コスト削減", "Lower costs"),
                ("o3", "売上の増加", "Higher sales"),
                ("o4", "社員のデジタル意識の向上", "Staff more digitally minded"),
                ("o5", "新たなデジタル人材の採用・育成", "Hired or trained digital talent"),
                ("o6", "特になし", "None yet"),
            ],
        ),
        ("number", "年間の削減時間の見込み(時間)", "Expected hours saved per year", False, []),
        (
            "likert",
            "投資した時間に見合う成果があった。",
            "The outcome was worth the time we invested.",
            True,
            [],
        ),
        (
            "nps",
            "他の企業にこのプログラムへの参加を勧める可能性はどのくらいありますか。",
            "How likely are you to recommend the program to another company?",
            True,
            [],
        ),
        (
            "text",
            "今後の支援への要望があればお書きください。",
            "What support would you like from now on?",
            False,
            [],
        ),
    ],
}

READY = (GRADUATES, COMPANIES)
