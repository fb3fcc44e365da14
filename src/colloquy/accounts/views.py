"""A member focal point's desk: everything that waits for their organization, across the dialogue cycle
(ballots to cast, consultations open for suggestions, registrations, follow-up reports due). Each app
contributes its part through the `member_panel(request, organization)` hook (colloquy.core.hooks)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from colloquy.core import access
from colloquy.core.hooks import panels


@login_required
def member_desk(request):
    org = access.focal_organization(request.user)
    if org is None:
        status = 200 if access.is_secretariat(request.user) else 403
        return render(request, "accounts/member_desk.html", {"org": None}, status=status)
    return render(request, "accounts/member_desk.html", {"org": org, "panels": panels("member", request, org)})


@login_required
def after_login(request):
    """Where a login lands without ?next=: focal points on their desk, everyone else on the archive."""
    if access.focal_organization(request.user) is not None:
        return redirect(reverse("accounts:desk"))
    return redirect(reverse("public:home"))
