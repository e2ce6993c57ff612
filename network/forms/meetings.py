"""A meeting and its agenda, attendance, decisions and action items, on one page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from common.forms import KeyChoicesField, PlausibleDatesMixin
from dossiers.access import clearance_ceiling, visible_dossiers
from dossiers.forms import DATE_INPUT
from network.models import ActionItem, AgendaItem, Attendance, Body, Decision, Meeting


class MeetingForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "location",
            "classification",
            "restricted_distribution",
            "minutes",
            "discussed",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "discussed": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"discussed": KeyChoicesField}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["discussed"].queryset = visible_dossiers(user).order_by("reference")

    def clean_classification(self) -> int:
        """The officer cannot mark a meeting above his own clearance: he would lose it."""
        level = self.cleaned_data["classification"]
        if level > clearance_ceiling(self.user):
            raise ValidationError(
                _("Your clearance does not cover this classification."),
                code="above_clearance",
            )
        return level


class ActionItemForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["position", "title", "assignee", "due_on", "done_on"]
        widgets = {"due_on": DATE_INPUT, "done_on": DATE_INPUT}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[Role.LIAISON_OFFICER, Role.SECURITY_OFFICER]
        ).order_by("last_name", "first_name")


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["membership", "status"]

    def __init__(self, *args: object, body: Body, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = body.memberships.select_related(
            "person", "organisation"
        )


def part_formset(model: type, fields: list[str] | None = None, **options: object) -> type:
    return forms.inlineformset_factory(
        Meeting, model, fields=fields, extra=2, can_delete=True, **options
    )


AgendaFormSet = part_formset(AgendaItem, ["position", "title"])
DecisionFormSet = part_formset(
    Decision, ["position", "text"], widgets={"text": forms.Textarea(attrs={"rows": 2})}
)
ActionItemFormSet = part_formset(ActionItem, form=ActionItemForm)
AttendanceFormSet = part_formset(Attendance, form=AttendanceForm)

FORMSETS = {
    "agenda": AgendaFormSet,
    "attendance": AttendanceFormSet,
    "decisions": DecisionFormSet,
    "actions": ActionItemFormSet,
}


def meeting_formsets(
    data: object, *, meeting: Meeting, body: Body
) -> dict[str, forms.BaseInlineFormSet]:
    """The four formsets of the meeting page, each under its own prefix."""
    formsets = {}
    for prefix, formset_class in FORMSETS.items():
        kwargs: dict[str, object] = {"instance": meeting, "prefix": prefix}
        if prefix == "attendance":
            kwargs["form_kwargs"] = {"body": body}
        formsets[prefix] = formset_class(data, **kwargs)
    return formsets
