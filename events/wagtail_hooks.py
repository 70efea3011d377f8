"""The admin for comms staff: sign-ups per event, filterable and exportable, organiser actions,
the waiting list following capacity changes, and the email log (every outbox email, with
given-up ones put back in the queue: events.view_outboundemail and
events.requeue_outboundemail, the Events team's). Only the Events team sees sign-ups, because
they are personal data, and each permission means what it says: events.view_registration to
list and inspect them, events.add_registration to sign someone up (the public form's rules and
waiting list), events.change_registration to edit, cancel, give a place or cancel an event,
and events.export_registration to download them (no link, and a refusal, without it).
Personal-data requests need both change and export. Deleting is left to superusers (a
deleted sign-up's place passes on, as with a cancellation)."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import admin_views, emails
from events.admin_forms import AddRegistrationForm, OrganiserRegistrationForm
from events.models import (
    EmailWording,
    EventPage,
    MailingList,
    OutboundEmail,
    Registration,
    Subscription,
)
from events.models.locales import default_locale_id
from events.models.signups import attach_counts
from home.admin_viewsets import ReadOnlyModelViewSet


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        queryset=EventPage.objects.none(), label=_("Event"), empty_label=_("All events")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["event"].queryset = EventPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("-start")

    class Meta:
        model = Registration
        fields = ["event", "status"]


class ActionsColumn(Column):
    """Links to cancel someone, or to give someone waiting a place."""

    def get_value(self, instance):
        links = []
        if instance.status == Registration.Status.WAITING:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("events_promote_registration", args=[instance.pk]),
                    _("Give a place"),
                )
            )
        if instance.status != Registration.Status.CANCELLED:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("events_cancel_registration", args=[instance.pk]),
                    _("Cancel"),
                )
            )
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else ""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not request.user.has_perm("events.change_registration"):
            context["value"] = self.empty_value_display  # the actions would be refused anyway
        return context


EXPORT_PERMISSION = "events.export_registration"


class RegistrationIndexView(IndexView):
    export_headings = {
        "get_status_display": _("Status"),
        "waiting_position": _("Waiting list position"),
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not request.user.has_perm(EXPORT_PERMISSION):
            return admin_views.refuse(
                request,
                _(
                    "Your role may not download sign-ups. Ask an administrator to add you to the Events team if your work needs it."
                ),
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.request.user.has_perm(EXPORT_PERMISSION)


class RegistrationViewSet(ModelViewSet):
    """Event sign-ups, for the Events team."""

    model = Registration
    icon = "group"
    menu_label = _("Event sign-ups")
    menu_order = 300
    add_to_admin_menu = True
    url_prefix = "events/sign-ups"
    list_display = [
        "name",
        "email",
        "event",
        "status",
        "created_at",
        ActionsColumn("actions", label=_("Actions")),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "event",
        "get_status_display",
        "waiting_position",
        "name",
        "email",
        "organisation",
        "sector",
        "role",
        "access_needs",
        "dietary_needs",
        "language",
        "created_at",
    ]
    index_view_class = RegistrationIndexView
    export_filename = "event-sign-ups"
    add_view_class = admin_views.RegistrationCreateView
    edit_view_class = admin_views.RegistrationEditView
    delete_view_class = admin_views.RegistrationDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    def get_queryset(self, request):
        return Registration.objects.select_related("event", "sector")

    def get_form_class(self, for_update=False):
        """Adding asks what the public form asks (event, email, privacy consent); editing
        changes the person's details and needs. Both keep the needs' consent rule."""
        return OrganiserRegistrationForm if for_update else AddRegistrationForm


registration_viewset = RegistrationViewSet("events_registration")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


# --- The email log ------------------------------------------------------------------------
#
# What it shows is what the Events team needs to see whether an email reached someone, and to
# put it back in the queue: the recipient, which email it was (kind, event), where it stands,
# the tries and the last error, and when. The listing never shows the email's text, HTML or
# calendar file, and neither does the detail screen: they hold the person's name, their manage
# link (a key that lets anyone cancel their place) and an online event's private joining link,
# and none of that helps to tell why an email did not go. The detail screen adds the subject
# (it names the event or the page, never the person; Wagtail also puts it in the label of each
# row's menu) and the whole last error (a mail server's refusal, which at most quotes the
# recipient's address, already shown). No sign-up
# details (needs, organisation) appear: the sign-up itself is under "Event sign-ups".


REQUEUE_FORM_ID = "email-log-requeue"


class EmailLogFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=OutboundEmail.Delivery.choices,
        method="filter_status",
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(str(kind), label) for kind, label in emails.KIND_LABELS.items()],
        method="filter_kind",
        empty_label=_("All kinds"),
    )
    event = django_filters.ModelChoiceFilter(
        queryset=EventPage.objects.none(),
        field_name="registration__event",
        label=_("Event"),
        empty_label=_("All events"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["event"].queryset = EventPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("-start")

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=OutboundEmail.statuses_for(value))

    def filter_kind(self, queryset, name, value):
        return emails.of_kind(queryset, value)

    class Meta:
        model = OutboundEmail
        fields: list[str] = []


class RequeueColumn(Column):
    """For a given-up email: a box to tick for "Requeue chosen emails" and a link to requeue
    that one email (both lead to a confirmation screen that posts)."""

    def get_value(self, instance):
        if instance.status != OutboundEmail.Status.GAVE_UP:
            return ""
        return format_html(
            '<input type="checkbox" name="id" value="{}" form="{}" aria-label="{}"> '
            '<a href="{}?id={}">{}</a>',
            instance.pk,
            REQUEUE_FORM_ID,
            _("Choose the email to %(to)s") % {"to": instance.to},
            reverse("events_requeue_emails"),
            instance.pk,
            _("Requeue"),
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not request.user.has_perm("events.requeue_outboundemail"):
            context["value"] = self.empty_value_display  # the requeue would be refused anyway
        return context


def _event_title(email: OutboundEmail) -> str:
    return email.registration.event.title if email.registration is not None else ""


def _kind_label(email: OutboundEmail) -> str:
    return emails.kind_label(emails.kind_of(email))


class EmailLogIndexView(IndexView):
    default_ordering = "-created_at"  # the newest first

    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].label = _("Recipient")  # the title column, linking to the detail screen
        return columns

    @cached_property
    def can_requeue(self) -> bool:
        return self.user_has_permission("requeue")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.can_requeue and emails.given_up().exists():
            buttons.append(
                HeaderButton(
                    _("Requeue all given up"),
                    url=reverse("events_requeue_emails") + "?all=1",
                    icon_name="resubmit",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requeue_url"] = reverse("events_requeue_emails")
        context["requeue_form_id"] = REQUEUE_FORM_ID
        context["can_requeue_on_page"] = self.can_requeue and any(
            email.status == OutboundEmail.Status.GAVE_UP for email in context["object_list"]
        )
        return context


EMAIL_DETAIL_FIELDS = [
    "to",
    "kind",
    "event",
    "subject",
    "delivery",
    "attempts",
    "last_error",
    "created_at",
    "sent_at",
    "next_attempt_at",
]


class EmailLogInspectView(InspectView):
    """One email: the listing's columns, the subject and the whole last error; never its text
    (see the comment above)."""

    labels = {
        "to": _("Recipient"),
        "kind": _("Kind"),
        "event": _("Event"),
        "delivery": _("Status"),
        "created_at": _("Queued"),
        "sent_at": _("Sent"),
        "next_attempt_at": _("Next attempt"),
    }

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_kind_display_value(self):
        return _kind_label(self.object) or "-"

    def get_event_display_value(self):
        return _event_title(self.object) or "-"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status == OutboundEmail.Status.GAVE_UP and self.user_has_permission(
            "requeue"
        ):
            buttons.append(
                HeaderButton(
                    _("Requeue"),
                    url=reverse("events_requeue_emails") + f"?id={self.object.pk}",
                    icon_name="resubmit",
                )
            )
        return buttons


class EmailLogViewSet(ReadOnlyModelViewSet):
    """Every email in the outbox, sign-up emails and Wagtail's own alike, for the Events team:
    looked at, and given-up emails requeued; nobody adds, edits or deletes outbox rows (the site
    writes them, the sender updates them)."""

    actions = frozenset({"view", "requeue"})

    model = OutboundEmail
    icon = "mail"
    menu_label = _("Email log")
    menu_order = 303
    add_to_admin_menu = True
    url_prefix = "events/emails"
    list_display = [
        "to",
        Column("kind", label=_("Kind"), accessor=_kind_label),
        Column("event", label=_("Event"), accessor=_event_title),
        Column("status", label=_("Status"), accessor="get_delivery_display"),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        Column(
            "last_error",
            label=_("Last error"),
            accessor=lambda email: Truncator(email.last_error).chars(120),
        ),
        DateColumn("created_at", label=_("Queued"), sort_key="created_at"),
        DateColumn("sent_at", label=_("Sent"), sort_key="sent_at"),
        DateColumn("next_attempt_at", label=_("Next attempt"), sort_key="next_attempt_at"),
        RequeueColumn("requeue", label=_("Requeue")),
    ]
    filterset_class = EmailLogFilterSet
    search_fields = ["to"]
    index_view_class = EmailLogIndexView
    index_results_template_name = "events/admin/email_log_results.html"
    inspect_view_class = EmailLogInspectView
    # Never the text, HTML or calendar file (see the comment above the email log).
    inspect_view_fields = EMAIL_DETAIL_FIELDS

    def get_queryset(self, request):
        return OutboundEmail.objects.select_related("registration__event")


email_log_viewset = EmailLogViewSet("events_email_log")


class EmailWordingViewSet(SnippetViewSet):
    """The wording of each sign-up email, per language (events/models/wording.py): edited by
    Editors and the Events team, approved by Moderators."""

    model = EmailWording
    icon = "mail"
    menu_label = _("Email wording")
    menu_order = 304
    add_to_admin_menu = True
    list_display = ["__str__", "subject", "live"]
    list_filter = ["locale", "kind"]
    search_fields = ["subject", "body"]


register_snippet(EmailWordingViewSet)


@hooks.register("register_admin_viewset")
def register_email_log_viewset():
    return email_log_viewset


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("events/summary/", admin_views.SummaryView.as_view(), name="events_summary"),
        path(
            "events/sign-ups/<int:pk>/cancel-sign-up/",
            admin_views.CancelRegistrationView.as_view(),
            name="events_cancel_registration",
        ),
        path(
            "events/sign-ups/<int:pk>/give-place/",
            admin_views.PromoteRegistrationView.as_view(),
            name="events_promote_registration",
        ),
        path(
            "events/personal-data/",
            admin_views.PersonalDataView.as_view(),
            name="events_personal_data",
        ),
        path(
            "events/emails/requeue/",
            admin_views.RequeueEmailsView.as_view(),
            name="events_requeue_emails",
        ),
        path(
            "events/<int:pk>/cancel-event/",
            admin_views.CancelEventView.as_view(),
            name="events_cancel_event",
        ),
    ]


class EventsTeamMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_registration")


@hooks.register("register_admin_menu_item")
def register_summary_menu_item():
    return EventsTeamMenuItem(
        _("Sign-ups by event"), reverse("events_summary"), icon_name="date", order=301
    )


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(admin_views.PersonalDataView.permission_required)


@hooks.register("register_admin_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Personal data requests"),
        reverse("events_personal_data"),
        icon_name="user",
        order=302,
    )


# --- The dashboard's panels ---------------------------------------------------------------
#
# Each panel makes a fixed number of queries, however many events or emails there are
# (tests/events/test_dashboard.py pins them), and only the Events team (and superusers) see
# them, with the permissions the sign-ups and the email log ask for.

DASHBOARD_EVENTS = 10  # the soonest; the rest are under "Sign-ups by event"


class UpcomingEventsPanel(Component):
    """The next events: places left, how many are waiting and sign-ups in the last seven days.
    Three queries: the events, their counts by status, the week's sign-ups."""

    name = "events_upcoming"
    order = 60
    template_name = "events/admin/dashboard_upcoming_events.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        events = list(
            EventPage.objects.live()
            .filter(locale_id=default_locale_id(), end__gte=now, cancelled=False)
            .order_by("start")[:DASHBOARD_EVENTS]
        )
        if not events:
            return {"rows": []}
        attach_counts(events, sources={})  # default-language events: their own sign-ups
        this_week = dict(
            Registration.objects.filter(
                event_id__in=[event.pk for event in events],
                created_at__gte=now - timedelta(days=7),
            )
            .exclude(status=Registration.Status.CANCELLED)
            .values("event_id")
            .annotate(n=Count("pk"))
            .values_list("event_id", "n")
        )
        rows = [
            {
                "event": event,
                "places_left": event.signup.places_left,
                "waiting": event.signup.counts[Registration.Status.WAITING],
                "this_week": this_week.get(event.pk, 0),
            }
            for event in events
        ]
        return {"rows": rows, "summary_url": reverse("events_summary")}


class EmailsPanel(Component):
    """Emails waiting to be sent, failing (to be retried) and given up, with a link to the email
    log: one query."""

    name = "events_emails"
    order = 70
    template_name = "events/admin/dashboard_emails.html"

    def get_context_data(self, parent_context=None):
        delivery = OutboundEmail.Delivery
        counts = OutboundEmail.objects.aggregate(
            **{
                state: Count("pk", filter=Q(status__in=OutboundEmail.statuses_for(state)))
                for state in (delivery.WAITING, delivery.FAILING, delivery.GIVEN_UP)
            }
        )
        log_url = reverse(email_log_viewset.get_url_name("index"))
        return {
            "rows": [
                (state.label, counts[state], f"{log_url}?status={state}")
                for state in (delivery.WAITING, delivery.FAILING, delivery.GIVEN_UP)
            ],
            "log_url": log_url,
        }


@hooks.register("construct_homepage_panels")
def add_events_panels(request, panels):
    if request.user.has_perm("events.view_registration"):
        panels.append(UpcomingEventsPanel())
    if request.user.has_perm("events.view_outboundemail"):
        panels.append(EmailsPanel())


@hooks.register("site_purge_urls")
def purge_calendar_feeds(site):
    """The public calendar feed lists events: purge it, in every language, with each publish
    (home/purging.py)."""
    urls = []
    for language in Locale.objects.values_list("language_code", flat=True):
        with translation.override(language):
            urls.append(site.root_url + reverse("events:calendar_feed"))
    return urls


# --- Mailing lists --------------------------------------------------------------------------
#
# Editors define the lists (a translatable snippet). Members are personal data: the comms role
# that sees them (events.view_subscription: Moderators and the Events team, migration 0007)
# sees each list's confirmed count, the members filtered by list and status, and downloads
# them; nobody adds or edits members in the admin (readers join and leave themselves, and the
# personal-data requests erase them).


class MailingListSnippetViewSet(SnippetViewSet):
    model = MailingList
    icon = "mail"
    menu_label = _("Mailing lists")
    list_display = [
        "name",
        Column("confirmed", label=_("Confirmed members"), accessor="confirmed_count"),
        "locale",
    ]

    def get_queryset(self, request):
        # Members belong to the default-language list: each translation shows the same count.
        confirmed = (
            Subscription.objects.filter(
                mailing_list__translation_key=OuterRef("translation_key"),
                status=Subscription.Status.CONFIRMED,
            )
            .order_by()
            .values("mailing_list__translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return MailingList.objects.annotate(
            confirmed_count=Coalesce(Subquery(confirmed), 0)
        ).select_related("locale")


register_snippet(MailingListSnippetViewSet)


class SubscriptionFilterSet(WagtailFilterSet):
    mailing_list = django_filters.ModelChoiceFilter(
        queryset=MailingList.objects.none(), label=_("List"), empty_label=_("All lists")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["mailing_list"].queryset = MailingList.objects.filter(
            locale=Locale.get_default()
        )

    class Meta:
        model = Subscription
        fields = ["mailing_list", "status"]


class SubscriptionViewSet(ReadOnlyModelViewSet):
    """Members of each mailing list, for the comms role: looked at and downloaded
    (view_subscription), never added or edited here."""

    model = Subscription
    icon = "group"
    menu_label = _("List members")
    menu_order = 304
    add_to_admin_menu = True
    url_prefix = "events/list-members"
    list_display = ["email", "mailing_list", "status", "created_at", "confirmed_at"]
    list_filter = None
    filterset_class = SubscriptionFilterSet
    search_fields = ["email"]
    list_export = ["email", "mailing_list", "get_status_display", "language", "confirmed_at"]
    export_headings = {"get_status_display": _("Status"), "mailing_list": _("List")}
    export_filename = "list-members"

    def get_queryset(self, request):
        return Subscription.objects.select_related("mailing_list")


subscription_viewset = SubscriptionViewSet("events_subscription")


@hooks.register("register_admin_viewset")
def register_subscription_viewset():
    return subscription_viewset
