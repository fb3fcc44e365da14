from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The imports below sit in the methods because this module is imported while the app registry is
    being filled, before any model can be: every search module they name imports models."""

    name = "colloquy.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from colloquy.search import providers, signals  # noqa: F401 — registers the providers (load order)
        from colloquy.search.registry import dependent  # load order, as above

        # A submitted report changes the follow-up status facet of its recommendation or commitment.
        dependent("outcomes.ProgressReport", lambda r: [r.recommendation or r.commitment])
        signals.connect()

    # Process hooks (colloquy.core.hooks).
    def warm_up(self):
        from colloquy.search.columns import warm_in_background  # load order (see the class docstring)

        warm_in_background()

    # Page hooks (colloquy.core.hooks): related documents and the document's text with anchors.
    def document_panel(self, request, document):
        from colloquy.search.panels import document_panel  # load order (see the class docstring)

        return document_panel(request, document)

    def recommendation_panel(self, request, recommendation):
        from colloquy.search.panels import recommendation_panel  # load order (see the class docstring)

        return recommendation_panel(request, recommendation)
