from django.core.management.base import CommandError

from colloquy.ballots import services
from colloquy.ballots.management.cli import BallotCommand, aware_datetime
from colloquy.ballots.models import BallotMethod, Consultation, Eligibility, ResultsVisibility, Secrecy
from colloquy.dialogues.models import Cycle, ThemeLevel


class Command(BallotCommand):
    help = "Create a draft ballot on a cycle (options from --option, or from a consultation's proposals)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--forum", required=True, help="forum slug, e.g. idm")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--title", required=True)
        parser.add_argument("--method", choices=BallotMethod.values, default=BallotMethod.SINGLE)
        parser.add_argument("--max-choices", type=int, default=1)
        parser.add_argument("--option", action="append", default=[], help="an option label (repeatable)")
        parser.add_argument("--consultation", type=int, help="take options from this consultation's proposals")
        parser.add_argument("--closes", required=True, help="ISO 8601 with offset, e.g. 2027-03-01T17:00+01:00")
        parser.add_argument("--opens", help="ISO 8601 with offset (default: when opened)")
        parser.add_argument("--eligibility", choices=Eligibility.values, default=Eligibility.MEMBER_STATES)
        parser.add_argument("--secrecy", choices=Secrecy.values, default=Secrecy.CONFIDENTIAL)
        parser.add_argument("--results", choices=ResultsVisibility.values, default=ResultsVisibility.AFTER_CLOSE)
        parser.add_argument("--quorum", type=int, default=50, help="percent of eligible organizations")
        parser.add_argument("--level", choices=ThemeLevel.values, default=ThemeLevel.OVERARCHING)
        parser.add_argument("--seats", type=int, default=1, help="how many options the decision adopts")
        parser.add_argument("--open", action="store_true", help="open it right away")

    def handle(self, *args, **o):
        actor = self.actor(o)
        try:
            cycle = Cycle.objects.get(forum__slug=o["forum"], year=o["year"])
        except Cycle.DoesNotExist:
            raise CommandError(f"No {o['year']} cycle in forum {o['forum']!r}.") from None
        consultation = None
        if o["consultation"]:
            consultation = Consultation.objects.filter(pk=o["consultation"]).first()
            if consultation is None:
                raise CommandError(f"No consultation with id {o['consultation']}.")
        ballot = services.ballot_create(
            actor=actor, cycle=cycle, title=o["title"], method=o["method"], options=o["option"],
            closes_at=aware_datetime(o["closes"]), opens_at=aware_datetime(o["opens"]) if o["opens"] else None,
            max_choices=o["max_choices"], eligibility=o["eligibility"], secrecy=o["secrecy"],
            results_visibility=o["results"], quorum_percent=o["quorum"], level=o["level"], seats=o["seats"],
            consultation=consultation,
        )
        if o["open"]:
            ballot = services.ballot_open(actor=actor, ballot=ballot)
        self.stdout.write(f"Created ballot {ballot.pk} ({ballot.get_state_display().lower()}): "
                          + "; ".join(f"[{opt.pk}] {opt.label}" for opt in ballot.options.all()))
