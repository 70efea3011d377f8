"""Factories for events (in home.factories' style): the events index, events, sign-ups and the
emails' wording."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Page

from events.models import EmailWording, EventIndexPage, EventPage, MailingList, Registration
from events.views import SIGN_UP
from events.wording import builtin_wording
from home.factories import PageFactory, PublishedSnippetFactory, default_locale, served_stamp


class EventIndexPageFactory(PageFactory):
    """The Events section, under the home page."""

    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(PageFactory):
    """A published hybrid event `days_ahead` days from now (20 unless told), two hours long,
    with ten places, under the default language's events index (made if missing)."""

    class Meta:
        model = EventPage

    class Params:
        days_ahead = 20

    slug = factory.Sequence(lambda n: f"test-event-{n}")
    title = factory.LazyAttribute(lambda event: f"Event {event.slug}")
    summary = "A test event."
    start = factory.LazyAttribute(lambda event: timezone.now() + timedelta(days=event.days_ahead))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=2))
    mode = EventPage.Mode.HYBRID
    venue = "Test venue"
    address = "1 Test Street\nLondon"
    online_joining_link = "https://meet.example.org/private-room"
    capacity = 10

    @classmethod
    def default_parent(cls) -> Page:
        index = EventIndexPage.objects.filter(locale=default_locale()).first()
        return index or EventIndexPageFactory()


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed sign-up, stored directly (no email, no capacity check): for tests that need
    people on an event without going through events.services."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    privacy_consent = True
    status = Registration.Status.CONFIRMED


def form_data(**overrides) -> dict:
    """What the public sign-up form posts, with the required fields filled in."""
    data = {
        "name": "Sam Signup",
        "email": "sam@example.org",
        "privacy_consent": "on",
        **served_stamp(SIGN_UP.name),  # a person who took a minute to fill it in
    }
    data.update(overrides)
    return data


class EmailWordingFactory(PublishedSnippetFactory):
    """A live wording of one kind of email (the confirmation unless told), in the default
    language unless `locale=` says otherwise, starting from the built-in wording in English."""

    class Meta:
        model = EmailWording

    kind = "confirmed"
    subject = factory.LazyAttribute(lambda wording: builtin_wording(wording.kind)[0])
    body = factory.LazyAttribute(lambda wording: builtin_wording(wording.kind)[1])


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingList

    name = factory.Sequence(lambda n: f"List {n}")
    slug = factory.Sequence(lambda n: f"list-{n}")
    description = "News from the programme, about once a month."
    locale = factory.LazyFunction(default_locale)
