"""The admin for comms staff: sign-ups per event, filterable and exportable, organiser actions,
and the waiting list following capacity changes. Only the Events team sees sign-ups, because
they are personal data, and each permission means what it says: events.view_registration to
list and inspect them, events.add_registration to sign someone up (the public form's rules and
waiting list), events.change_registration to edit, cancel, give a place or cancel an event,
and events.export_registration to download them (no link, and a refusal, without it).
Personal-data requests need both change and export. Deleting is left to superusers (a
deleted sign-up's place passes on, as with a cancellation)."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from events import admin_views
from events.admin_forms import AddRegistrationForm, OrganiserRegistrationForm
from events.models import EventPage, Registration


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


@hooks.register("site_purge_urls")
def purge_calendar_feeds(site):
    """The public calendar feed lists events: purge it, in every language, with each publish
    (home/purging.py)."""
    urls = []
    for language in Locale.objects.values_list("language_code", flat=True):
        with translation.override(language):
            urls.append(site.root_url + reverse("events:calendar_feed"))
    return urls
