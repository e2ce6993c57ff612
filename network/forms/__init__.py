"""The network app's forms, one module per subject; every name stays importable from here."""

from network.forms.bodies import BodyDossierForm, BodyForm, MembershipFormSet
from network.forms.directory import ContactForm, OrganisationForm
from network.forms.filters import ContactFilter, OrganisationFilter
from network.forms.meetings import MeetingForm, meeting_formsets

__all__ = [
    "BodyDossierForm",
    "BodyForm",
    "ContactFilter",
    "ContactForm",
    "MeetingForm",
    "MembershipFormSet",
    "OrganisationFilter",
    "OrganisationForm",
    "meeting_formsets",
]
