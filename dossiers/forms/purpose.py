"""Why a classified dossier is read: asked before it is shown, and logged (rule 9)."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    CASE_WORK = "case_work", _("Work on the dossier")
    BRIEFING = "briefing", _("Preparing a briefing or report")
    PARTNER_REQUEST = "partner_request", _("Answering a partner's question")
    SECURITY_CHECK = "security_check", _("Security or audit check")
    OTHER = "other", _("Other")


class AccessPurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label=capfirst(_("purpose")), choices=AccessPurpose.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label=capfirst(_("explanation")),
        min_length=3,
        max_length=300,
        help_text=_("A few words that explain why you open this dossier."),
    )
