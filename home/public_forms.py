"""The one sequence every public form's POST goes through before anything is kept: the sign-up,
the form pages, "share your practice" and joining the mailing lists (and any form after them).

Readers get no cookies, so each view is also wrapped in `home.security.same_origin_post`. Then,
in this order, so that no form can get it wrong:
1. too many posts from this address: the site's "too many attempts" page (429);
2. a check of the view's own (an event that closed meanwhile, say);
3. a bot that filled the hidden box (home/spam.py): told it was sent, as a person would be, and
   nothing is kept;
4. answers with errors: the form again, with what to fix;
5. sent sooner than a person could, or with a stale stamp: the form again, answers kept, asking
   to send it once more (`spam.SEND_AGAIN`);
6. too many posts for this email address (so nobody's inbox can be flooded): 429.
Only then does the view save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.forms import Form
from django.http import HttpResponse
from django.template.response import TemplateResponse

from home import spam
from home.throttling import Throttle, throttled_response


def private(response: HttpResponse) -> HttpResponse:
    """One reader's answers, sent back: never stored by any cache."""
    response["Cache-Control"] = "private, no-store"
    return response


def page_with_form(request, page, form: Form, message: str = "") -> HttpResponse:
    """A page of the tree shown again with the reader's form (errors, or "send it again")."""
    context = page.get_context(request)
    context["form"] = form
    context["form_message"] = message
    return private(TemplateResponse(request, page.get_template(request), context))


@dataclass(frozen=True)
class PublicForm:
    """One public form: its name in the spam stamp (as its template writes
    `{% spam_fields "name" %}`), its limits, and the field holding the sender's email address,
    if it has one (limited too)."""

    name: str
    throttle: Throttle
    email_field: str | None = None

    def screen(
        self,
        request,
        form: Form,
        *,
        sent: Callable[[], HttpResponse],
        show_again: Callable[[Form, str], HttpResponse],
        back_url: str = "",
        check: Callable[[], HttpResponse | None] | None = None,
    ) -> HttpResponse | None:
        """None when the post may be kept (the form is valid: read `form.cleaned_data`);
        otherwise the response to send, as the module's docstring lists. `sent()` is what a
        person is told once their answers are kept; `show_again(form, message)` shows the form
        with the answers."""
        refusal = self.throttle.refuse_address(request)
        if refusal:
            return throttled_response(request, refusal, back_url=back_url)
        if check is not None and (answer := check()) is not None:
            return answer
        verdict = spam.check(request.POST, self.name)
        if verdict is spam.Verdict.HONEYPOT:
            return sent()
        if not form.is_valid():
            return show_again(form, "")
        if not verdict.saves:
            return show_again(form, str(spam.SEND_AGAIN))
        if self.email_field:
            refusal = self.throttle.refuse_email(form.cleaned_data[self.email_field])
            if refusal:
                return throttled_response(request, refusal, back_url=back_url)
        return None
