"""Public sign-up views: sign up, the private manage page, and calendar files.

The forms set no cookie: their POSTs are checked for coming from this site instead of with a
CSRF token (see home/security.py), and a forged cross-site post gets a 403 page.
"""

from __future__ import annotations

from enum import StrEnum

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale

from events import services
from events.calendar import event_ics
from events.forms import CancelForm, NeedsForm, RegistrationForm
from events.links import LinkExpired, LinkInvalid
from events.models import EventPage, Registration
from events.services import SignUpOutcome
from home.public_forms import PublicForm, private
from home.security import same_origin_post
from home.throttling import Rate, Throttle, throttled_response

# Named in its spam stamp as templates/events/event_page.html writes it with
# {% spam_fields "sign-up" %}. A reader signs up a few times at most; colleagues behind one
# office connection a few more. Per email address, so that no one's inbox can be flooded.
SIGN_UP = PublicForm(
    "sign-up",
    Throttle(
        "sign-up",
        per_address=(Rate(10, 10 * 60), Rate(40, 24 * 60 * 60)),
        per_email=(Rate(5, 60 * 60),),
    ),
    email_field="email",
)
# Changing needs or cancelling from the private link.
MANAGE_THROTTLE = Throttle("manage", per_address=(Rate(20, 10 * 60),))

# Events in the public calendar feed, at most: upcoming, and past (so a new subscriber sees
# the latest ones).
CALENDAR_FEED_SIZE = 12
CALENDAR_FEED_PAST = 4


class ManageAction(StrEnum):
    """The manage page's two forms (the `action` their buttons send)."""

    CANCEL = "cancel"
    NEEDS = "needs"


class ManageOutcome(StrEnum):
    """What the manage page says after a change (`?done=`)."""

    CANCELLED = "cancelled"
    UPDATED = "updated"


def _private(response):
    """Pages about one person's sign-up: never cached, never indexed, link not leaked."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    # same-origin, not no-referrer: browsers then send "Origin: null" on our own form posts.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _event(event_id: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live(), pk=event_id)


def _render_event(request, event: EventPage, form, message=""):
    context = event.get_context(request)
    context.update({"form": form, "form_message": message})
    return TemplateResponse(request, event.get_template(request), context)


@same_origin_post
@require_POST
def sign_up(request, event_id: int):
    event = _event(event_id)

    def closed():
        if event.signup_is_open:
            return None
        return _render_event(request, event, RegistrationForm(event=event), event.status_label)

    form = RegistrationForm(request.POST, event=event)
    answer = SIGN_UP.screen(
        request,
        form,
        sent=lambda: _signed_up_redirect(event, SignUpOutcome.CONFIRMED),
        show_again=lambda form, message: private(_render_event(request, event, form, message)),
        back_url=event.url,
        check=closed,
    )
    if answer:
        return answer
    try:
        result = services.sign_up(event, form.cleaned_data, get_language())
    except services.SignUpClosed:  # cancelled while the reader was filling in the form
        event = _event(event_id)
        return _render_event(request, event, RegistrationForm(event=event), event.status_label)
    return _signed_up_redirect(event, result.outcome)


def _signed_up_redirect(event: EventPage, outcome: SignUpOutcome) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("events:signed_up", kwargs={"event_id": event.pk, "outcome": outcome}),
        status=303,
    )


@require_GET
def signed_up(request, event_id: int, outcome: str):
    try:
        outcome = SignUpOutcome(outcome)
    except ValueError:
        raise Http404 from None
    event = _event(event_id)
    # The outcome of one reader's sign-up: never shared by caches.
    return _private(
        TemplateResponse(
            request, "events/signed_up.html", {"event": event, "page": event, "outcome": outcome}
        )
    )


def _link_problem(request, expired: bool):
    response = TemplateResponse(
        request,
        "events/link_problem.html",
        {"expired": expired},
        status=410 if expired else 400,
    )
    return _private(response)


@same_origin_post
@require_http_methods(["GET", "POST"])
def manage(request, signed: str):
    try:
        registration = Registration.objects.for_manage_link(signed)
    except LinkExpired:
        return _link_problem(request, expired=True)
    except LinkInvalid:
        return _link_problem(request, expired=False)
    event = registration.event.localized
    needs_form = NeedsForm(
        initial={
            "access_needs": registration.access_needs,
            "access_needs_consent": registration.access_needs_consent,
            "dietary_needs": registration.dietary_needs,
            "dietary_needs_consent": registration.dietary_needs_consent,
        }
    )
    cancel_form = CancelForm()
    status = 200
    if request.method == "POST":
        refusal = MANAGE_THROTTLE.refuse_address(request)
        if refusal:
            return _private(throttled_response(request, refusal, back_url=request.path))
        action = request.POST.get("action")
        if action == ManageAction.CANCEL:
            cancel_form = CancelForm(request.POST)
            if cancel_form.is_valid():
                services.cancel_registration(registration)
                return _private(
                    HttpResponseRedirect(
                        f"{request.path}?done={ManageOutcome.CANCELLED}", status=303
                    )
                )
        elif action == ManageAction.NEEDS and registration.status != Registration.Status.CANCELLED:
            needs_form = NeedsForm(request.POST)
            if needs_form.is_valid():
                services.update_needs(registration, needs_form.cleaned_data)
                return _private(
                    HttpResponseRedirect(f"{request.path}?done={ManageOutcome.UPDATED}", status=303)
                )
        status = 200
    done = request.GET.get("done")
    context = {
        "registration": registration,
        "event": event,
        "page": event,
        "needs_form": needs_form,
        "cancel_form": cancel_form,
        "done": done if done in set(ManageOutcome) else "",
        "show_joining_link": registration.status == Registration.Status.CONFIRMED
        and event.is_online
        and bool(event.online_joining_link)
        and not event.is_past,
        "waiting_position": registration.waiting_position,
    }
    return _private(TemplateResponse(request, "events/manage.html", context, status=status))


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_calendar(request, event_id: int):
    event = _event(event_id)
    return _ics_response(event_ics([event], request=request), f"{event.slug}.ics")


@require_GET
def calendar_feed(request):
    locale = Locale.get_active()
    # The next CALENDAR_FEED_SIZE events and the latest few past ones: bounded, whatever the
    # number of events (a calendar app keeps the ones it has already seen).
    now = timezone.now()
    live = EventPage.objects.live().filter(locale=locale)
    upcoming = list(live.filter(end__gte=now).order_by("start")[:CALENDAR_FEED_SIZE])
    past = list(live.filter(end__lt=now).order_by("-start")[:CALENDAR_FEED_PAST])
    events = past[::-1] + upcoming
    return _ics_response(
        event_ics(events, name=_("Trauma-Informed London events"), request=request),
        "trauma-informed-london-events.ics",
    )
