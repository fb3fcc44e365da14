from django.core.management.base import CommandError

from colloquy.ballots import services
from colloquy.ballots.management.cli import BallotCommand


class Command(BallotCommand):
    help = "Close a ballot (and e-mail results), or with --due close every open ballot whose close has passed (cron)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("ballot_id", nargs="?")
        parser.add_argument("--due", action="store_true", help="close all open ballots past their close")

    def handle(self, *args, ballot_id=None, due=False, **options):
        actor = self.actor(options)
        if due:
            closed = services.ballot_close_due(actor=actor)
            self.stdout.write(f"Closed {len(closed)} ballot(s): {', '.join(str(b.pk) for b in closed) or '—'}")
            return
        if not ballot_id:
            raise CommandError("Give a ballot id, or --due.")
        ballot = services.ballot_close(actor=actor, ballot=self.ballot(ballot_id))
        self.stdout.write(f"Closed ballot {ballot.pk}.")
