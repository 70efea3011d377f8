"""Documents' text for site search, kept up to date as documents are saved."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from search.models import DocumentText


@receiver(post_save, sender=get_document_model())
def keep_document_text(sender, instance, raw=False, **kwargs):
    if raw:
        return
    DocumentText.refresh(instance)
