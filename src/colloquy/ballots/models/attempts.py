"""Refused attempts kept apart from the hash chain: casts by organizations that are not in a ballot's electorate
(or by someone who is not their focal point). They are not votes, so they do not belong in the public cast log,
and anyone could otherwise grow that log; they are rate-limited per organization and ballot (issue 15)."""

from django.conf import settings
from django.db import models


class RefusedAttempt(models.Model):
    ballot = models.ForeignKey("ballots.Ballot", on_delete=models.CASCADE, related_name="refused_attempts")
    organization = models.ForeignKey("directory.Organization", null=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user_label = models.CharField(max_length=150)
    at = models.DateTimeField()
    code = models.CharField(max_length=20)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["ballot_id", "at", "id"]

    def __str__(self):
        return f"{self.ballot_id}: {self.code} at {self.at:%Y-%m-%d %H:%M}"
