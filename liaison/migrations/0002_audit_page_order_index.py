"""The audit page's order (newest first) read from an index of auditlog's table.

auditlog's model is not ours to change, so the index is created here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("liaison", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS audit_page_order_idx "
            'ON auditlog_logentry ("timestamp" DESC, id DESC)',
            "DROP INDEX IF EXISTS audit_page_order_idx",
        ),
    ]
