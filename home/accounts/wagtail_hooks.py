"""Admin URLs and menu entries for two-step sign-in and its reset by an administrator."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from home.accounts import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-step/", views.verify, name="accounts_two_factor_verify"),
        path("two-step/set-up/", views.enrol, name="accounts_two_factor_enrol"),
        path("two-step/settings/", views.settings_view, name="accounts_two_factor_settings"),
        path(
            "two-step/reset/<int:user_id>/",
            views.reset_user,
            name="accounts_two_factor_reset",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor_settings"),
        "label": _("Two-step sign-in"),
        "help_text": _("See how many recovery codes you have left, and make new ones."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    """Administrators can reset someone's two-step sign-in (a lost phone)."""
    if request_user.is_superuser:
        yield Button(
            _("Reset two-step sign-in"),
            reverse("accounts_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
