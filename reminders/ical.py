"""The personal iCalendar feed: the user's deadlines, worded like the reminders (rule 7)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event

from accounts.models import User
from reminders import registry
from reminders.sweep import Due, absolute_url, calendar_summary

# The feed starts this long ago, so that what just passed stays in view.
FEED_PAST = datetime.timedelta(days=30)
# A deadline is an all-day event: the alarm rings at 9 o'clock the day before.
ALARM_BEFORE = datetime.timedelta(hours=15)


def feed_deadlines(user: User, since: datetime.date) -> list[Due]:
    return [
        due
        for source in registry.SOURCES.values()
        for due in source.calendar_deadlines(user=user, since=since)
    ]


def event_for(due: Due, stamp: datetime.datetime) -> Event:
    event = Event()
    label = type(due.item)._meta.label_lower
    event.add("uid", f"{label}-{due.item.pk}-{due.kind}-{due.lead or 'date'}@liaison-portal")
    event.add("dtstamp", stamp)
    event.add("dtstart", due.due_on)
    event.add("summary", calendar_summary(due))
    event.add("description", event_description(due))
    event.add("url", absolute_url(due.url))
    event.add("transp", "TRANSPARENT")
    event.add_component(alarm_for(due))
    return event


def event_description(due: Due) -> str:
    """The reference and the link, never the title or content: calendars are shared (rule 7)."""
    return f"{due.reference}\n{absolute_url(due.url)}"


def alarm_for(due: Due) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -ALARM_BEFORE)
    alarm.add("description", gettext("Deadline: %(reference)s") % {"reference": due.reference})
    return alarm


def feed_for(user: User) -> bytes:
    """The feed, in the active language; only what the user may see, titles only when open."""
    calendar = Calendar()
    calendar.add("prodid", "-//Vlaamse overheid//Liaison portal//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("Liaison portal deadlines"))
    stamp = timezone.now()
    since = timezone.localdate() - FEED_PAST
    for due in sorted(feed_deadlines(user, since), key=lambda due: due.due_on):
        calendar.add_component(event_for(due, stamp))
    return calendar.to_ical()
