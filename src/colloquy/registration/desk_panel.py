"""The secretariat desk's registration section: registrations waiting for a decision, events this month."""

import datetime

from django.db.models import Count, Q
from django.template.loader import render_to_string

from colloquy.dialogues.models import Event
from colloquy.registration.models import RegistrationState


def desk_panel(request, today: datetime.date) -> str:
    to_decide = (Event.objects.annotate(n=Count("registrations", filter=Q(registrations__state=RegistrationState.PENDING)))
                 .filter(n__gt=0).select_related("cycle__forum").order_by("start_date")[:20])
    month_start = today.replace(day=1)
    month_end = (month_start + datetime.timedelta(days=32)).replace(day=1)
    this_month = (Event.objects.filter(start_date__gte=month_start, start_date__lt=month_end)
                  .select_related("cycle__forum").order_by("start_date")[:20])
    return render_to_string("registration_app/_desk_panel.html", {
        "to_decide": to_decide, "this_month": this_month, "month": month_start}, request=request)
