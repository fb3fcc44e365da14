"""The record version (core/records.py): one row, counted up after every committed write."""

from django.db import models


class RecordVersion(models.Model):
    counter = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"record version {self.counter}"
