"""People in pickers: full name, function and organisation, found by any part of them."""

from django import forms
from django.db.models import Q, QuerySet

from accounts.models import User

# How many people an autocomplete answer lists at most.
MATCH_LIMIT = 20


def with_picker_details(users: QuerySet[User]) -> QuerySet[User]:
    """What a picker shows of each person, loaded in the same query."""
    return users.select_related("organisation", "person").order_by("last_name", "first_name", "pk")


def person_label(user: User) -> str:
    """'Anna Peeters — security officer, OND': who this is, not a log-in name."""
    name = user.get_full_name() or user.get_username()
    person = getattr(user, "person", None)
    function = person.function if person is not None else ""
    where = ", ".join(part for part in (function, user.organisation.short_name) if part)
    return f"{name} — {where}" if where else name


def matching_people(users: QuerySet[User], query: str) -> QuerySet[User]:
    """Users whose name, function or organisation contains every word of ``query``."""
    for word in query.split()[:5]:
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(person__function__icontains=word)
            | Q(organisation__short_name__icontains=word)
            | Q(organisation__short_name_fr__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__name_fr__icontains=word)
        )
    return users


def picker_matches(users: QuerySet[User], query: str) -> list[dict[str, object]]:
    """The first matches as Tom Select reads them: ``value`` and ``text``."""
    found = with_picker_details(matching_people(users, query))[:MATCH_LIMIT]
    return [{"value": user.pk, "text": person_label(user)} for user in found]


class PersonChoiceField(forms.ModelChoiceField):
    """A user shown as a person; give it a queryset through ``with_picker_details``."""

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)
