"""The demo case study 「やまなみ精工のDX」 (fictional company), shipped as a template.

- :mod:`.generate`: deterministic datasets (sales, production, customers, staff_survey) as CSV.
- :mod:`.case`: the six ``dxq_case`` blocks in the shape of ADR 0008 (``case.blocks()``).
- :mod:`.schema`: helpers to write content in that shape and a checker (``schema.problems``).

``python -m casestudy_xblock.demo DIR`` writes the datasets and the blocks as JSON into DIR.
Pure standard library; no Django.
"""
