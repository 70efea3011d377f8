"""Translation built in: every page type and every translatable snippet can be sent to
translators (wagtail-localize extracts its text), Arabic reads right to left, and the language
switcher takes readers to the same page in the other language when there is one."""

from __future__ import annotations

import pytest
from django.apps import apps
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail_localize.models import StringSegment, TranslationSource

from home.models import HomePage, NewsIndexPage, NoticeBanner

pytestmark = pytest.mark.django_db

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
    return instance


def extracted_strings(instance) -> list[str]:
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    return list(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_extracts_its_text_for_translators(model):
    page = english_instance(model)
    if page is None:
        pytest.skip(f"the demo site has no {model.__name__} yet")
    strings = extracted_strings(page.specific)
    assert page.title in strings, f"{model.__name__}: the title is not sent for translation"
    # The page's URL slug stays the same in every language (a synchronised field).
    assert page.slug not in strings or page.slug == page.title


@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=lambda model: model.__name__)
def test_every_translatable_snippet_extracts_its_text_for_translators(model):
    instance = english_instance(model)
    if instance is None:
        pytest.skip(f"the demo site has no {model.__name__} yet")
    strings = extracted_strings(instance)
    assert strings, f"{model.__name__} gives translators nothing to translate"


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
