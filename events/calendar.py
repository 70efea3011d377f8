"""Calendar files (.ics, RFC 5545) and schema.org Event data for event pages."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.html import strip_tags
from django.utils.translation import get_language
from icalendar import Calendar, Event, vCalAddress, vText

from events.links import public_base_url
from home.chrome_context import organisation
from home.examples import labelled

PRODID = "-//Trauma-Informed London//Events//EN"


def _uid(event) -> str:
    # One UID per event across languages, so calendars update the entry rather than duplicate it.
    return f"event-{event.translation_key}@trauma-informed.london"


def _location(event) -> str:
    parts = [event.venue, event.address_one_line] if event.is_in_person else []
    if event.is_online:
        parts.append("Online")
    return ", ".join(part for part in parts if part)


def _organizer(request=None) -> vCalAddress:
    """The organisation that runs the site as the events' organiser: its name (from the site
    settings) and its contact email when there is one, else the site's address."""
    found = organisation(request)
    email = found["contact_email"]
    organizer = vCalAddress(f"mailto:{email}" if email else public_base_url() + "/")
    organizer.params["cn"] = vText(found["name"])
    return organizer


def event_ics(events, for_attendee: bool = False, name: str = "", request=None) -> bytes:
    """A calendar with the given events. `for_attendee` adds the online joining link."""
    organizer = _organizer(request) if events else None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        entry = Event()
        entry.add("uid", _uid(event))
        entry.add("dtstamp", datetime.now(UTC))
        entry.add("dtstart", event.start.astimezone(UTC))
        entry.add("dtend", event.end.astimezone(UTC))
        entry.add("summary", labelled(event.title, event))
        description = event.summary
        if for_attendee and event.is_online and event.online_joining_link:
            description += f"\n\nJoin online: {event.online_joining_link}"
        entry.add("description", description)
        location = _location(event)
        if location:
            entry.add("location", location)
        url = public_base_url() + (event.url or "")
        entry.add("url", url)
        entry.add("organizer", organizer)
        entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        entry.add(
            "last-modified",
            (
                event.last_published_at or event.latest_revision_created_at or datetime.now(UTC)
            ).astimezone(UTC),
        )
        calendar.add_component(entry)
    return calendar.to_ical()


def event_json_ld(event, request=None) -> dict:
    """schema.org Event, as search engines read it."""
    modes = {
        event.Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
        event.Mode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        event.Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    }
    locations = []
    if event.is_in_person:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.address_one_line,
                    "addressLocality": "London",
                    "addressCountry": "GB",
                },
            }
        )
    if event.is_online:
        # The joining link is private: the public data points at the event page instead.
        locations.append({"@type": "VirtualLocation", "url": public_base_url() + (event.url or "")})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": labelled(strip_tags(event.summary), event),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": modes[event.mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {
            "@type": "Organization",
            "name": organisation(request)["name"],
            "url": public_base_url() + "/",
        },
        "url": public_base_url() + (event.url or ""),
        "inLanguage": get_language(),
        "isAccessibleForFree": True,
    }
    if event.signup_is_open:
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "GBP",
            "url": public_base_url() + (event.url or ""),
            "availability": "https://schema.org/InStock"
            if event.places_left
            else "https://schema.org/SoldOut",
        }
    return data
