"""Helpers the demo-content steps share: idempotent page creation, translation, progress."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

# Apps add the last sections of the site (the search page) through this Wagtail hook: a
# function `(demo) -> [(page, arabic_strings), ...]` that creates its pages with `demo.page`
# and returns them with the strings that translate them. The shared app's last step
# (home.demo.site.finish) calls it after "Get involved", then translates them all in order.
CLOSING_PAGES_HOOK = "demo_closing_pages"


@dataclass
class Demo:
    """What each app's demo step receives: the home page, the locales and a progress report."""

    home: Page
    report: Callable[[str], None]
    translation_locales: list[Locale] = field(default_factory=list)
    created: int = 0
    kept: int = 0

    def page(self, parent: Page, page_class, slug: str, **fields) -> Page:
        """The child of `parent` with this slug, created and published if it is missing.

        An existing page is kept as it is, so a second run never overwrites an editor's work.
        """
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.kept += 1
            return existing.specific
        if fields.get("listing_summary") and not fields.get("search_description"):
            # Readers see the search description under the title in search results.
            fields["search_description"] = fields["listing_summary"]
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self.report(f"  created {page_class._meta.verbose_name} “{page.title}”")
        return page

    def translate(self, instance, strings: dict[str, str], language_code: str = "ar"):
        """Translate a page or snippet through wagtail-localize, so that editors see the
        translation in its editor and it stays synced with the source.

        `strings` maps source text to translated text; anything not in it keeps the source
        text (and shows as untranslated in the admin). Returns the translated instance."""
        targets = [
            locale for locale in self.translation_locales if locale.language_code == language_code
        ]
        translated = None
        for target in targets:
            existing = instance.get_translations().filter(locale=target).first()
            if existing is not None:
                translated = existing
                continue
            source, _ = TranslationSource.get_or_create_from_instance(instance)
            translation, _ = Translation.objects.get_or_create(source=source, target_locale=target)
            segments = StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            )
            for segment in segments:
                text = strings.get(segment.string.data)
                if text:
                    StringTranslation.objects.update_or_create(
                        translation_of=segment.string,
                        locale=target,
                        context=segment.context,
                        defaults={
                            "data": text,
                            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                        },
                    )
            translation.save_target(publish=True)
            translated = instance.get_translation(target)
            self.report(f"  translated “{instance}” into {target.get_display_name()}")
        return translated

    def sync(self, instance) -> None:
        """Bring the translations of `instance` up to date after it is published again, as an
        editor's "Sync translated pages" with "Publish immediately" does, so they are not out of
        date (home/translations.py)."""
        source = TranslationSource.objects.get_for_instance_or_none(instance)
        if source is None:
            return
        source.update_from_db()
        for translation in source.translations.filter(enabled=True):
            translation.save_target(publish=True)
        self.report(f"  synced the translations of “{instance}”")

    def missing_strings(self, instance, strings: dict[str, str]) -> list[str]:
        """Source strings of `instance` that `strings` does not translate (for checking demo data)."""
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        known = set(String.objects.filter(segments__source=source).values_list("data", flat=True))
        return sorted(known - set(strings))


def make_image(title: str, colour: tuple[int, int, int], size=(1200, 800), collection=None):
    """A calm abstract image made on the spot, so the demo needs no image files in the repo."""
    from PIL import Image, ImageDraw

    Image_ = get_image_model()
    existing = Image_.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    light = tuple(min(255, c + 60) for c in colour)
    for step in range(6):
        radius = (step + 1) * height // 7
        draw.ellipse(
            [width // 3 - radius, height // 2 - radius, width // 3 + radius, height // 2 + radius],
            outline=light,
            width=height // 60,
        )
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    image = Image_(
        title=title, file=ImageFile(ContentFile(buffer.getvalue()), name=f"{_slug(title)}.jpg")
    )
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def _slug(text: str) -> str:
    return slugify(text) or "image"
