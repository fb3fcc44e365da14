"""Concurrent approvals never exceed capacity (real threads, real transactions; SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection

from colloquy.core.errors import DomainError
from colloquy.registration import services
from colloquy.registration.models import Registration, RegistrationSettings


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_capacity(reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=3)
    codes = ["KEN", "SEN", "MLI", "NGA", "BEN", "TGO"]
    regs = [submit(reg_event, secretariat, organization=make_government(c), people=1) for c in codes]
    barrier = threading.Barrier(len(regs))
    outcomes = []

    def approve(reg):
        try:
            barrier.wait()
            services.registration_approve(actor=secretariat, registration=reg)
            outcomes.append("approved")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(r,)) for r in regs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["approved"] * 3 + ["capacity"] * 3
    assert Registration.objects.filter(event=reg_event, state="approved").count() == 3
    assert services.seats_taken(reg_event) == 3


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_withdrawal_and_approval_keep_the_waitlist_consistent(reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=1)
    holder, waiting, racer = (submit(reg_event, secretariat, organization=make_government(c)) for c in ["KEN", "SEN", "MLI"])
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_waitlist(actor=secretariat, registration=waiting)
    barrier = threading.Barrier(2)

    def run(fn, reg):
        try:
            barrier.wait()
            fn(actor=secretariat, registration=reg)
        except DomainError:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(services.registration_withdraw, holder)),
               threading.Thread(target=run, args=(services.registration_approve, racer))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # Whatever the interleaving, exactly one of the two others holds the single seat.
    states = dict(Registration.objects.filter(pk__in=[waiting.pk, racer.pk]).values_list("pk", "state"))
    assert sorted(states.values()) in (["approved", "pending"], ["approved", "waitlisted"])
    assert services.seats_taken(reg_event) == 1
