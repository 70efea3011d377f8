"""Reset an editor's two-step sign-in from the command line (a lost phone, no administrator
able to sign in)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.accounts import two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes: they set up two-step sign-in "
        "again the next time they sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user is called {username!r}.") from error
        removed = two_factor.reset(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Reset two-step sign-in for {username!r} ({removed} records removed): "
                "they set it up again at their next sign-in."
            )
        )
