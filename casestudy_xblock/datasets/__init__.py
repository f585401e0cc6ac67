"""Case datasets (ADR 0007): intake checks, conversion to DuckDB, profiling and bounded reads.

Pure modules (no Django; import-linter checks it): ``errors``, ``intake``, ``xlsx``,
``convert``, ``profile``, ``connections``, ``filters``, ``query`` and ``expressions``. Django
glue: ``files`` (Django storage and the local cache) and ``service`` (upload, the Celery
task's body, reads). Other packages and views use ``casestudy_xblock.api``.
"""
