"""Admin for promising practice: who shared a practice (contact details kept apart from the
draft case study), for Moderators, who review the drafts, and the Events team, who hold the
personal-data tools; and this app's part in the personal-data export and erasure."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from casestudies import demo, personal_data
from casestudies.models import PracticeSubmission
from home.demo.builder import CLOSING_PAGES_HOOK


class PracticeSubmissionViewSet(ModelViewSet):
    model = PracticeSubmission
    icon = "user"
    menu_label = _("Shared practice contacts")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["contact_name", "contact_email", "page", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["contact_name", "contact_email"]
    form_fields = ["contact_name", "contact_email", "consent_contact", "consent_publish"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_practice_submissions():
    return PracticeSubmissionViewSet("practice_submissions")


@hooks.register("register_personal_data")
def shared_practice_personal_data():
    return personal_data


# "Share your practice" is added to the demo site after "Get involved" (home/demo/site.py).
hooks.register(CLOSING_PAGES_HOOK, demo.closing_pages)
