"""People in pickers: full name, function and organisation, found by any part of them.

A page may offer hundreds of people. Its pickers hold only the chosen person and ask an
autocomplete for the others as the user types (Tom Select, ``static/js/portal.js``);
asked with ``?people=all``, the page lists them all, for a browser without JavaScript.
"""

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse

from accounts.models import User
from directory.pickers import picker_widget

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
    return [{"value": user.pk, "text": person_label(user)} for user in found]


def matches_response(
    request: HttpRequest, users: QuerySet[User], *, by_username: bool = False
) -> JsonResponse:
    """The autocomplete's answer: the first of ``users`` matching ``?q=``."""
    query = request.GET.get("q", "")[:100]
    return JsonResponse({"results": picker_matches(users, query, by_username=by_username)})


def lists_everyone(request: HttpRequest) -> bool:
    """Whether the page was asked to list every person in its pickers: ``?people=all``,
    the address of the link a browser without JavaScript shows beside them
    (``common/_everyone_link.html``), kept in the address the form posts to."""
    return request.GET.get("people") == "all"


class PersonSelect(forms.Select):
    """A select of people that, with ``only_chosen``, holds only the chosen person: the
    others come from the autocomplete, so the page neither reads nor carries them all."""

    only_chosen = False

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        if not self.only_chosen:
            return super().optgroups(name, value, attrs)
        field = self.choices.field
        chosen = [key for key in value if key.isdigit()]  # a posted value may be anything
        people = field.queryset.filter(pk__in=chosen) if chosen else []
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        choices += [(person.pk, field.label_from_instance(person)) for person in people]
        options = [
            self.create_option(name, key, label, str(key) in value, index)
            for index, (key, label) in enumerate(choices)
        ]
        return [(None, options, 0)]


class PersonChoiceField(forms.ModelChoiceField):
    """A user shown as a person; give it a queryset through ``with_picker_details``."""

    widget = PersonSelect

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)


def people_picker(field: PersonChoiceField, *, url: str, everyone: bool = True) -> None:
    """Let the user find people of ``field.queryset`` as he types, through the autocomplete
    at ``url``; the page lists all of them (``everyone``) or only the chosen one. Either
    way a posted person is valid only if he is in the queryset."""
    picker_widget(field.widget, url=url)
    field.widget.only_chosen = not everyone
