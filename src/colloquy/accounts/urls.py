from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from colloquy.accounts import security_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail: Django's views, our templates (the URL names are namespaced, so each step
    # names the next).
    path("password-reset/", security_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html", email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done")), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete")), name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    # Account security (accounts/mfa.py, docs/security.md): password change and the second factor.
    path("security/", security_views.security, name="security"),
    path("security/language/", security_views.language, name="language"),
    path("security/password/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done")), name="password_change"),
    path("security/password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password_change_done"),
    path("two-factor/setup/", security_views.mfa_setup, name="mfa-setup"),
    path("two-factor/", security_views.mfa_verify, name="mfa-verify"),
    path("two-factor/recovery-codes/", security_views.mfa_recovery, name="mfa-recovery"),
    path("two-factor/off/", security_views.mfa_disable, name="mfa-disable"),
    path("desk/", views.member_desk, name="desk"),
    path("welcome/", views.after_login, name="after-login"),
]
