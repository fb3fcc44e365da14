"""colloquy ballot-verify ID — recompute the hash chain and the tally from the cast log; exit 1 on any mismatch."""

from django.core.management.base import CommandError

from colloquy.ballots.management.cli import BallotCommand
from colloquy.ballots.verify import verify_ballot


class Command(BallotCommand):
    help = "Recompute a ballot's hash chain and tally from its cast log and report any mismatch."

    def add_arguments(self, parser):
        parser.add_argument("ballot_id")

    def handle(self, *args, ballot_id, **options):
        ballot = self.ballot(ballot_id)
        report = verify_ballot(ballot)
        labels = dict(ballot.options.values_list("id", "label"))
        self.stdout.write(f"Ballot {ballot.pk} “{ballot.title}”: {report.entries} entries "
                          f"({report.casts} casts, {report.refusals} refusals)")
        tally = report.tally_from_log
        self.stdout.write(f"Tally recomputed from the log ({tally['ballots']} current ballots):")
        for option_id, count in tally["counts"].items():
            self.stdout.write(f"  {count:>5}  {labels.get(option_id, option_id)}")
        for problem in report.problems:
            self.stdout.write(f"MISMATCH {problem}")
        if not report.ok:
            n = len(report.problems)
            raise CommandError(f"{n} problem{'s' if n != 1 else ''} found in ballot {ballot.pk}.")
        self.stdout.write(self.style.SUCCESS("OK: chain intact, tally matches the stored ballots."))
