"""Public views of the mailing lists: join (double opt-in), confirm, unsubscribe (one click,
RFC 8058) and preferences.

Readers get no cookies: every form here is checked for coming from this site
(`same_origin_post`), except the one-click unsubscribe that mail providers post for the reader
(`List-Unsubscribe=One-Click`), which the signed random token in the address protects. A GET
never changes anything, so mail scanners that fetch links cannot confirm or unsubscribe.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from events import subscriptions
from events.forms import ListPreferencesForm
from events.links import (
    LIST_CONFIRM_MAX_AGE_DAYS,
    LinkExpired,
    LinkInvalid,
    confirm_token_from_link,
    member_token_from_link,
)
from events.models import MailingList, Subscription
from events.views import _private
from home.public_forms import PublicForm
from home.security import is_same_origin, same_origin_post
from home.throttling import Rate, Throttle, throttled_response

# Named in its spam stamp as templates/events/includes/join_lists_form.html writes it. Per
# email address too, so that nobody's inbox can be flooded with confirmation emails.
JOIN = PublicForm(
    "join-lists",
    Throttle(
        "join-lists",
        per_address=(Rate(10, 10 * 60), Rate(40, 24 * 60 * 60)),
        per_email=(Rate(3, 60 * 60),),
    ),
    email_field="email",
)
# Confirming, leaving and changing lists from a link in an email.
LIST_LINK_THROTTLE = Throttle("list-links", per_address=(Rate(30, 10 * 60),))
ONE_CLICK = "One-Click"


def _join_page(request, form, message="", status=200):
    return _private(
        TemplateResponse(
            request,
            "events/lists/join.html",
            {"join_form": form, "form_message": message},
            status=status,
        )
    )


def _joined_redirect():
    return HttpResponseRedirect(reverse("events:lists_joined"), status=303)


@same_origin_post
@require_http_methods(["GET", "POST"])
def join(request):
    """GET: the join form on a page of its own (the block is the usual way in). POST: join."""
    if request.method == "GET":
        return _join_page(request, MailingList.join_form(Locale.get_active()))
    form = MailingList.join_form(Locale.get_active(), request.POST)
    answer = JOIN.screen(
        request,
        form,
        sent=_joined_redirect,
        show_again=lambda form, message: _join_page(request, form, message),
    )
    if answer:
        return answer
    email = form.cleaned_data["email"]
    subscriptions.join(email, form.cleaned_data["lists"], get_language())
    # The same answer whether the address was new, waiting or already on a list.
    return _joined_redirect()


@require_GET
def joined(request):
    return _private(
        TemplateResponse(
            request, "events/lists/join.html", {"done": True, "days": LIST_CONFIRM_MAX_AGE_DAYS}
        )
    )


def _link_problem(request, expired: bool):
    """An expired (410) or broken (400) list link: a page saying what to do."""
    return _private(
        TemplateResponse(
            request,
            "events/lists/link_problem.html",
            {"expired": expired, "days": LIST_CONFIRM_MAX_AGE_DAYS},
            status=410 if expired else 400,
        )
    )


def _names(subscription_list, language: str) -> list[str]:
    return [s.mailing_list.in_language(language).name for s in subscription_list]


@same_origin_post
@require_http_methods(["GET", "POST"])
def confirm(request, signed: str):
    try:
        token = confirm_token_from_link(signed)
    except LinkExpired:
        return _link_problem(request, expired=True)
    except LinkInvalid:
        return _link_problem(request, expired=False)
    language = get_language()
    if request.method == "POST":
        refusal = LIST_LINK_THROTTLE.refuse_address(request)
        if refusal:
            return _private(throttled_response(request, refusal, back_url=request.path))
        confirmed = subscriptions.confirm(token)
        if not confirmed:
            return HttpResponseRedirect(request.path, status=303)
        context = {"confirmed": True, "names": _names(confirmed, language)}
    else:
        context = {"names": _names(subscriptions.to_confirm(token), language)}
    return _private(TemplateResponse(request, "events/lists/confirm.html", context))


def _member(signed: str) -> Subscription | None:
    try:
        token = member_token_from_link(signed)
    except LinkInvalid:
        return None
    return Subscription.objects.filter(token=token).select_related("mailing_list").first()


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, signed: str):
    """GET: a page with a button. POST: leave the list at once. A mail provider's one-click
    POST (body `List-Unsubscribe=One-Click`, RFC 8058) comes from their servers, not our
    page, so it alone skips the same-origin check: the signed token is the protection."""
    subscription = _member(signed)
    if subscription is None:
        return _link_problem(request, expired=False)
    one_click = request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK
    if request.method == "POST" and not one_click:
        if not is_same_origin(request):
            return same_origin_post(lambda request: None)(request)
        refusal = LIST_LINK_THROTTLE.refuse_address(request)
        if refusal:
            return _private(throttled_response(request, refusal, back_url=request.path))
    if request.method == "POST":
        subscriptions.unsubscribe(subscription)
        if one_click:
            return _private(HttpResponse("Unsubscribed.", content_type="text/plain"))
    context = {
        "left": request.method == "POST" or subscription.status == Subscription.Status.UNSUBSCRIBED,
        "list_name": subscription.mailing_list.in_language(get_language()).name,
        "preferences_path": reverse("events:list_preferences", kwargs={"signed": signed}),
    }
    return _private(TemplateResponse(request, "events/lists/unsubscribe.html", context))


@same_origin_post
@require_http_methods(["GET", "POST"])
def preferences(request, signed: str):
    subscription = _member(signed)
    if subscription is None:
        return _link_problem(request, expired=False)
    language = get_language()

    def confirmed():
        return list(
            Subscription.objects.for_email(subscription.email)
            .confirmed()
            .select_related("mailing_list")
        )

    on = confirmed()
    choices = [(s.mailing_list_id, s.mailing_list.in_language(language).name) for s in on]
    form = ListPreferencesForm(initial={"lists": [s.mailing_list_id for s in on]}, choices=choices)
    if request.method == "POST":
        refusal = LIST_LINK_THROTTLE.refuse_address(request)
        if refusal:
            return _private(throttled_response(request, refusal, back_url=request.path))
        if request.POST.get("action") == "leave_all":
            subscriptions.set_lists(subscription, set())
            return HttpResponseRedirect(f"{request.path}?done=1", status=303)
        form = ListPreferencesForm(request.POST, choices=choices)
        if form.is_valid():
            subscriptions.set_lists(subscription, set(form.cleaned_data["lists"]))
            return HttpResponseRedirect(f"{request.path}?done=1", status=303)
    context = {"form": form, "done": request.GET.get("done") == "1"}
    return _private(TemplateResponse(request, "events/lists/preferences.html", context))
