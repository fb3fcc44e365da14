"""Secretariat review screens: the queue and upload (`queue`), one document's items (`review`), the edit form (`edit`)."""
