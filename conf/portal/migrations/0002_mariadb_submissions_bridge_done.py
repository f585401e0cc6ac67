"""Drop the placeholder column ``0001`` added for edx-submissions' MariaDB migration."""

from django.db import migrations

from conf.portal.migrations import _bridge


def drop_placeholder(apps, schema_editor):
    connection = schema_editor.connection
    if not _bridge.is_mariadb(connection):
        return
    for table in _bridge.TABLES_WITHOUT_UUID:
        if _bridge.has_uuid_column(connection, table):
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN uuid")


class Migration(migrations.Migration):
    dependencies = [
        ("dxq_portal", "0001_mariadb_submissions_bridge"),
        ("submissions", "0006_mariadb_uuid_conversion"),
    ]

    operations = [migrations.RunPython(drop_placeholder, migrations.RunPython.noop)]
