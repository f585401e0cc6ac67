"""One module per unit of the demo case, in course order.

Each module defines ``DISPLAY_NAME``, ``STAGE``, ``NARRATIVE``, ``MATERIALS``, ``DATASETS``
(the slugs its questions query), ``QUESTIONS`` and ``MAX_ATTEMPTS``; ``..case`` adds the
company, the people, the datasets' sha256 and the block's skills. To write a new case, copy a
module and keep the shape (see ``..schema``).
"""
