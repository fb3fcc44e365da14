"""Reference data shipped with Colloquy: GCM objectives and SDG targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GcmObjective(models.Model):
    """One of the 23 objectives of the Global Compact for Migration (A/RES/73/195)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "GCM objective"

    def __str__(self):
        return f"Objective {self.number}: {self.title}"


class SdgTarget(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text=_("e.g. 10.7"))
    title = models.TextField()

    class Meta:
        ordering = ["code"]
        verbose_name = "SDG target"

    def __str__(self):
        return f"SDG {self.code}"
