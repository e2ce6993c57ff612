"""The filters of the organisation and contact lists."""

import django_filters
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Person, PolicyDomain
from network.selectors import name_search, organisation_search


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name or abbreviation (Dutch or French)"), method="search"
    )
    kind = django_filters.ChoiceFilter(label=capfirst(_("kind")), choices=Organisation.Kind.choices)
    policy_domain = django_filters.ModelChoiceFilter(
        label=capfirst(_("policy domain")), queryset=PolicyDomain.objects.all()
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(organisation_search(value.strip()))


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name or function"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=capfirst(_("organisation")),
        queryset=Organisation.objects.order_by("short_name"),
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(name_search(value.strip(), "first_name", "last_name", "function"))
