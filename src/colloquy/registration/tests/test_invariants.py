"""Random sequences of registration operations: nobody is ever admitted or offered a place beyond capacity."""

import datetime
import random

import pytest
from django.utils import timezone

from colloquy.core.errors import DomainError
from colloquy.registration import services
from colloquy.registration.models import SEAT_STATES, Registration, RegistrationSettings

OPS = ["approve", "approve", "waitlist", "reject", "withdraw", "attend", "capacity", "accept", "decline", "expire"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_operations_never_admit_anyone_beyond_capacity(seed, reg_event, secretariat, make_government, submit):
    rng = random.Random(seed)
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=rng.randint(2, 6))
    codes = ["KEN", "SEN", "MLI", "NGA", "BEN", "TGO", "CIV", "GHA"]
    regs = [submit(reg_event, secretariat, organization=make_government(c), people=rng.randint(1, 3),
                   remote=rng.randint(0, 2)) for c in codes]
    admitted_over = 0
    for _ in range(120):
        counted_before = set(Registration.objects.filter(event=reg_event, state__in=SEAT_STATES)
                             .values_list("pk", flat=True))
        op = rng.choice(OPS)
        reg = rng.choice(regs)
        try:
            if op == "capacity":
                services.registration_settings_set(actor=secretariat, event=reg_event, capacity=rng.randint(0, 8))
            elif op == "accept":
                services.registration_offer_accept(actor=secretariat, registration=reg)
            elif op == "decline":
                services.registration_offer_decline(actor=secretariat, registration=reg,
                                                    stay_on_waitlist=rng.random() < 0.5)
            elif op == "expire":
                services.offers_expire(actor=secretariat, event=reg_event,
                                       now=timezone.now() + datetime.timedelta(days=4))
            else:
                state = {"approve": "approved", "waitlist": "waitlisted", "reject": "rejected",
                         "withdraw": "withdrawn", "attend": "attended"}[op]
                services.registration_set_state(actor=secretariat, registration=reg, state=state)
        except DomainError:
            pass
        capacity = RegistrationSettings.objects.get(event=reg_event).capacity
        counted_after = set(Registration.objects.filter(event=reg_event, state__in=SEAT_STATES)
                            .values_list("pk", flat=True))
        newly_admitted = counted_after - counted_before
        if newly_admitted:
            admitted_over += 1
            # Whoever got in or was offered a place fits: the seats now held are within capacity.
            assert services.seats_taken(reg_event) <= capacity
        # The waitlist is served in order: nobody waitlisted later was promoted while an earlier one waits.
        promoted = Registration.objects.filter(pk__in=newly_admitted, waitlisted_at__isnull=False)
        waiting = Registration.objects.filter(event=reg_event).waitlist()
        for p in promoted:
            if op != "approve":  # the secretariat may approve anyone by hand; automatic promotion is FIFO
                assert not waiting.filter(waitlisted_at__lt=p.waitlisted_at).exists()
    assert admitted_over > 0  # the sequence really exercised admissions
