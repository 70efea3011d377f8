"""Read again the text inside every document for site search (after installing the site on a
database that already has documents, or after changing how text is read). Saving a document
keeps its text up to date on its own; this is for existing documents.

    manage.py extract_document_text            # documents without their text yet
    manage.py extract_document_text --all      # every document, read again
"""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from search.models import DocumentText

PROGRESS_EVERY = 25


class Command(BaseCommand):
    help = "Read the text inside documents (PDFs) for site search, with a progress report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Read every document again, not only new ones."
        )

    def handle(self, *args, all=False, **options):
        documents = get_document_model().objects.order_by("pk")
        if not all:
            documents = documents.filter(search_text__isnull=True)
        total = documents.count()
        self.stdout.write(f"Reading the text of {total} document(s)…")
        with_text = unreadable = 0
        for done, document in enumerate(documents.iterator(), start=1):
            record = DocumentText.refresh(document, force=True)
            with_text += bool(record.text)
            unreadable += bool(record.problem)
            if done % PROGRESS_EVERY == 0 or done == total:
                self.stdout.write(f"  {done} of {total}…")
        self.stdout.write(
            f"Done: {total} document(s), {with_text} with text, {unreadable} could not be read "
            "(see the log)."
        )
