from django.db import migrations


def load(apps, schema_editor):
    from colloquy.reference.loaders import load_gcm_objectives, load_sdg_targets

    load_gcm_objectives(apps.get_model("reference", "GcmObjective"))
    load_sdg_targets(apps.get_model("reference", "SdgTarget"))


def unload(apps, schema_editor):
    apps.get_model("reference", "GcmObjective").objects.all().delete()
    apps.get_model("reference", "SdgTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
