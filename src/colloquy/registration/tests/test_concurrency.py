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
    # Whatever the interleaving, exactly one of the two others holds the single seat (approved, or offered it).
    states = dict(Registration.objects.filter(pk__in=[waiting.pk, racer.pk]).values_list("pk", "state"))
    assert sorted(states.values()) in (["offered", "pending"], ["approved", "waitlisted"])
    assert services.seats_taken(reg_event) == 1


def _race(*calls):
    """Run the calls at the same moment in threads; return each one's outcome ("ok" or the error code)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, fn, kwargs):
        try:
            barrier.wait()
            fn(**kwargs)
            outcomes[i] = "ok"
        except DomainError as exc:
            outcomes[i] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn, kw)) for i, (fn, kw) in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_acceptances_racing_for_the_last_seat_admit_exactly_one(reg_event, secretariat, make_government, submit):
    """Two offers were open when the secretariat cut the capacity to one seat: the first to accept gets it."""
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"), people=2)
    first, second = (submit(reg_event, secretariat, organization=make_government(c)) for c in ["SEN", "MLI"])
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_waitlist(actor=secretariat, registration=first)
    services.registration_waitlist(actor=secretariat, registration=second)
    services.registration_withdraw(actor=secretariat, registration=holder)
    assert Registration.objects.filter(event=reg_event, state="offered").count() == 2
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=1)
    outcomes = _race((services.registration_offer_accept, {"actor": secretariat, "registration": first}),
                     (services.registration_offer_accept, {"actor": secretariat, "registration": second}))
    assert sorted(outcomes) == ["capacity", "ok"]
    assert Registration.objects.filter(event=reg_event, state="approved").count() == 1
    assert services.seats_taken(reg_event, states=("approved", "attended")) == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_offer_accepted_twice_at_once_is_approved_once(reg_event, secretariat, focal_point, ghana, make_government,
                                                         submit):
    """The focal point and the secretariat accept the same offer at the same moment; a pending registration
    races them for the seat the offer holds."""
    from colloquy.audit.models import AuditEntry

    RegistrationSettings.objects.filter(event=reg_event).update(capacity=1)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"))
    mine = submit(reg_event, focal_point, organization=ghana)
    racer = submit(reg_event, secretariat, organization=make_government("SEN"))
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_waitlist(actor=secretariat, registration=mine)
    services.registration_withdraw(actor=secretariat, registration=holder)
    outcomes = _race((services.registration_offer_accept, {"actor": focal_point, "registration": mine}),
                     (services.registration_offer_accept, {"actor": secretariat, "registration": mine}),
                     (services.registration_approve, {"actor": secretariat, "registration": racer}))
    assert outcomes[2] == "capacity"  # the offer holds the only seat throughout
    assert sorted(outcomes[:2]) == ["no_offer", "ok"]
    assert Registration.objects.get(pk=mine.pk).state == "approved"
    assert AuditEntry.objects.for_object(mine).filter(action="registration.accept").count() == 1
    assert services.seats_taken(reg_event) == 1
