"""People in pickers: full name, function and organisation, found by any part of them
(see ``directory.pickers`` for the pickers themselves)."""

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse

from accounts.models import User
from common.forms import DeferredQuerysetMixin
from directory.pickers import MATCH_LIMIT, ChosenOnlySelect, autocomplete_query


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


def matching_people(
    users: QuerySet[User], query: str, *, by_username: bool = False
) -> QuerySet[User]:
    """Users whose name, function or organisation (or log-in name, ``by_username``)
    contains every word of ``query``."""
    for word in query.split()[:5]:
        found = (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(person__function__icontains=word)
            | Q(organisation__short_name__icontains=word)
            | Q(organisation__short_name_fr__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__name_fr__icontains=word)
        )
        if by_username:
            found |= Q(username__icontains=word)
        users = users.filter(found)
    return users


def picker_matches(
    users: QuerySet[User], query: str, *, by_username: bool = False
) -> list[dict[str, object]]:
    """The first matches as Tom Select reads them: ``value`` and ``text``."""
    matches = matching_people(users, query, by_username=by_username)
    found = with_picker_details(matches)[:MATCH_LIMIT]
    return [
        {"value": user.pk, "text": person_label(user), "search": person_words(user, by_username)}
        for user in found
    ]


def person_words(user: User, by_username: bool = False) -> str:
    """Everything ``matching_people`` looked in, so that Tom Select, which filters the
    server's matches again as the user types, keeps one found by a full organisation name."""
    organisation = user.organisation
    words = [
        user.first_name,
        user.last_name,
        getattr(getattr(user, "person", None), "function", ""),
        organisation.short_name,
        organisation.short_name_fr,
        organisation.name,
        organisation.name_fr,
        user.get_username() if by_username else "",
    ]
    return " ".join(word for word in words if word)


def people_response(
    request: HttpRequest, users: QuerySet[User], *, by_username: bool = False
) -> JsonResponse:
    """The autocomplete's answer: the first of ``users`` matching ``?q=``."""
    matches = picker_matches(users, autocomplete_query(request), by_username=by_username)
    return JsonResponse({"results": matches})


class PersonChoiceField(DeferredQuerysetMixin, forms.ModelChoiceField):
    """A user shown as a person; give it a queryset through ``with_picker_details``."""

    widget = ChosenOnlySelect

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)
