"""The admin's two-factor screens: enrolment, the code form, and the user's own settings.

Registered as admin URLs (accounts.wagtail_hooks), so Wagtail already requires a signed-in
user with admin access; accounts.middleware keeps an unverified user on these screens.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.accounts import two_factor
from home.accounts.forms import CodeForm, EnrolForm


def next_url(request) -> str:
    """Where to go once verified: the admin page first asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def enrol(request):
    """First sign-in: add this site to an authenticator app, prove it with one code, and
    receive the recovery codes (shown once)."""
    if two_factor.has_authenticator(request.user):
        return redirect(
            next_url(request) if request.user.is_verified() else "accounts_two_factor_verify"
        )
    device = two_factor.pending_authenticator(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.finish_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            return TemplateResponse(
                request,
                "home/accounts/admin/recovery_codes.html",
                {"codes": codes, "next": next_url(request), "first_time": True},
            )
        form.add_error(
            "code",
            _(
                "That code did not match. Check the app shows this site, then type the code it shows now."
            ),
        )
    return TemplateResponse(
        request,
        "home/accounts/admin/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": two_factor.qr_code_svg(device, _("QR code to add this site to your app")),
            "secret": two_factor.secret_for_typing(device),
        },
    )


def verify(request):
    """Each sign-in: a code from the authenticator app, or one recovery code."""
    if not two_factor.has_authenticator(request.user):
        return redirect("accounts_two_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request, form.cleaned_data["code"])
        if device is not None:
            if device.name == two_factor.RECOVERY_NAME:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(left)d is left. Make new ones under "
                        "Account → Two-step sign-in.",
                        "You used a recovery code: %(left)d are left. Make new ones under "
                        "Account → Two-step sign-in.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url(request))
        form.add_error(
            "code",
            _(
                "That code is not right, or it has already been used. Wait for the app to "
                "show a new code, then try again (each wrong code makes the next try wait longer)."
            ),
        )
    return TemplateResponse(
        request, "home/accounts/admin/verify.html", {"form": form, "next": next_url(request)}
    )


def settings_view(request):
    """The user's own two-step sign-in: how many recovery codes are left; make new ones."""
    if request.method == "POST":
        codes = two_factor.replace_recovery_codes(request.user)
        return TemplateResponse(
            request,
            "home/accounts/admin/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts_two_factor_settings"), "first_time": False},
        )
    return TemplateResponse(
        request,
        "home/accounts/admin/settings.html",
        {
            "page_title": _("Two-step sign-in"),
            "codes_left": two_factor.recovery_codes_left(request.user),
        },
    )


def reset_user(request, user_id):
    """An administrator removes someone's authenticator (a lost phone): they set up a new
    one the next time they sign in. Asks first (GET), resets on POST."""
    if not request.user.is_superuser:
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "home/accounts/admin/reset_confirm.html",
            {"page_title": _("Reset two-step sign-in"), "subject": user},
        )
    two_factor.reset(user)
    messages.success(
        request,
        _("%(name)s will set up two-step sign-in again the next time they sign in.")
        % {"name": user.get_username()},
    )
    return redirect("wagtailusers_users:index")
