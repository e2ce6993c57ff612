"""Writes on dossiers that touch several rows or grant access; each in one transaction."""

import datetime

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation

from accounts.models import User
from common.versions import version_claim
from directory.models import Organisation
from dossiers.audit import entries_insert
from dossiers.declassification import kept_review_date_log, recorded_terms, review_terms_apply
from dossiers.models import (
    AccessRequest,
    Activity,
    Attachment,
    CommitteeReport,
    Dossier,
    DossierGroupGrant,
    DossierLink,
    DossierUserGrant,
    InformationRequest,
    Opinion,
    OrganisationGroup,
    ParliamentaryFollowUp,
    PilotProject,
    ProtocolAgreement,
    ReferenceCounter,
    Task,
    TimelineEntry,
    attachment_storage,
)
from dossiers.models.reports import default_committee
from dossiers.report import build_draft_report, marking_of
from dossiers.report_files import (
    render_report_body,
    render_report_document,
    render_report_pdf,
    report_filename,
)

REFERENCE_PREFIX = "VO"

# The kind-specific details each kind of dossier carries.
KIND_DETAILS = {
    Dossier.Kind.ACCESS_REQUEST: AccessRequest,
    Dossier.Kind.PROTOCOL_AGREEMENT: ProtocolAgreement,
    Dossier.Kind.PILOT_PROJECT: PilotProject,
    Dossier.Kind.ACTIVITY: Activity,
    Dossier.Kind.INFORMATION_REQUEST: InformationRequest,
    Dossier.Kind.PARLIAMENTARY_FOLLOW_UP: ParliamentaryFollowUp,
}


def next_reference(year: int) -> str:
    """The next free reference of the year, e.g. VO-2022-0042; call inside a transaction."""
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"


@transaction.atomic
def dossier_create(
    *,
    partners: list[Organisation] | None = None,
    details: dict[str, object] | None = None,
    **fields: object,
) -> Dossier:
    """A new dossier with its reference and, when its kind has them, its details."""
    opened_on = fields.get("opened_on") or timezone.localdate()
    dossier = Dossier(reference=next_reference(opened_on.year), **fields)
    review_terms_apply(dossier, recorded=None)
    dossier.full_clean(exclude=["reference"])
    dossier.save()
    dossier.partners.set(partners or [])
    details_save(dossier=dossier, details=details)
    return dossier


@transaction.atomic
def dossier_update(
    *,
    dossier: Dossier,
    seen_version: int | None,
    partners: list[Organisation],
    details: dict[str, object] | None = None,
    **fields: object,
) -> Dossier:
    """Save the dossier and its details unless either changed since ``seen_version``.

    Raises ``EditConflict`` (liaison.versions) with what is saved now. The review date
    follows the level (``dossiers.declassification``).
    """
    version_claim(dossier, seen=seen_version)
    recorded = recorded_terms(dossier)
    for name, value in fields.items():
        setattr(dossier, name, value)
    terms = review_terms_apply(dossier, recorded)
    dossier.full_clean(exclude=["reference"])
    dossier.save()
    kept_review_date_log(dossier, terms)
    dossier.partners.set(partners)
    details_save(dossier=dossier, details=details)
    return dossier


def details_save(*, dossier: Dossier, details: dict[str, object] | None) -> None:
    """Create or update the details of the dossier's kind; no-op for kinds without."""
    model = KIND_DETAILS.get(dossier.kind)
    if model is None or details is None:
        return
    instance = model.objects.filter(dossier=dossier).first() or model(dossier=dossier)
    many = {field.name for field in model._meta.many_to_many}
    for name, value in details.items():
        if name not in many:
            setattr(instance, name, value)
    instance.full_clean(exclude=["dossier"])
    instance.save()
    for name in many & details.keys():
        getattr(instance, name).set(details[name])


def access_log(*, item: Model, user: User, purpose: str, detail: str) -> LogEntry:
    """Record that a user opened a classified dossier or report, and why (rule 4)."""
    ties = item.get_additional_data() if hasattr(item, "get_additional_data") else {}
    return LogEntry.objects.log_create(
        item,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=user,
        force_log=True,
        additional_data={**ties, "purpose": purpose, "detail": detail},
    )


def report_reading_log(
    *, dossiers: list[Dossier], committee_date: datetime.date, user: User, purpose: str, detail: str
) -> None:
    """Each classified dossier a prepared report shows is logged as read (one INSERT)."""
    entries_insert(
        dossiers,
        action=LogEntry.Action.ACCESS,
        actor=user,
        extra={"purpose": purpose, "detail": detail, "report": str(committee_date)},
    )


def access_purpose_log(*, dossier: Dossier, user: User, purpose: str, detail: str) -> LogEntry:
    return access_log(item=dossier, user=user, purpose=purpose, detail=detail)


def organisation_group(organisation: Organisation) -> Group:
    link = (
        OrganisationGroup.objects.filter(organisation=organisation).select_related("group").first()
    )
    if link:
        return link.group
    group, _ = Group.objects.get_or_create(name=f"organisation:{organisation.short_name}")
    OrganisationGroup.objects.create(organisation=organisation, group=group)
    return group


def view_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="dossiers", codename="view_dossier")


@transaction.atomic
def grant_to_user(
    *, dossier: Dossier, user: User, reason: str, granted_by: User, ends_on: datetime.date | None
) -> DossierUserGrant:
    grant, _ = DossierUserGrant.objects.update_or_create(
        content_object=dossier,
        user=user,
        permission=view_permission(),
        defaults={"reason": reason, "granted_by": granted_by, "ends_on": ends_on},
    )
    return grant


@transaction.atomic
def grant_to_organisation(
    *,
    dossier: Dossier,
    organisation: Organisation,
    reason: str,
    granted_by: User,
    ends_on: datetime.date | None,
) -> DossierGroupGrant:
    grant, _ = DossierGroupGrant.objects.update_or_create(
        content_object=dossier,
        group=organisation_group(organisation),
        permission=view_permission(),
        defaults={"reason": reason, "granted_by": granted_by, "ends_on": ends_on},
    )
    return grant


@transaction.atomic
def grants_revoke_lapsed(*, today: datetime.date) -> list[DossierUserGrant | DossierGroupGrant]:
    """Delete the grants whose end date has passed, audited; return them, with their dossier.

    Rows that a concurrent sweep is revoking are skipped, so each is logged once. The
    entries are written in one INSERT per model: auditlog's per-row entry is switched
    off for the delete, which Django then runs in batches of a hundred rows.
    """
    revoked: list[DossierUserGrant | DossierGroupGrant] = []
    for grants in (
        DossierUserGrant.objects.select_related("content_object", "user"),
        DossierGroupGrant.objects.select_related(
            "content_object", "group__organisation_link__organisation"
        ),
    ):
        lapsed = list(
            grants.select_for_update(skip_locked=True, of=("self",))
            .filter(ends_on__lt=today)
            .order_by("pk")
        )
        if not lapsed:
            continue
        entries_insert(lapsed, action=LogEntry.Action.DELETE)
        with disable_auditlog():
            grants.model.objects.filter(pk__in=[grant.pk for grant in lapsed]).delete()
        revoked += lapsed
    return revoked


@transaction.atomic
def grant_revoke(*, grant: DossierUserGrant | DossierGroupGrant) -> None:
    """Take a need-to-know grant away now; auditlog records who did (rule 4)."""
    grant.delete()


def timeline_entry_add(*, dossier: Dossier, author: User, **fields: object) -> TimelineEntry:
    entry = TimelineEntry(dossier=dossier, author=author, **fields)
    entry.full_clean()
    entry.save()
    return entry


def task_add(*, dossier: Dossier, created_by: User, **fields: object) -> Task:
    task = Task(dossier=dossier, created_by=created_by, **fields)
    task.full_clean()
    task.save()
    return task


def task_set_done(*, task: Task, done: bool) -> Task:
    task.done_on = timezone.localdate() if done else None
    task.save(update_fields=["done_on"])
    return task


def attachment_add(
    *, dossier: Dossier, upload: UploadedFile, content_type: str, by: User
) -> Attachment:
    attachment = Attachment(
        dossier=dossier,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    # The storage writes under a temporary name and moves the file into place whole;
    # a row that then fails to save takes its file with it.
    name = Attachment.file.field.generate_filename(attachment, upload.name)
    attachment.file.name = attachment_storage.save(name, upload)
    try:
        with transaction.atomic():
            attachment.save()
    except BaseException:
        attachment_storage.delete(attachment.file.name)
        raise
    return attachment


def opinion_add(*, access_request: AccessRequest, **fields: object) -> Opinion:
    opinion = Opinion(access_request=access_request, **fields)
    opinion.full_clean()
    opinion.save()
    return opinion


def part_save(part: Model, *, dossier: Dossier) -> Model:
    """Save a part of the dossier (a question, a commitment) after checking it whole."""
    part.dossier = dossier
    part.full_clean()
    part.save()
    return part


def link_add(*, source: Dossier, target: Dossier, note: str = "") -> DossierLink:
    link, _ = DossierLink.objects.get_or_create(
        source=source, target=target, defaults={"note": note}
    )
    return link


@transaction.atomic
def committee_report_draft(*, created_by: User, **fields: object) -> CommitteeReport:
    """A new draft of the report; it is built from the dossiers each time it is shown."""
    fields.setdefault("committee", default_committee())
    return CommitteeReport.objects.create(created_by=created_by, **fields)


@transaction.atomic
def committee_report_draft_save(*, draft: CommitteeReport, **choices: object) -> CommitteeReport:
    """Keep the officer's choices in the draft; a kept version is never changed."""
    locked = CommitteeReport.objects.select_for_update().filter(pk=draft.pk, kept_at__isnull=True)
    if not locked.exists():
        raise ReportAlreadyKept
    for name, value in choices.items():
        setattr(draft, name, value)
    draft.save(update_fields=[*choices])
    return draft


class ReportAlreadyKept(Exception):
    """The draft was kept as a dated version meanwhile: it no longer changes."""


@transaction.atomic
def committee_report_keep(*, draft: CommitteeReport, user: User) -> CommitteeReport:
    """Freeze the draft as a dated version; its text and files follow from a worker.

    The choices are frozen here, in the request; the text, built from every dossier of
    the period, and the PDF and HTML files are made by a worker once the version is
    committed (``dossiers.tasks.make_report_files``), as ``user`` sees the dossiers.
    auditlog records who kept which one (rule 4).
    """
    locked = CommitteeReport.objects.select_for_update().filter(pk=draft.pk, kept_at__isnull=True)
    if not locked.exists():
        raise ReportAlreadyKept
    draft.kept_at = timezone.now()
    draft.files = CommitteeReport.Files.PENDING
    draft.save()
    transaction.on_commit(lambda: report_files_enqueue(draft.pk, user.pk), robust=True)
    return draft


def report_files_enqueue(report_id: int, user_id: int) -> None:
    from dossiers.tasks import make_report_files  # tasks call services, not the reverse

    make_report_files.delay(report_id, user_id)


def committee_report_files_make(*, report_id: int, user_id: int) -> CommitteeReport | None:
    """Write the text of a kept version once, then make and store its PDF and HTML; again
    after a failure (a text already written is kept as it is)."""
    with transaction.atomic():
        kept = (
            CommitteeReport.objects.select_for_update(skip_locked=True)
            .filter(pk=report_id, kept_at__isnull=False)
            .exclude(files=CommitteeReport.Files.READY)
            .first()
        )
        if kept is None:  # made already, or being made by another worker
            return None
        if not kept.content:
            report = build_draft_report(kept, User.objects.get(pk=user_id))
            kept.content = render_report_body(report)
            kept.dossier_count = report.dossier_count
            kept.left_out_count = report.left_out_count
        with translation.override(kept.language):
            marking = marking_of(kept.ceiling)
        document = render_report_document(kept, marking)
        pdf = render_report_pdf(document)
        kept.html_file.save(
            report_filename(kept, "html"), ContentFile(document.encode()), save=False
        )
        kept.pdf_file.save(report_filename(kept, "pdf"), ContentFile(pdf), save=False)
        kept.files = CommitteeReport.Files.READY
        kept.save(
            update_fields=[
                "content",
                "dossier_count",
                "left_out_count",
                "html_file",
                "pdf_file",
                "files",
            ]
        )
        return kept


def committee_report_files_failed(*, report_id: int) -> None:
    CommitteeReport.objects.filter(pk=report_id).exclude(files=CommitteeReport.Files.READY).update(
        files=CommitteeReport.Files.FAILED
    )
