"""The words of each sign-up email: its kinds, the placeholders each kind may use, the built-in
wording, and filling a wording in safely.

Editors change the wording in the admin (`EmailWording` snippets, events/models/wording.py);
this module knows no model, so the snippet's validation and preview and the outbox
(events/emails.py) share it. Placeholders are `{name}`-style words in braces. They are filled
by plain substitution, one pass, never by a template engine, so neither an editor's text nor a
reader's name (which may itself hold braces) can run anything, and the values are escaped in
the HTML part. A line whose placeholders all have nothing to show (the place of an online
event, the joining link of an event in person) is left out of the email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import lazy
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class EmailKind(StrEnum):
    """Which email a sign-up gets (its built-in wording is `builtin_wording`)."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    RESEND = "resend"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    CANCELLED_BY_ORGANISER = "cancelled_by_organiser"
    EVENT_CANCELLED = "event_cancelled"
    REMINDER = "reminder"

    @property
    def label(self) -> str:
        """The kind in words, for the admin's email log and the wording snippets."""
        return str(KIND_LABELS[self])


KIND_LABELS: dict[str, Any] = {
    EmailKind.CONFIRMED: gettext_lazy("Place confirmed"),
    EmailKind.WAITING: gettext_lazy("On the waiting list"),
    EmailKind.RESEND: gettext_lazy("Sign-up details sent again"),
    EmailKind.PROMOTED: gettext_lazy("Place from the waiting list"),
    EmailKind.CANCELLED: gettext_lazy("Place cancelled"),
    EmailKind.CANCELLED_BY_ORGANISER: gettext_lazy("Place cancelled by the organisers"),
    EmailKind.EVENT_CANCELLED: gettext_lazy("Event cancelled"),
    EmailKind.REMINDER: gettext_lazy("Reminder"),
}

# Kinds of email for someone still signed up (with a place or waiting): they carry the
# private manage link. Cancellations do not: there is nothing left to manage.
MANAGED_KINDS = {
    EmailKind.CONFIRMED,
    EmailKind.WAITING,
    EmailKind.RESEND,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
}
# Kinds of email that carry the calendar file and, for online events, the joining link.
ATTENDEE_KINDS = {EmailKind.CONFIRMED, EmailKind.PROMOTED, EmailKind.REMINDER, EmailKind.RESEND}


@dataclass(frozen=True)
class Placeholder:
    name: str
    meaning: object  # a lazy string
    is_link: bool = False


PLACEHOLDERS = {
    p.name: p
    for p in [
        Placeholder("name", gettext_lazy("the person's name")),
        Placeholder("event", gettext_lazy("the event's title")),
        Placeholder(
            "date", gettext_lazy("the day and time, e.g. Monday 1 March 2027, 10:00 to 12:30")
        ),
        Placeholder(
            "place",
            gettext_lazy(
                "the venue and address (nothing for an online event: its line is left out)"
            ),
        ),
        Placeholder("event_link", gettext_lazy("the address of the event's page"), is_link=True),
        Placeholder(
            "manage_link",
            gettext_lazy(
                "the person's private link to see, change or cancel their sign-up (every email "
                "but the cancellations, and required there)"
            ),
            is_link=True,
        ),
        Placeholder(
            "joining_link",
            gettext_lazy(
                "the online joining link, for people with a place at an online event (place "
                "confirmed, place from the waiting list, reminder, details sent again; required "
                "there; its line is left out for events in person and for people waiting)"
            ),
            is_link=True,
        ),
        Placeholder(
            "waiting_position",
            gettext_lazy("the person's number on the waiting list (waiting list email only)"),
        ),
        Placeholder(
            "status",
            gettext_lazy(
                "where the sign-up stands, e.g. Confirmed (sign-up details sent again only)"
            ),
        ),
    ]
}
# The subject is shown in the admin's email log, so it names no person and holds no link.
SUBJECT_PLACEHOLDERS = {"event", "date"}
# Why an email of a kind that has them cannot go without these.
REQUIRED_REASONS = {
    "manage_link": gettext_lazy("it is how people see, change or cancel their sign-up"),
    "joining_link": gettext_lazy(
        "people with a place at an online event get the joining link only from it (the line is "
        "left out for events in person)"
    ),
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _placeholder_help() -> str:
    listed = "; ".join(f"{{{p.name}}} {p.meaning}" for p in PLACEHOLDERS.values())
    return str(
        _(
            "Placeholders, in braces, are filled in for each person: %(listed)s. A line whose "
            "placeholders have nothing to show is left out. A blank line starts a new paragraph."
        )
        % {"listed": listed}
    )


# The help text of the wording's body (lazy: in the editor's language).
PLACEHOLDER_HELP = lazy(_placeholder_help, str)()


def placeholders_for(kind: str) -> list[str]:
    """The placeholders an email of this kind may use, in the order of `PLACEHOLDERS`."""
    names = {"name", "event", "date", "place", "event_link"}
    if kind in MANAGED_KINDS:
        names.add("manage_link")
    if kind in ATTENDEE_KINDS:
        names.add("joining_link")
    if kind == EmailKind.WAITING:
        names.add("waiting_position")
    if kind == EmailKind.RESEND:
        names.add("status")
    return [name for name in PLACEHOLDERS if name in names]


def required_for(kind: str) -> list[str]:
    """The placeholders the body of an email of this kind must hold."""
    return [name for name in placeholders_for(kind) if name in REQUIRED_REASONS]


def _braced(names) -> str:
    return ", ".join(f"{{{name}}}" for name in names)


def _field_problems(text: str, allowed: list[str], in_subject: bool, kind: str) -> list[str]:
    problems = []
    if "{{" in text or "}}" in text:
        problems.append(_("Use single braces around a placeholder, as in {name}."))
    for name in dict.fromkeys(PLACEHOLDER.findall(text)):
        if name in allowed:
            continue
        if in_subject and name in placeholders_for(kind):
            problems.append(
                _(
                    "{%(name)s} cannot be in the subject: subjects are shown in the admin's email "
                    "log, so they name no one and carry no private link. The subject can use: "
                    "%(allowed)s."
                )
                % {"name": name, "allowed": _braced(allowed)}
            )
        else:
            problems.append(
                _("Unknown placeholder {%(name)s}. This email can use: %(allowed)s.")
                % {"name": name, "allowed": _braced(allowed)}
            )
    return problems


def problems(kind: str, subject: str, body: str) -> dict[str, list[str]]:
    """What is wrong with a wording, by field ("subject", "body"): unknown placeholders,
    placeholders this kind has not, and missing required ones. Empty when it is fine."""
    allowed = placeholders_for(kind)
    found = {
        "subject": _field_problems(
            subject, [n for n in allowed if n in SUBJECT_PLACEHOLDERS], True, kind
        ),
        "body": _field_problems(body, allowed, False, kind),
    }
    used = set(PLACEHOLDER.findall(body))
    for name in required_for(kind):
        if name not in used:
            found["body"].append(
                _("Add {%(name)s}: this email must include it, because %(reason)s.")
                % {"name": name, "reason": REQUIRED_REASONS[name]}
            )
    return {field: messages for field, messages in found.items() if messages}


def _kept_lines(body: str, values: dict[str, str]) -> list[str]:
    """The body's lines, without those whose placeholders all have nothing to show, and with
    runs of blank lines made one."""
    kept: list[str] = []
    for line in body.replace("\r\n", "\n").strip().split("\n"):
        names = PLACEHOLDER.findall(line)
        if names and not any(values.get(name) for name in names):
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder replaced by its value, in one pass (a value is never read
    again for placeholders); a placeholder without a value is left out."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match[1], "")), text)


def fill_text(body: str, values: dict[str, str]) -> str:
    """The plain-text body."""
    return "\n".join(fill(line, values) for line in _kept_lines(body, values))


def _html_line(line: str, values: dict[str, str]) -> str:
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(line):
        parts.append(escape(line[position : match.start()]))
        value = str(values.get(match[1], ""))
        placeholder = PLACEHOLDERS.get(match[1])
        if value and placeholder is not None and placeholder.is_link:
            parts.append(format_html('<a href="{}">{}</a>', value, value))
        else:
            parts.append(escape(value))
        position = match.end()
    parts.append(escape(line[position:]))
    return "".join(parts)


def fill_html(body: str, values: dict[str, str]) -> SafeString:
    """The HTML body: paragraphs where the text has blank lines, line breaks within them,
    the editor's text and every value escaped, links made links."""
    paragraphs: list[list[str]] = [[]]
    for line in _kept_lines(body, values):
        if line.strip():
            paragraphs[-1].append(_html_line(line, values))
        elif paragraphs[-1]:
            paragraphs.append([])
    return mark_safe(  # noqa: S308  (every piece is escaped above)
        "\n".join(f"<p>{'<br>'.join(lines)}</p>" for lines in paragraphs if lines)
    )


def _subject(kind: EmailKind) -> str:
    subjects = {
        EmailKind.CONFIRMED: lambda: _("Your place is confirmed: %(title)s"),
        EmailKind.WAITING: lambda: _("You are on the waiting list: %(title)s"),
        EmailKind.RESEND: lambda: _("Your sign-up details: %(title)s"),
        EmailKind.PROMOTED: lambda: _("A place has opened for you: %(title)s"),
        EmailKind.CANCELLED: lambda: _("Your place is cancelled: %(title)s"),
        EmailKind.CANCELLED_BY_ORGANISER: lambda: _(
            "The organisers cancelled your place: %(title)s"
        ),
        EmailKind.EVENT_CANCELLED: lambda: _("Event cancelled: %(title)s"),
        EmailKind.REMINDER: lambda: _("Reminder: %(title)s is coming up"),
    }
    return subjects[kind]() % {"title": "{event}"}


def _message(kind: EmailKind) -> str:
    title = {"title": "{event}"}
    messages = {
        EmailKind.CONFIRMED: lambda: _("Your place at %(title)s is confirmed.") % title,
        EmailKind.WAITING: lambda: (
            _(
                "%(title)s is full, so you are on the waiting list (number %(waiting_position)s). "
                "If a place opens, it is yours and we will email you."
            )
            % {**title, "waiting_position": "{waiting_position}"}
        ),
        EmailKind.PROMOTED: lambda: (
            _(
                "Good news: a place has opened at %(title)s and it is yours. Your place is confirmed."
            )
            % title
        ),
        EmailKind.RESEND: lambda: (
            _(
                "You asked to sign up for %(title)s again. You are already signed up: here are your "
                "details."
            )
            % title
            + " {status}."
        ),
        EmailKind.CANCELLED: lambda: (
            _("Your sign-up for %(title)s is cancelled. Thank you for letting us know.") % title
        ),
        EmailKind.CANCELLED_BY_ORGANISER: lambda: (
            _(
                "The organisers have cancelled your sign-up for %(title)s. Reply to this email if "
                "you think this is a mistake."
            )
            % title
        ),
        EmailKind.EVENT_CANCELLED: lambda: (
            _("We are sorry: %(title)s is cancelled. You do not need to do anything.") % title
        ),
        EmailKind.REMINDER: lambda: (
            _("A reminder that %(title)s is coming up, and you have a place.") % title
        ),
    }
    return messages[kind]()


def builtin_wording(kind: str) -> tuple[str, str]:
    """The wording an email has when editors have written none: (subject, body), in the
    active language, from the translation catalogue. The demo content starts from it."""
    kind = EmailKind(kind)
    lines = [_("Dear %(name)s,") % {"name": "{name}"}, "", _message(kind), ""]
    if kind in MANAGED_KINDS:
        lines += [_("When") + ": {date}", _("Where") + ": {place}"]
        if kind in ATTENDEE_KINDS:
            lines.append(
                _("Join online")
                + ": {joining_link} "
                + _("Please do not share this link: it is for people who signed up.")
            )
        lines += [
            "",
            _("See your sign-up, update your needs or cancel (this link is private to you):"),
            "{manage_link}",
            "",
        ]
    lines += [
        _("Event page") + ": {event_link}",
        "",
        _("Trauma-Informed London, London's Violence Reduction Unit"),
    ]
    return _subject(kind), "\n".join(lines)
