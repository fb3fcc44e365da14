"""What the funding app adds to pages it does not own (colloquy.core.hooks, filled in on FundingConfig): the
coverage of an event held subject to funding and the pledges the viewer may see, on the event and cycle pages;
a focal point's own organization's pledges on their desk."""

from django.template.loader import render_to_string

from colloquy.core.access import is_secretariat
from colloquy.dialogues.models import FundingStatus
from colloquy.funding import services
from colloquy.funding.models import Pledge


def _pledges(user):
    return Pledge.objects.visible_to(user).select_related("donor", "event", "cycle__forum")


def event_panel(request, event) -> str | None:
    user = request.user
    manage = is_secretariat(user)
    pledges = list(_pledges(user).filter(event=event))
    subject = event.funding_status == FundingStatus.SUBJECT_TO_FUNDING
    if not (pledges or subject or manage):
        return None
    return render_to_string("funding/_event_panel.html", {
        "event": event, "pledges": pledges, "manage": manage, "subject": subject,
        "coverage": services.coverage(event) if subject or manage else None,
    }, request=request)


def cycle_panel(request, cycle) -> str | None:
    user = request.user
    manage = is_secretariat(user)
    pledges = list(_pledges(user).filter(cycle=cycle))
    if not (pledges or manage):
        return None
    return render_to_string("funding/_cycle_panel.html", {"cycle": cycle, "pledges": pledges, "manage": manage},
                            request=request)


def member_panel(request, organization) -> str | None:
    pledges = list(_pledges(request.user).filter(donor=organization).select_related("event__cycle")
                   .order_by("-created_at"))
    if not pledges:
        return None
    return render_to_string("funding/_member_panel.html", {"organization": organization, "pledges": pledges},
                            request=request)
