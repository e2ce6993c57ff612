"""The embedded default of ``make run`` (SQLite, tasks in process) serves the pages whose
SQL is the most particular: the report's capped counts and the officer's saved order."""

import textwrap

from tests.liaison.test_settings import run_python

JOURNEY = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    from accounts.models import User
    from dossiers.models import CommitteeReport
    client = Client()
    client.force_login(User.objects.get(username="officer"))
    period = {"committee_date": "2022-09-27", "period_start": "2022-01-01",
              "period_end": "2022-09-27", "ceiling": 0}
    reports = reverse("dossiers:reports")
    print(client.get(reports, period).status_code)
    print(client.post(reports, period).status_code)
    draft = CommitteeReport.objects.get()
    def section(page):
        return [row.dossier.pk for row in page.context["form"].rows["information_position"]]
    ids = section(client.get(draft.get_absolute_url()))
    draft.order = {"information_position": ids[::-1]}
    draft.save()
    page = client.get(draft.get_absolute_url())
    print(page.status_code, section(page) == ids[::-1] and len(ids) > 1)
    """
)


def test_the_report_preview_draft_and_saved_order_run_on_sqlite(tmp_path):
    # As `make run` serves it: SQLite, tasks in process, log-in without a second factor.
    database = str(tmp_path / "portal.sqlite3")
    result = run_python(JOURNEY, SQLITE_NAME=database, TWO_FACTOR_REQUIRED="false")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.split()[-4:] == ["200", "302", "200", "True"]
