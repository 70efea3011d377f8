"""Delete the contact details of people who shared a practice more than
PRACTICE_CONTACT_RETENTION_DAYS ago; the case studies made from them stay. Run daily, e.g. cron:
`45 3 * * * manage.py purge_practice_submissions`."""

from casestudies.models import PracticeSubmission
from home.retention import RetentionPurgeCommand


class Command(RetentionPurgeCommand):
    help = "Delete shared-practice contact details older than the retention period."
    retention_setting = "PRACTICE_CONTACT_RETENTION_DAYS"
    described_as = "shared-practice contact(s)"

    def queryset(self, cutoff):
        return PracticeSubmission.objects.filter(created_at__lt=cutoff)
