"""Translation built in: every page type and every translatable snippet can be sent to
translators (wagtail-localize extracts its text), nothing private (an event's joining link) is
ever shown to them, Arabic reads right to left, and the language switcher takes readers to the
same page in the other language when there is one."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import models
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import (
    OverridableSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)

from events.factories import EventPageFactory
from events.models import EventPage
from home.models import HomePage, NewsIndexPage, NoticeBanner

# Every page type and snippet is tested on the demo's own instances, with their translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

PROJECT_APPS = {"home", "roadmap", "casestudies", "events", "search"}
PAGE_MODELS = [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]
SNIPPET_MODELS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in PROJECT_APPS
    and issubclass(model, TranslatableMixin)
    and not issubclass(model, Page)
]


def english_instance(model):
    """A demo instance in English, made on the spot for types the demo does not have yet."""
    english = Locale.get_default()
    instance = model.objects.filter(locale=english).first()
    if instance is None and model is NewsIndexPage:
        home = HomePage.objects.get(locale=english)
        instance = home.add_child(
            instance=NewsIndexPage(title="News", slug="news", introduction="What is new.")
        )
    if instance is None and model is NoticeBanner:
        instance = NoticeBanner.objects.create(
            locale=english, message="<p>The celebration event has moved.</p>"
        )
    # Never a skip: a type with nothing to test would pass unseen. Give the demo one, or make
    # one above.
    assert instance is not None, f"no English {model.__name__} to test: make one here"
    return instance


def extracted_strings(instance) -> list[str]:
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    return list(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_extracts_its_text_for_translators(model):
    page = english_instance(model)
    strings = extracted_strings(page.specific)
    assert page.title in strings, f"{model.__name__}: the title is not sent for translation"
    # The page's URL slug stays the same in every language (a synchronised field).
    assert page.slug not in strings or page.slug == page.title


@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=lambda model: model.__name__)
def test_every_translatable_snippet_extracts_its_text_for_translators(model):
    instance = english_instance(model)
    strings = extracted_strings(instance)
    assert strings, f"{model.__name__} gives translators nothing to translate"


# Every link or email field on a page or snippet is either shown to readers (listed here) or
# private (in the model's `private_fields`): a new one fails the test below until someone decides.
PUBLIC_LINK_FIELDS = {("casestudies.CaseStudyPage", "contact_url")}
SENTINEL = "https://meet.example.org/private-sentinel-7f3a"


def what_translators_get(instance) -> str:
    """Everything wagtail-localize gives translators for this instance, as one text: the
    segments it extracts (strings, templates, overridable values) and what it stores."""
    extracted = []
    for segment in extract_segments(instance):
        extracted.append(segment.path)
        if isinstance(segment, StringSegmentValue):
            extracted.append(segment.string.data)
        elif isinstance(segment, TemplateSegmentValue):
            extracted.append(segment.template)
        elif isinstance(segment, OverridableSegmentValue):
            extracted.append(json.dumps(segment.data))
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    extracted += StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        extracted += [segment.context.path, segment.data_json]
    return "\n".join(extracted)


def test_the_events_joining_link_is_declared_private():
    assert "online_joining_link" in EventPage.private_fields


@pytest.mark.parametrize("model", PAGE_MODELS + SNIPPET_MODELS, ids=lambda model: model.__name__)
def test_no_private_field_is_translatable_or_overridable(model):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    instance = model()
    for name in getattr(model, "private_fields", ()):
        assert name in fields, f"{model.__name__}.{name} must be synchronised, not left out"
        assert not fields[name].is_translated(instance), f"{name} is sent for translation"
        assert not fields[name].is_overridable(instance), f"{name} is shown to translators"


@pytest.mark.parametrize("model", PAGE_MODELS + SNIPPET_MODELS, ids=lambda model: model.__name__)
def test_every_link_or_email_field_is_either_public_or_private(model):
    for field in model._meta.get_fields():
        if isinstance(field, models.URLField | models.EmailField) and field.model is model:
            assert (model._meta.label, field.name) in PUBLIC_LINK_FIELDS or field.name in getattr(
                model, "private_fields", ()
            ), (
                f"{model.__name__}.{field.name}: is it shown to readers? Declare it public or private"
            )


@pytest.mark.parametrize("model", PAGE_MODELS + SNIPPET_MODELS, ids=lambda model: model.__name__)
def test_translators_are_never_shown_a_private_field(model):
    instance = english_instance(model)
    if model is EventPage:
        instance = EventPageFactory(slug="private-link")
    assert instance is not None, f"the demo site has no {model.__name__}"
    instance = instance.specific if isinstance(instance, Page) else instance
    private = getattr(model, "private_fields", ())
    for name in private:
        setattr(instance, name, SENTINEL)
    given = what_translators_get(instance)
    assert given.strip(), f"{model.__name__} gives translators something"
    assert SENTINEL not in given
    assert "private-room" not in given, "the event's real joining link is not extracted"
    for name in private:
        assert name not in given.split("\n"), f"{name} is a segment"


def test_the_private_field_check_would_see_an_overridable_joining_link(monkeypatch):
    """The check above reads what wagtail-localize really extracts: were the joining link left
    overridable (wagtail-localize's default for a URL), translators would be shown it."""
    fields = [
        SynchronizedField("online_joining_link")
        if getattr(field, "field_name", "") == "online_joining_link"
        else field
        for field in EventPage.override_translatable_fields
    ]
    monkeypatch.setattr(EventPage, "override_translatable_fields", fields)
    event = EventPageFactory(slug="overridable-link")
    assert "https://meet.example.org/private-room" in what_translators_get(event)


def test_the_translation_editor_does_not_show_the_joining_link(client, editor):
    event = EventPageFactory(slug="translated-event")
    source, _created = TranslationSource.get_or_create_from_instance(event)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="ar")
    )
    translation.save_target(publish=False)
    arabic = event.get_translation(Locale.objects.get(language_code="ar"))
    client.force_login(editor)
    response = client.get(f"/admin/pages/{arabic.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "A test event." in content, "the translation editor shows the text to translate"
    assert "private-room" not in content


def test_snippets_readers_see_are_translatable():
    names = {model.__name__ for model in SNIPPET_MODELS}
    assert {"FooterText", "NoticeBanner", "Principle", "Sector", "Borough"} <= names


def test_every_arabic_page_reads_right_to_left(client, subtests):
    arabic = Page.objects.live().filter(locale__language_code="ar", depth__gt=1).specific()
    assert arabic.count() >= 3
    for page in arabic:
        with subtests.test(msg=page.url):
            html = client.get(page.url).content.decode()
            assert '<html lang="ar" dir="rtl">' in html


def test_the_language_switcher_links_to_the_translated_page(client):
    html = client.get("/en-gb/about/definition/").content.decode()
    assert 'href="/ar/about/definition/" hreflang="ar"' in html
    back = client.get("/ar/about/definition/").content.decode()
    assert 'href="/en-gb/about/definition/" hreflang="en-gb"' in back


def test_the_language_switcher_falls_back_to_the_languages_home_page(client):
    english = Page.objects.live().filter(locale__language_code="en-gb", depth__gt=2)
    untranslated = next(page for page in english if not page.get_translations().live().exists())
    html = client.get(untranslated.url).content.decode()
    assert 'href="/ar/" hreflang="ar"' in html
    assert "This page is not translated yet" in html
