"""Factories for the shared app: the one style every app's factories follow.

- Snippets and plain models: `factory.django.DjangoModelFactory`, in the default language unless
  told otherwise (`locale=...`).
- Pages: a subclass of `PageFactory`, which adds the page under `parent` with
  `parent.add_child(instance=...)` (by default under the site's home page, made on first use by
  `home_page()`), and saves and publishes a revision unless `publish=False`.
- Snippets with drafts and revisions (footer text, notice banner): a subclass of
  `PublishedSnippetFactory`, which saves and publishes a revision, as an editor's publish does.
- Translations of either: `translate(instance, "ar", **fields)`.

Factories import factory-boy, a development dependency: production code never imports them.
"""

from __future__ import annotations

import time
from typing import Any

import factory
from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from home import spam
from home.models import (
    Audience,
    Borough,
    DriverOfChange,
    FooterText,
    FormField,
    FormPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NoticeBanner,
    Principle,
    Sector,
    SiteSettings,
    StandardPage,
)


def default_locale() -> Locale:
    """The site's default language (English, UK), made if the database has none yet."""
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def locale(language_code: str = "ar") -> Locale:
    """A content language (Arabic unless told otherwise), made if it is missing."""
    return Locale.objects.get_or_create(language_code=language_code)[0]


def home_page() -> HomePage:
    """The default site's home page in the default language: on first use, a HomePage under
    the tree's root replaces Wagtail's placeholder 'Welcome' page as the default site's root
    (localhost, port 80), and the site's settings are made (with their defaults), as the demo
    does."""
    existing = HomePage.objects.filter(locale=default_locale()).first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if placeholder is not None and placeholder.specific_class is Page:
        placeholder.slug = "wagtail-welcome-page"  # frees "home"; deleted below
        placeholder.save()
    # A database emptied by a test with real transactions (a migration test) has no tree root.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=default_locale())
    )
    home = HomePage(
        title="Home",
        slug="home",
        locale=default_locale(),
        hero_heading="A home page made for a test",
        hero_text="The site's home page, made by home.factories.home_page().",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "Trauma-Informed London"
    site.root_page = home
    site.save()
    # Made now, as the demo does: otherwise a reader's first request would make them, a change
    # that empties the content and page caches (home/caching.py) just after they were filled.
    SiteSettings.for_site(site)
    if placeholder is not None and placeholder.specific_class is Page:
        placeholder.delete()
    return home


def translate(instance: Any, language_code: str = "ar", **fields) -> Any:
    """`instance` (a page, or a snippet with revisions such as the footer text) copied into
    another language (Arabic unless told), a page with its parents if they are not translated
    yet, given `fields` and published: as an editor's translation would be."""
    target = locale(language_code)
    translated = instance.get_translations().filter(locale=target).first()
    if translated is None and isinstance(instance, Page):
        translated = instance.copy_for_translation(target, copy_parents=True)
    elif translated is None:
        translated = instance.copy_for_translation(target)
        translated.save()
    if isinstance(translated, Page):
        translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


class PageFactory(factory.django.DjangoModelFactory):
    """Base of every page factory. `parent=` the page to add it under (default: the parent
    `default_parent()` gives); `publish=False` leaves it a draft with no revision."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    # Declared as Any: each page factory sets its own title and slug, as plain text or another
    # declaration.
    title: Any = factory.Sequence(lambda n: f"Test page {n}")
    slug: Any = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def default_parent(cls) -> Page:
        return home_page()

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        if parent is None:
            parent = cls.default_parent()
        kwargs.setdefault("locale", parent.locale)
        if not publish:
            kwargs.setdefault("live", False)
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    """A further home page (e.g. for a second site); `home_page()` gives the default one."""

    class Meta:
        model = HomePage

    title = "Home"
    hero_heading = "A home page made for a test"
    hero_text = "Made by HomePageFactory."

    @classmethod
    def default_parent(cls) -> Page:
        return Page.get_first_root_node()


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    introduction = "A page made for a test."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>A paragraph of a page made for a test.</p>")]
    )


# A contact form's questions: (label, field type, required, choices).
CONTACT_QUESTIONS = [
    ("Your name", "singleline", True, ""),
    ("Email address", "email", True, ""),
    ("Your sector", "radio", False, "Health\nPolicing\nEducation"),
    ("Your message", "multiline", True, ""),
    ("I agree to be contacted about my message", "checkbox", True, ""),
]


class FormPageFactory(PageFactory):
    """A form page; `questions=` a list of (label, field type, required, choices), a contact
    form's by default."""

    class Meta:
        model = FormPage

    title = "Contact us"
    introduction = "<p>Send us a message.</p>"
    thank_you_text = "<p>We reply within five working days.</p>"

    @classmethod
    def _create(cls, model_class, *args, questions=None, **kwargs):
        kwargs["form_fields"] = [
            FormField(label=label, field_type=kind, required=required, choices=choices)
            for label, kind, required, choices in (questions or CONTACT_QUESTIONS)
        ]
        return super()._create(model_class, *args, **kwargs)


class GlossaryPageFactory(PageFactory):
    """The glossary page of the parent's language (one per language)."""

    class Meta:
        model = GlossaryPage

    title = "Glossary"
    slug = "glossary"
    introduction = "Words this site uses, explained."


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    @classmethod
    def default_parent(cls) -> Page:
        return (
            NewsIndexPage.objects.filter(locale=default_locale()).first() or NewsIndexPageFactory()
        )


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    """Base of the taxonomy factories: a term in the default language."""

    class Meta:
        abstract = True

    name = factory.Sequence(lambda n: f"Test term {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    locale = factory.LazyFunction(default_locale)


class AudienceFactory(TaxonomyTermFactory):
    class Meta:
        model = Audience


class DriverOfChangeFactory(TaxonomyTermFactory):
    class Meta:
        model = DriverOfChange


class SectorFactory(TaxonomyTermFactory):
    class Meta:
        model = Sector


class PrincipleFactory(TaxonomyTermFactory):
    class Meta:
        model = Principle


class BoroughFactory(TaxonomyTermFactory):
    class Meta:
        model = Borough


class PublishedSnippetFactory(factory.django.DjangoModelFactory):
    """Base of the factories for snippets with drafts and revisions: in the default language,
    saved, then published through a revision."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    locale = factory.LazyFunction(default_locale)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        snippet = super()._create(model_class, *args, **kwargs)
        snippet.save_revision().publish()
        snippet.refresh_from_db()
        return snippet


class FooterTextFactory(PublishedSnippetFactory):
    class Meta:
        model = FooterText

    support_heading = "Need support?"
    support_text = "<p>Where to find support, made for a test.</p>"
    about_text = "<p>A line about the site, made for a test.</p>"


class GlossaryTermFactory(PublishedSnippetFactory):
    """A live glossary term in the default language."""

    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"test term {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.term))
    definition = "<p>A definition made for a test.</p>"


class NoticeBannerFactory(PublishedSnippetFactory):
    """A notice, hidden unless `is_enabled=True` (as a new one is in the admin)."""

    class Meta:
        model = NoticeBanner

    message = "<p>A notice made for a test.</p>"


def served_stamp(form_name: str, seconds_ago: float = 60) -> dict:
    """A public form's spam stamp (home/spam.py) as if the form was served `seconds_ago`: what
    a person's browser posts after taking that long to fill it in."""
    return {spam.STAMP_FIELD: spam.stamp(form_name, issued_at=time.time() - seconds_ago)}
