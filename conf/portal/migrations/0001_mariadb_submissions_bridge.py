"""Let edx-submissions' migrations run on a fresh MariaDB database (standalone project only).

edx-submissions 4.0.2's ``0006_mariadb_uuid_conversion`` runs, on MariaDB only,
``ALTER TABLE submissions_studentitem MODIFY uuid uuid NOT NULL`` (and the same for
``submissions_score``), but neither model has a ``uuid`` field, so a fresh MariaDB database
cannot be migrated ("Unknown column 'uuid'"). Its statement for ``submissions_submission`` is a
no-op on a fresh database (Django 5 already creates a native ``uuid`` column there). This
migration, ordered just before it, gives the two tables a placeholder ``uuid`` column; ``0002``
drops them again right after. Nothing happens on SQLite,
MySQL, or when the column already exists. The LMS runs MySQL, so only the standalone project
(whose app this is) needs the bridge.
"""

from django.db import migrations

from conf.portal.migrations import _bridge


def add_placeholder(apps, schema_editor):
    connection = schema_editor.connection
    if not _bridge.is_mariadb(connection):
        return
    for table in _bridge.TABLES_WITHOUT_UUID:
        if not _bridge.has_uuid_column(connection, table):
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {table} ADD COLUMN uuid char(32) NULL")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_CreateTeamModel")]
    run_before = [("submissions", "0006_mariadb_uuid_conversion")]

    operations = [migrations.RunPython(add_placeholder, migrations.RunPython.noop)]
