from django.core.management.base import BaseCommand, CommandError

from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import Event
from colloquy.registration import services


class Command(BaseCommand):
    help = ("Expire offers of a place whose deadline has passed and offer each place to the next on the "
            "waitlist (e-mails both). Idempotent: run it from cron as often as you like, e.g. every 15 minutes.")

    def add_arguments(self, parser):
        parser.add_argument("--event", help="Only this event (slug); default: every event")

    def handle(self, *args, event=None, **options):
        found = None
        if event:
            found = Event.objects.filter(slug=event).first()
            if found is None:
                raise CommandError(f"No event with slug {event!r}.")
        expired = services.offers_expire(actor=SYSTEM, event=found)
        for registration in expired:
            self.stdout.write(f"expired: {registration.organization_name} — {registration.event.slug}")
        self.stdout.write(f"{len(expired)} offer(s) expired.")
