from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "colloquy.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from colloquy.search import providers, signals  # noqa: F401 — registers the providers
        from colloquy.search.registry import dependent

        # A submitted report changes the follow-up status facet of its recommendation or commitment.
        dependent("outcomes.ProgressReport", lambda r: [r.recommendation or r.commitment])
        signals.connect()

    # Process hooks (colloquy.core.hooks).
    def warm_up(self):
        from colloquy.search.columns import warm_in_background

        warm_in_background()

    # Page hooks (colloquy.core.hooks): related documents and the document's text with anchors.
    def document_panel(self, request, document):
        from colloquy.search.panels import document_panel

        return document_panel(request, document)

    def recommendation_panel(self, request, recommendation):
        from colloquy.search.panels import recommendation_panel

        return recommendation_panel(request, recommendation)
