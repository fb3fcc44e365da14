from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_reference_data(sender, **kwargs):
    """Reference data is always present: after migrate, and after a test flush (which sends post_migrate)."""
    # Models load only once the app registry is ready (this module is imported while it fills).
    from colloquy.reference.loaders import load_gcm_objectives, load_sdg_targets
    from colloquy.reference.models import GcmObjective, SdgTarget

    if not GcmObjective.objects.exists():
        load_gcm_objectives(GcmObjective)
    if not SdgTarget.objects.exists():
        load_sdg_targets(SdgTarget)


class ReferenceConfig(AppConfig):
    name = "colloquy.reference"
    label = "reference"
    verbose_name = "Reference data"

    def ready(self):
        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="colloquy_reference_data")
