"""The account security pages: the second factor (set up, code after the password, recovery codes, turn off)
and password change. The rules live in accounts/mfa.py; these views parse the form and show the result."""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from colloquy.accounts import mfa
from colloquy.accounts.lockout import client_ip
from colloquy.accounts.preferences import user_set_language
from colloquy.core.errors import DomainError
from colloquy.core.ratelimit import over_limit


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=32, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True, "spellcheck": "false"}))


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _language_choices():
    """Each language named in itself, as the language menu names them."""
    return [("", gettext_lazy("Site default (English)"))] + [
        (code, capfirst(translation.get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of your e-mails and reminders"), required=False,
                                 choices=_language_choices)


@login_required
def security(request):
    """Account security: password, and whether a second factor is on; the language of one's e-mails."""
    return render(request, "accounts/security.html", {
        "mfa_enabled": mfa.is_enabled(request.user), "mfa_required": mfa.is_required(request.user),
        "recovery_left": mfa.recovery_codes_left(request.user),
        "language_form": LanguageForm(initial={"language": request.user.language}),
    })


@login_required
@require_POST
def language(request):
    """Save the preferred language; the site switches to it too (the language cookie)."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered."))
        return redirect("accounts:security")
    chosen = form.cleaned_data["language"]
    try:
        user_set_language(user=request.user, language=chosen, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:security")
    with translation.override(chosen or settings.LANGUAGE_CODE):
        messages.success(request, _("Your e-mails and reminders will be in this language."))
    response = redirect("accounts:security")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen or settings.LANGUAGE_CODE,
                        samesite="Lax", secure=request.is_secure())
    return response


@login_required
def mfa_setup(request):
    if mfa.is_enabled(request.user):
        return redirect("accounts:security")
    device = mfa.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa.mfa_setup_confirm(request=request, token=form.cleaned_data["code"])
        except mfa.MfaError as exc:
            form.add_error("code", exc.message)
        else:
            return render(request, "accounts/mfa_recovery.html",
                          {"codes": codes, "next": _next(request, reverse("accounts:security")), "first": True})
    return render(request, "accounts/mfa_setup.html", {
        "form": form, "qr": mfa.setup_qr_svg(device), "secret": mfa.secret_of(device),
        "required": mfa.is_required(request.user), "next": _next(request, ""),
    }, status=400 if form.errors else 200)


@login_required
def mfa_verify(request):
    if not mfa.is_enabled(request.user) or request.user.is_verified():
        return redirect(_next(request, reverse("accounts:after-login")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.mfa_verify(request=request, token=form.cleaned_data["code"])
        except mfa.MfaError as exc:
            form.add_error("code", exc.message)
        else:
            return redirect(_next(request, reverse("accounts:after-login")))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request, "")},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def mfa_recovery(request):
    try:
        codes = mfa.mfa_recovery_renew(request=request)
    except mfa.MfaError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    return render(request, "accounts/mfa_recovery.html",
                  {"codes": codes, "next": reverse("accounts:security"), "first": False})


@login_required
@require_POST
def mfa_disable(request):
    try:
        mfa.mfa_disable(request=request)
    except mfa.MfaError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The second factor is off. Your password alone now signs you in."))
    return redirect("accounts:security")


class LanguagePasswordResetForm(PasswordResetForm):
    """The reset e-mail in its recipient's preferred language, whatever the page's."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        user = context.get("user")
        with translation.override(user.email_language() if user is not None else settings.LANGUAGE_CODE):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, limited per client address and per e-mail address (COLLOQUY_RATE_LIMITS
    "password-reset", a minute's window): a flood neither fills someone's mailbox nor the outgoing queue."""

    form_class = LanguagePasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        wait = over_limit("password-reset", client_ip(self.request),
                          hashlib.sha256(email.encode()).hexdigest()[:32])
        if wait is not None:
            form.add_error(None, _("Too many reset requests. Try again in %(seconds)s seconds.") % {"seconds": wait})
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
