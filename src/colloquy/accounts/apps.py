from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_secretariat_group(sender, **kwargs):
    """The Secretariat group holds every Colloquy permission (admin access to the whole record)."""
    # Models are imported here, not at the top: apps.py is loaded before the app registry is ready.
    from django.contrib.auth.models import Group, Permission

    from colloquy.accounts.models import SECRETARIAT_GROUP

    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    perms = Permission.objects.filter(content_type__app_label__in=COLLOQUY_APPS)
    group.permissions.add(*perms)


# "axes": the secretariat reads and lifts login lockouts (Access attempts) in the admin; "otp_totp"/"otp_static":
# it sees and removes second-factor devices there.
COLLOQUY_APPS = ["axes", "otp_totp", "otp_static", "accounts", "audit", "reference", "directory", "dialogues",
                 "ingest", "ballots", "registration", "funding", "outcomes", "calls", "drafting", "search"]


class AccountsConfig(AppConfig):
    name = "colloquy.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        # Every app sends post_migrate; auth creates that app's permissions first (it is installed earlier).
        post_migrate.connect(ensure_secretariat_group, dispatch_uid="colloquy_secretariat_group")
        # Here, not at the top: axes' signals module imports its models, which need the app registry.
        from axes.signals import user_locked_out

        from colloquy.accounts.lockout import audit_lockout

        user_locked_out.connect(audit_lockout, dispatch_uid="colloquy_audit_lockout")

        # Here, not at the top: the middleware module imports django-otp's models (accounts/mfa.py).
        from django.contrib.auth.signals import user_logged_in

        from colloquy.accounts.middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="colloquy_stamp_sign_in")
