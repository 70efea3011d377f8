"""Build the complete demonstration site. Safe to run again: existing content is kept."""

from __future__ import annotations

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale

from home import purging
from home.demo.builder import Demo
from home.demo.site import ensure_home, ensure_locales
from home.models import HomePage

# Each app's demo step ("module" runs module.build, "module:function" that function), in the
# order the site is built. Sections appear in the main navigation in the order they are created.
STEPS = [
    "home.demo.site",
    "home.demo.glossary",
    "roadmap.demo",
    "casestudies.demo",
    "events.demo",
    "home.demo.news",
    "home.demo.site:finish",
]


class Command(BaseCommand):
    help = "Create the demonstration site: every section, example content marked as such, and translations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has content (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write("The site already has content: demo content not loaded.")
            return
        started = time.monotonic()
        report = self.stdout.write
        locales = ensure_locales()
        report(f"Languages: {', '.join(name for _code, name in settings.LANGUAGES)}")
        # No single transaction around the whole build: wagtail-localize's page copies leave
        # the tree's child counts wrong inside one. Each step is idempotent instead, so a run
        # that stops half-way is completed by running the command again.
        home = ensure_home(report)
        demo = Demo(
            home=home,
            report=report,
            translation_locales=[locale for locale in locales if locale != Locale.get_default()],
        )
        # One purge of the cache in front at the end, not one per page or snippet saved.
        with purging.batched():
            for step in STEPS:
                module_name, _colon, function_name = step.partition(":")
                report(self.style.MIGRATE_HEADING(step))
                getattr(importlib.import_module(module_name), function_name or "build")(demo)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {demo.created} items created, {demo.kept} kept as they were ({elapsed:.1f} s)."
            )
        )
