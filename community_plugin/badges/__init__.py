"""Open Badges 2.0 and 3.0: the signing, verification, status and baking core.

Every module in this package is pure Python (no Django), listed in the "Pure logic stays free of
Django" import contract. Nothing here touches the network: JSON-LD contexts come only from the
copies shipped in ``contexts/`` (see :mod:`.contexts`). Library choices: ``README.md``.
"""
