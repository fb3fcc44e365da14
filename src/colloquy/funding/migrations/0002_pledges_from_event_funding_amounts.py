"""Amounts set on an event's donor row (EventFunding.amount/currency/note, admin-only until now) become pledges:
confirmed, not public (they were never shown), budget line "other", the note as purpose. A row without a valid
ISO 4217 currency keeps "XXX" (ISO's "no currency") so nothing is lost; the secretariat corrects it on the
event's funding page. The reverse copies each event pledge's amount back onto its donor row."""

from django.db import migrations


def forwards(apps, schema_editor):
    EventFunding = apps.get_model("dialogues", "EventFunding")
    Pledge = apps.get_model("funding", "Pledge")
    # the same ISO 4217 list as the model's validator (historical models carry no validators)
    import pycountry

    for row in EventFunding.objects.filter(amount__isnull=False, amount__gt=0):
        currency = (row.currency or "").strip().upper()
        if not currency or pycountry.currencies.get(alpha_3=currency) is None:
            currency = "XXX"
        Pledge.objects.create(donor_id=row.donor_id, event_id=row.event_id, amount=row.amount, currency=currency,
                              purpose=(row.note or "")[:300], budget_line="other", status="confirmed", public=False)


def backwards(apps, schema_editor):
    EventFunding = apps.get_model("dialogues", "EventFunding")
    Pledge = apps.get_model("funding", "Pledge")
    for pledge in Pledge.objects.filter(event__isnull=False).order_by("pk"):
        EventFunding.objects.filter(event_id=pledge.event_id, donor_id=pledge.donor_id).update(
            amount=pledge.amount, currency=pledge.currency, note=pledge.purpose)


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_pledges_and_event_budgets")]

    operations = [migrations.RunPython(forwards, backwards)]
