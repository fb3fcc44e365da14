"""`colloquy mfa-reset USER --as OFFICER`: remove a person's second factor (a lost phone, no recovery code left),
audited under the acting officer. The person sets a new one up at next sign-in where it is required."""

from django.core.management.base import BaseCommand, CommandError

from colloquy.accounts.mfa import mfa_reset
from colloquy.accounts.models import User
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError


class Command(BaseCommand):
    help = "Remove the second factor (authenticator app and recovery codes) of a user."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--as", dest="as_user", metavar="USERNAME",
                            help="the secretariat officer doing it (default: system)")

    def handle(self, *args, username, as_user=None, **options):
        actor = SYSTEM
        if as_user:
            actor = User.objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user named {as_user!r}.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            removed = mfa_reset(user=user, actor=actor)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if removed:
            self.stdout.write(f"Removed the second factor of {username} ({removed} device(s)).")
        else:
            self.stdout.write(f"{username} had no second factor; nothing to remove.")
