"""Admin views for comms staff: counts per event, and organiser actions on sign-ups.

Every action goes through events.services, the same code as the public pages, so the
capacity lock, the waiting list and the emails behave the same way."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from events import services
from events.models import EventPage, Registration, attach_counts


class RefusedView(WagtailAdminTemplateMixin, TemplateView):
    """A plain 403 page in the admin saying what was refused and whom to ask (Wagtail's own
    refusal is a redirect to the dashboard, which a script or a test could mistake for success)."""

    template_name = "events/admin/refused.html"
    page_title = gettext_lazy("Not allowed")
    header_icon = "lock"

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return super().render_to_response(context, status=403, **response_kwargs)


def refuse(request, message: str):
    return RefusedView.as_view(extra_context={"message": message})(request)


class EventsTeamMixin(PermissionRequiredMixin):
    """Only people who may see sign-ups (personal data): the Events team group."""

    permission_required = "events.view_registration"

    def handle_no_permission(self):
        return refuse(
            self.request,
            _(
                "Sign-ups are personal data and your role may not do this. Ask an administrator if your work needs it."
            ),
        )


class SummaryView(EventsTeamMixin, WagtailAdminTemplateMixin, TemplateView):
    """Counts per event: confirmed, waiting, cancelled and places left."""

    template_name = "events/admin/summary.html"
    page_title = gettext_lazy("Sign-ups by event")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(EventPage.objects.filter(locale=Locale.get_default()).order_by("-start"))
        attach_counts(events)
        context["events"] = events
        context["registrations_url"] = reverse("events_registration:index")
        context["can_export"] = self.request.user.has_perm("events.export_registration")
        context["can_change"] = self.request.user.has_perm("events.change_registration")
        return context


class ConfirmActionView(EventsTeamMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks before an organiser action, then does it on POST."""

    template_name = "events/admin/confirm.html"
    permission_required = "events.change_registration"
    header_icon = "group"

    def get_object(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.describe())
        return context

    def post(self, request, *args, **kwargs):
        message = self.act()
        if message:  # an action that was refused has shown its own error
            messages.success(request, message)
        return redirect(self.next_url())


class CancelRegistrationView(ConfirmActionView):
    page_title = gettext_lazy("Cancel a sign-up")

    def registration(self):
        return get_object_or_404(Registration.objects.select_related("event"), pk=self.kwargs["pk"])

    def describe(self):
        registration = self.registration()
        return {
            "question": _(
                "Cancel the sign-up of %(name)s for “%(event)s”? They will get an email, and the first person waiting gets the place."
            )
            % {"name": registration.name, "event": registration.event.title},
            "button": _("Yes, cancel the sign-up"),
        }

    def act(self):
        registration = self.registration()
        services.cancel_registration(registration, by_organiser=True)
        return _("Cancelled the sign-up of %(name)s.") % {"name": registration.name}

    def next_url(self):
        return reverse("events_registration:index") + f"?event={self.registration().event_id}"


class PromoteRegistrationView(CancelRegistrationView):
    page_title = gettext_lazy("Give a place to someone waiting")

    def describe(self):
        registration = self.registration()
        return {
            "question": _("Give %(name)s a confirmed place at “%(event)s”? They will get an email.")
            % {"name": registration.name, "event": registration.event.title},
            "button": _("Yes, give them a place"),
        }

    def act(self):
        registration = self.registration()
        try:
            services.promote(registration)
        except services.NoPlacesLeft:
            messages.error(self.request, _("No places are left: raise the event's capacity first."))
            return None
        return _("%(name)s now has a confirmed place.") % {"name": registration.name}


class CancelEventView(ConfirmActionView):
    page_title = gettext_lazy("Cancel an event")

    def event(self):
        return get_object_or_404(EventPage, pk=self.kwargs["pk"])

    def describe(self):
        event = self.event()
        if not event.cancelled:
            return {
                "question": _(
                    "First tick “Cancelled” on the event page and publish it. Then come back here to email everyone."
                ),
                "button": "",
            }
        return {
            "question": _(
                "Email everyone signed up for “%(event)s” (confirmed and waiting) that it is cancelled?"
            )
            % {"event": event.title},
            "button": _("Yes, email everyone"),
        }

    def act(self):
        event = self.event()
        if not event.cancelled:
            return _("The event is not marked as cancelled: nothing was sent.")
        count = services.cancel_event(event)
        return _("Told %(count)s people that the event is cancelled.") % {"count": count}

    def next_url(self):
        return reverse("events_summary")
