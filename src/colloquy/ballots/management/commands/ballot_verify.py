"""colloquy ballot-verify ID [--against FILE|URL] — recompute the hash chain, the seals and the tally from the
cast log, and compare with a chain head published outside the database; exit 1 on any mismatch."""

import urllib.request
from pathlib import Path

from django.core.management.base import CommandError

from colloquy.ballots.anchor import compare, parse_published
from colloquy.ballots.management.cli import BallotCommand
from colloquy.ballots.verify import verify_ballot


class Command(BallotCommand):
    help = "Recompute a ballot's hash chain and tally from its cast log and report any mismatch."

    def add_arguments(self, parser):
        parser.add_argument("ballot_id")
        parser.add_argument("--against", metavar="FILE|URL",
                            help="a published head: a head.json export, or a page or e-mail showing '#<seq> <hash>'")

    def _published(self, source: str, ballot_id: int) -> dict:
        try:
            if source.startswith(("http://", "https://")):
                with urllib.request.urlopen(source, timeout=30) as response:
                    text = response.read(50 * 1024 * 1024).decode("utf-8", "replace")
            else:
                text = Path(source).read_text("utf-8", "replace")
            return parse_published(text, ballot_id)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read a published head from {source}: {exc}") from None

    def handle(self, *args, ballot_id, against=None, **options):
        ballot = self.ballot(ballot_id)
        report = verify_ballot(ballot)
        if against:
            published = self._published(against, ballot.pk)
            report.problems.extend(compare(ballot, published))
            self.stdout.write(f"Compared with the head published in {against} (#{published.get('seq')})")
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
