"""Keep the index fresh: every save or delete of a registered model (through the services, the
admin or the shell) re-indexes it, in the same transaction."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from colloquy.search import index
from colloquy.search.registry import dependents, providers

_UID = "colloquy.search"


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: reindex afterwards with `colloquy reindex`
        return
    index.refresh(instance)


def _deleted(sender, instance, **kwargs):
    index.remove_object(sender, instance.pk)


def _dependent_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for label, resolve in dependents():
        if sender._meta.label == label:
            try:
                targets = resolve(instance) or []
            except Exception:
                targets = []
            for target in targets:
                if target is not None and target.pk is not None and type(target)._default_manager.filter(pk=target.pk).exists():
                    index.refresh(target)


def _m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        index.refresh(instance)


def connect() -> None:
    provider_models = set()
    for provider in providers():
        model = provider.get_model()
        provider_models.add(model._meta.label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"{_UID}.save.{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{_UID}.delete.{model._meta.label}")
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(_m2m_changed, sender=m2m.remote_field.through,
                                dispatch_uid=f"{_UID}.m2m.{model._meta.label}.{m2m.name}")
    for label, _ in dependents():
        if label in provider_models:
            continue  # refresh() already follows dependents of indexed models
        model = apps.get_model(label)
        post_save.connect(_dependent_changed, sender=model, dispatch_uid=f"{_UID}.dep-save.{label}")
        post_delete.connect(_dependent_changed, sender=model, dispatch_uid=f"{_UID}.dep-delete.{label}")
