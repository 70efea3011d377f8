"""Admin views for comms staff: counts per event, organiser actions on sign-ups (add, edit,
delete, cancel, give a place, cancel an event), personal-data requests and requeueing emails
from the email log.

Every action goes through events.services (or events.personal_data, which the manage.py
commands use too), the same code as the public pages, so the capacity lock, the waiting list
and the emails behave the same way. An action that did nothing says so as an error message,
never as a success."""

from __future__ import annotations

from enum import StrEnum

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.log_actions import log
from wagtail.models import Locale

from events import emails as emails_module
from events import personal_data, services
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

    permission_required: str | tuple[str, ...] = "events.view_registration"

    def handle_no_permission(self):
        return refuse(
            self.request,
            _(
                "Sign-ups are personal data and your role may not do this. Ask an administrator if your work needs it."
            ),
        )


class EventsAdminPage(WagtailAdminTemplateMixin):
    """An Events admin screen whose title shows in the breadcrumbs, as on Wagtail's own
    screens (the header's h1 is for screen readers only)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class SummaryView(EventsTeamMixin, EventsAdminPage, TemplateView):
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


class ActionRefused(Exception):
    """An organiser action that could not be done: its message is shown as an error."""


class ConfirmActionView(EventsTeamMixin, EventsAdminPage, TemplateView):
    """Asks before an organiser action (a button posting with a CSRF token), then does it."""

    template_name = "events/admin/confirm.html"
    permission_required = "events.change_registration"
    header_icon = "group"

    def describe(self) -> dict:
        raise NotImplementedError

    def act(self) -> str:
        """Do it and say what happened; raise ActionRefused if it could not be done."""
        raise NotImplementedError

    def next_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.describe())
        context.setdefault("cancel_url", self.next_url())
        return context

    def post(self, request, *args, **kwargs):
        try:
            messages.success(request, self.act())
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
        return redirect(self.next_url())


def _promoted_sentence(promoted: list[Registration]) -> str:
    if not promoted:
        return ""
    names = ", ".join(registration.name for registration in promoted)
    return " " + ngettext(
        "%(names)s, from the waiting list, now has the place and has been emailed.",
        "%(names)s, from the waiting list, now have places and have been emailed.",
        len(promoted),
    ) % {"names": names}


class CancelRegistrationView(ConfirmActionView):
    page_title = gettext_lazy("Cancel a sign-up")

    @cached_property
    def registration(self) -> Registration:
        return get_object_or_404(Registration.objects.select_related("event"), pk=self.kwargs["pk"])

    def describe(self):
        registration = self.registration
        if registration.status == Registration.Status.CANCELLED:
            return {
                "question": _("This sign-up is already cancelled: there is nothing to do."),
                "button": "",
            }
        return {
            "question": _(
                "Cancel the sign-up of %(name)s for “%(event)s”? They will get an email, and the first person waiting gets the place."
            )
            % {"name": registration.name, "event": registration.event.title},
            "button": _("Yes, cancel the sign-up"),
        }

    def act(self):
        registration = self.registration
        cancellation = services.cancel_registration(registration, by_organiser=True)
        if cancellation is None:
            raise ActionRefused(
                _("The sign-up of %(name)s was already cancelled: nothing changed.")
                % {"name": registration.name}
            )
        return _("Cancelled the sign-up of %(name)s.") % {
            "name": registration.name
        } + _promoted_sentence(cancellation.promoted)

    def next_url(self):
        return reverse("events_registration:index") + f"?event={self.registration.event_id}"


class PromoteRegistrationView(CancelRegistrationView):
    page_title = gettext_lazy("Give a place to someone waiting")

    def describe(self):
        registration = self.registration
        if registration.status != Registration.Status.WAITING:
            return {
                "question": _("This person is not on the waiting list: there is nothing to do."),
                "button": "",
            }
        return {
            "question": _("Give %(name)s a confirmed place at “%(event)s”? They will get an email.")
            % {"name": registration.name, "event": registration.event.title},
            "button": _("Yes, give them a place"),
        }

    def act(self):
        registration = self.registration
        try:
            promoted = services.promote(registration)
        except services.NoPlacesLeft:
            raise ActionRefused(
                _("No places are left: raise the event's capacity first.")
            ) from None
        if not promoted:
            raise ActionRefused(
                _("%(name)s is not on the waiting list any more: nothing changed.")
                % {"name": registration.name}
            )
        return _("%(name)s now has a confirmed place.") % {"name": registration.name}


class CancelEventView(ConfirmActionView):
    """Cancelling an event is one confirmed action: the page is marked cancelled (in every
    language) and everyone signed up or waiting is cancelled and emailed."""

    page_title = gettext_lazy("Cancel an event")
    header_icon = "date"

    @cached_property
    def event(self) -> EventPage:
        return get_object_or_404(EventPage, pk=self.kwargs["pk"]).canonical_event

    def describe(self):
        event = self.event
        counts = Registration.objects.filter(event_id=event.pk).status_counts()
        active = counts[Registration.Status.CONFIRMED] + counts[Registration.Status.WAITING]
        if event.is_past:
            return {
                "question": _("This event has already ended: it cannot be cancelled."),
                "button": "",
            }
        if event.cancelled and not active:
            return {
                "question": _("This event is already cancelled and nobody is signed up."),
                "button": "",
            }
        return {
            "question": _(
                "Cancel “%(event)s” (%(start)s)? The event page will say it is cancelled, in every language, and nobody can sign up. Everyone signed up (with a place: %(confirmed)s; on the waiting list: %(waiting)s) will have their sign-up cancelled and get an email. This cannot be undone."
            )
            % {
                "event": event.title,
                "start": date_format(localtime(event.start), "j F Y, H:i"),
                "confirmed": counts[Registration.Status.CONFIRMED],
                "waiting": counts[Registration.Status.WAITING],
            },
            "button": _("Yes, cancel the event and email everyone"),
        }

    def act(self):
        event = self.event
        if (
            event.cancelled
            and not Registration.objects.filter(event_id=event.pk)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise ActionRefused(_("This event was already cancelled: nothing changed."))
        try:
            count = services.cancel_event(event, user=self.request.user)
        except services.EventOver:
            raise ActionRefused(
                _("This event has already ended: it cannot be cancelled.")
            ) from None
        return ngettext(
            "Cancelled “%(event)s” and emailed the %(count)s person signed up or waiting.",
            "Cancelled “%(event)s” and emailed the %(count)s people signed up or waiting.",
            count,
        ) % {"event": event.title, "count": count}

    def next_url(self):
        return reverse("events_summary")


# --- The sign-ups' own add, edit and delete screens (RegistrationViewSet) -------------------


class RegistrationCreateView(CreateView):
    """An organiser signs someone up through services.sign_up, like the public form: a full
    event puts them on the waiting list, and the message says which happened."""

    def save_instance(self):
        data = self.form.cleaned_data
        result = services.sign_up(data["event"], data, data["language"])
        self.outcome = result.outcome
        if result.outcome != services.SignUpOutcome.ALREADY:
            log(instance=result.registration, action="wagtail.create", content_changed=True)
        return result.registration

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SignUpClosed:
            form.add_error("event", _("This event is cancelled or over: nobody can be added."))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_action(self):
        if self.expects_json_response:
            return super().save_action()
        registration = self.object
        names = {"name": registration.name, "event": registration.event.title}
        if self.outcome == services.SignUpOutcome.CONFIRMED:
            messages.success(
                self.request,
                _(
                    "Signed up %(name)s for “%(event)s”: they have a confirmed place and will get a confirmation email."
                )
                % names,
            )
        elif self.outcome == services.SignUpOutcome.WAITING:
            messages.warning(
                self.request,
                _(
                    "“%(event)s” is full: %(name)s is on the waiting list (number %(position)s) and will get an email saying so."
                )
                % {**names, "position": registration.waiting_position},
            )
        else:
            messages.error(
                self.request,
                _(
                    "%(name)s was already signed up for “%(event)s”: no second sign-up was made, and their details were emailed to them again."
                )
                % names,
            )
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse(self.index_url_name) + f"?event={self.object.event_id}"


class RegistrationEditView(EditView):
    """Corrections go through services.update_details: needs keep their consent rule."""

    def save_instance(self):
        instance = services.update_details(self.object, self.form.cleaned_data)
        log(instance=instance, action="wagtail.edit", content_changed=self.form.has_changed())
        return instance


class RegistrationDeleteView(DeleteView):
    """Deleting a sign-up passes its place on, as cancelling does (services.delete_registration)."""

    @property
    def confirmation_message(self):
        if self.object.status == Registration.Status.CANCELLED:
            return _("Delete this cancelled sign-up? This cannot be undone.")
        return _(
            "Delete this sign-up? The person is not emailed; the first person waiting gets the place and is emailed. This cannot be undone."
        )

    def delete_action(self):
        with transaction.atomic():
            # A neutral label: the entry outlives the sign-up, so it must not name the person.
            log(
                instance=self.object,
                action="wagtail.delete",
                title=f"Deleted sign-up {self.object.pk}",
            )
            self.cancellation = services.delete_registration(self.object)

    def get_success_message(self):
        return _("Deleted the sign-up of %(name)s.") % {
            "name": self.object.name
        } + _promoted_sentence(self.cancellation.promoted)


# --- Personal-data requests ---------------------------------------------------------------


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("The address the person signed up with."),
        error_messages={
            "required": gettext_lazy("Enter the person's email address."),
            "invalid": gettext_lazy("Enter an email address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()  # sign-ups store it in lower case


class PersonalDataAction(StrEnum):
    EXPORT = "export"
    ERASE = "erase"  # asks first
    ERASE_CONFIRMED = "erase-confirmed"


class PersonalDataView(EventsTeamMixin, EventsAdminPage, TemplateView):
    """A subject access or erasure request: download, or erase, everything held about one
    email address, with the same functions as `manage.py export_personal_data` and
    `erase_personal_data`. Only for the Events team (who may both export and change
    sign-ups) and superusers; erasing asks first. Everything is posted (with a CSRF token),
    so the address never appears in a URL or a server log."""

    template_name = "events/admin/personal_data.html"
    page_title = gettext_lazy("Personal data requests")
    header_icon = "user"
    permission_required = ("events.export_registration", "events.change_registration")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=PersonalDataForm()))

    def post(self, request, *args, **kwargs):
        form = PersonalDataForm(request.POST)
        action = request.POST.get("action")
        if action not in set(PersonalDataAction) or not form.is_valid():
            messages.error(request, _("Enter the person's email address, then choose what to do."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        email = form.cleaned_data["email"]
        held = personal_data.held_for_email(email)
        held_lists = personal_data.held_subscriptions(email)
        if not held and not held_lists:
            messages.error(
                request,
                _(
                    "No sign-ups or mailing-list subscriptions are held for that address: there is nothing to download or erase."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form))
        if action == PersonalDataAction.EXPORT:
            return self.download(email)
        if action == PersonalDataAction.ERASE:
            return self.render_to_response(
                self.get_context_data(
                    form=form, confirm_erase=True, held=held, held_lists=held_lists
                )
            )
        count = personal_data.erase_for_email(email)
        messages.success(
            request,
            ngettext(
                "Erased %(count)s sign-up for that address. A place it held went to the first person waiting.",
                "Erased %(count)s sign-ups for that address. Any places they held went to the first people waiting.",
                count,
            )
            % {"count": count},
        )
        return redirect("events_personal_data")

    def download(self, email: str):
        response = HttpResponse(
            personal_data.export_json(email), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = {action.name: action.value for action in PersonalDataAction}
        return context


# --- The email log: putting given-up emails back in the queue -----------------------------


def chosen_ids(data) -> list[int]:
    """The email ids ticked in the log (or given on a single email's link), ignoring junk."""
    return [int(value) for value in data.getlist("id") if value.isdigit()]


class RequeueEmailsView(ConfirmActionView):
    """Puts given-up emails back in the queue, after asking: the ones ticked in the email log
    (`?id=1&id=2`, or one email's own link), or every given-up email (`?all=1`). It calls
    the same function as `manage.py requeue_emails`; any chosen email that was not given up
    (already requeued, sent, still being retried) is left alone."""

    template_name = "events/admin/requeue_emails.html"
    permission_required = "events.requeue_outboundemail"
    page_title = gettext_lazy("Requeue given-up emails")
    header_icon = "mail"

    def handle_no_permission(self):
        return refuse(
            self.request,
            _(
                "The email log is for the Events team: your role may not requeue emails. Ask an administrator if your work needs it."
            ),
        )

    @cached_property
    def data(self):
        return self.request.POST if self.request.method == "POST" else self.request.GET

    @cached_property
    def every_one(self) -> bool:
        return self.data.get("all") == "1"

    @cached_property
    def ids(self) -> list[int] | None:
        """None for every given-up email; else the chosen ids (maybe none)."""
        return None if self.every_one else chosen_ids(self.data)

    def describe(self):
        if self.ids == []:
            return {
                "question": _("No email was chosen: there is nothing to requeue."),
                "button": "",
            }
        emails = list(emails_module.given_up(self.ids).select_related("registration__event"))
        if not emails:
            return {
                "question": _(
                    "None of the chosen emails has been given up (they are waiting, sent or still being retried): there is nothing to requeue."
                ),
                "button": "",
            }
        question = ngettext(
            "Put %(count)s given-up email back in the queue? The sender will try it again from scratch.",
            "Put %(count)s given-up emails back in the queue? The sender will try each again from scratch.",
            len(emails),
        ) % {"count": len(emails)}
        return {
            "question": question,
            "button": _("Yes, requeue"),
            "emails": [
                {
                    "to": email.to,
                    "kind": emails_module.kind_label(emails_module.kind_of(email)),
                    "event": email.registration.event if email.registration else None,
                }
                for email in emails
            ],
            "every_one": self.every_one,
            "ids": self.ids or [],
        }

    def act(self):
        count = emails_module.requeue_given_up(self.ids)
        if not count:
            raise ActionRefused(
                _(
                    "Nothing was requeued: none of the chosen emails had been given up (someone may have requeued them already)."
                )
            )
        return ngettext(
            "Requeued %(count)s email: the sender will send it shortly.",
            "Requeued %(count)s emails: the sender will send them shortly.",
            count,
        ) % {"count": count}

    def next_url(self):
        return reverse("events_email_log:index")
