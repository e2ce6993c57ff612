"""The officer's forms for the directory: organisations and contacts."""

from django import forms

from directory.models import Organisation, Person


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "name_fr",
            "short_name_fr",
            "kind",
            "policy_domain",
            "parent",
            "handles_classified",
            "is_active",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.order_by("short_name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class ContactForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "organisation",
            "function",
            "email",
            "phone",
            "preferred_language",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("short_name")
