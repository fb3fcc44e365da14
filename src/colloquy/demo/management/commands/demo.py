import secrets

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from colloquy.accounts.models import SECRETARIAT_GROUP, User
from colloquy.demo.loader import load_demo
from colloquy.directory.models import Organization


class Command(BaseCommand):
    help = "Migrate, load the demo archive and create a secretariat account (its password is printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true")
        parser.add_argument("--username", default="secretariat")
        parser.add_argument("--focal-username", default="focal-ghana")

    def handle(self, *args, no_migrate=False, username="secretariat", focal_username="focal-ghana", **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        counts = load_demo()
        self.stdout.write(
            f"Demo archive ready: {counts['events_created']} new events, {counts['organizations']} organizations, "
            f"{counts['sessions']} programme sessions."
        )
        group = Group.objects.get(name=SECRETARIAT_GROUP)
        self._account(username, "Secretariat", is_staff=True, group=group)
        ghana = Organization.objects.get(category="governments", country="GHA")
        self._account(focal_username, "Focal point of Ghana (member State)", organization=ghana)

    def _account(self, username, label, group=None, **fields):
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"{label} account '{username}' exists already (password unchanged; "
                              f"reset it with: colloquy changepassword {username}).")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, **fields)
        if group is not None:
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(
            f"{label} login (shown once): username '{username}', password '{password}'"
        ))
