"""Small helpers of the forms: a model choice field whose queryset is built when read."""

import pytest
from django import forms

from accounts.models import User
from accounts.pickers import PersonChoiceField, with_picker_details

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    person = PersonChoiceField(queryset=User.objects.none())


def deferred_form(data: dict | None, built: list, *, only_chosen: bool = True) -> PickForm:
    form = PickForm(data)
    field = form.fields["person"]
    field.widget.only_chosen = only_chosen

    def build():
        built.append(True)
        return with_picker_details(User.objects.filter(username__startswith="vo-"))

    field.defer_queryset(build)
    return form


def test_an_unposted_picker_holding_only_the_chosen_option_builds_no_queryset(
    vo_onderwijs, officer
):
    built = []
    html = str(deferred_form(None, built)["person"])
    assert built == []
    assert 'name="person"' in html and vo_onderwijs.last_name not in html
    listed = str(deferred_form(None, built, only_chosen=False)["person"])
    assert built == [True] and vo_onderwijs.last_name in listed


def test_a_posted_choice_is_checked_against_the_deferred_queryset_built_once(vo_onderwijs, officer):
    built = []
    form = deferred_form({"person": vo_onderwijs.pk}, built)
    assert form.is_valid() and form.cleaned_data["person"] == vo_onderwijs
    assert vo_onderwijs.last_name in str(form["person"])  # the chosen option is shown
    assert built == [True]
    refused = deferred_form({"person": officer.pk}, [])
    assert not refused.is_valid() and refused.has_error("person", "invalid_choice")


def test_a_queryset_set_after_deferring_replaces_the_deferred_one(vo_onderwijs):
    built = []
    form = deferred_form(None, built)
    form.fields["person"].queryset = with_picker_details(User.objects.filter(pk=vo_onderwijs.pk))
    assert list(form.fields["person"].queryset) == [vo_onderwijs] and built == []
