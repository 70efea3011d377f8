"""One gate for what readers send: hostile input gets the site's own 400 page, never a 500.

Every public view reads the address and, for its forms, a body. Rather than each view
defending itself, this middleware deals, before any view runs, with what databases, XML feeds
and emails cannot hold:

- control characters (C0 and DEL; tab, line feed and carriage return are fine), which
  PostgreSQL refuses in text (NUL) and XML 1.0 cannot contain (the Atom feeds). In the address
  and its query string they can only come from tampering: 400. In a form they may come with
  text a reader pasted, so they are removed and the form carries on with the rest;
- bytes that are not UTF-8 once percent-decoded (Django would otherwise quietly replace them);
- values far longer than any field takes (forms still say "must be N characters or fewer"
  for a value a little too long; a megabyte gets this page instead of being echoed back).

Too many parameters (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS) and over-large bodies are refused
by Django itself, with the same page (home.views.bad_request). The page names the parameter,
shortened, and never repeats the value. The admin is left to Wagtail, which has its own forms.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from home.middleware import ADMIN_PREFIXES

# C0 control characters and DEL, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Longer than any query parameter the site reads (search terms stop at 200 characters).
MAX_QUERY_VALUE = 1000
# Longer than any public form field (the longest, access needs, takes 1000): a value a little
# too long gets the form's own message, a huge one this page instead of being shown again.
MAX_FORM_VALUE = 5000
MAX_NAME = 100
# Django percent-encodes again the bytes of an address that are not UTF-8, so a decoded path
# holding "%C3" or the like came with broken text (no address of this site contains "%").
BROKEN_UTF8_IN_PATH = re.compile(r"%[89a-fA-F][0-9a-fA-F]")
# No address on the site comes near this; file systems refuse names longer than 255 bytes.
MAX_PATH = 2000
MAX_PATH_SEGMENT = 255
# How much of a parameter's name the error page repeats.
EXCERPT = 30
# Forms as browsers send them (public views take no file uploads).
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InputProblem(Exception):
    """What was wrong with the request, in words for the reader."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.message = message
        self.name = name


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The first few printable characters of what was sent, for an error message."""
    printable = CONTROL_CHARACTERS.sub("", text)
    return printable if len(printable) <= limit else printable[:limit] + "…"


def _check_encoding(raw: bytes) -> None:
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputProblem(_("It contained characters that are not valid text (UTF-8).")) from error


def _check_values(data, max_value: int, refuse_controls: bool) -> bool:
    """Raise InputProblem for what is refused; True if control characters are to be removed."""
    found_controls = False
    for name, values in data.lists():
        if len(name) > MAX_NAME or CONTROL_CHARACTERS.search(name):
            raise InputProblem(_("It contained a parameter name we do not accept."))
        for value in values:
            if CONTROL_CHARACTERS.search(value):
                if refuse_controls:
                    raise InputProblem(
                        _("It contained control characters, which we do not accept."), name
                    )
                found_controls = True
            if len(value) > max_value:
                raise InputProblem(
                    _("A value was much longer than any field on this site takes."), name
                )
    return found_controls


def _without_controls(data) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for name, values in data.lists():
        cleaned.setlist(name, [CONTROL_CHARACTERS.sub("", value) for value in values])
    cleaned._mutable = False
    return cleaned


def check_request(request) -> None:
    """Raise InputProblem when the request holds input no public view accepts; remove control
    characters from form fields."""
    if CONTROL_CHARACTERS.search(request.path_info):
        raise InputProblem(_("The address contained control characters."))
    if BROKEN_UTF8_IN_PATH.search(request.path_info):
        raise InputProblem(_("It contained characters that are not valid text (UTF-8)."))
    if len(request.path_info) > MAX_PATH or any(
        len(segment) > MAX_PATH_SEGMENT for segment in request.path_info.split("/")
    ):
        raise InputProblem(_("The address was much longer than any on this site."))
    _check_encoding(request.META.get("QUERY_STRING", "").encode("iso-8859-1", "replace"))
    _check_values(request.GET, MAX_QUERY_VALUE, refuse_controls=True)
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        if request.content_type == FORM_CONTENT_TYPES[0]:
            _check_encoding(request.body)
        if _check_values(request.POST, MAX_FORM_VALUE, refuse_controls=False):
            request.POST = _without_controls(request.POST)


def bad_input_response(request, problem: InputProblem | None = None):
    """The site's own "could not read that" page (status 400)."""
    context = {}
    if problem is not None:
        context = {"problem": problem.message, "parameter": excerpt(problem.name)}
    return render(request, "400.html", context, status=400)


class InputGuardMiddleware:
    """Answers 400 with the site's own page to requests carrying hostile input (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ADMIN_PREFIXES):
            try:
                check_request(request)
            except InputProblem as problem:
                return bad_input_response(request, problem)
        return self.get_response(request)
