"""Delete form pages' submissions sent more than FORM_SUBMISSION_RETENTION_DAYS ago (they are
personal data). Run daily, e.g. cron: `40 3 * * * manage.py purge_form_submissions`."""

from wagtail.contrib.forms.models import FormSubmission

from home.retention import RetentionPurgeCommand


class Command(RetentionPurgeCommand):
    help = "Delete form submissions older than the retention period."
    retention_setting = "FORM_SUBMISSION_RETENTION_DAYS"
    described_as = "form submission(s)"

    def queryset(self, cutoff):
        return FormSubmission.objects.filter(submit_time__lt=cutoff)
