"""`colloquy search "query" [--json]`: the same search as the page and the API, from the shell."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from colloquy.accounts.models import User
from colloquy.core.access import SYSTEM
from colloquy.search import params
from colloquy.search.facets import FACETS
from colloquy.search.serialize import hit_dict, result_dict
from colloquy.search.services import MODES, search_run


class Command(BaseCommand):
    help = 'Search the archive: colloquy search "labour migration" --year-from 2006 --json'

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON (the API's shape)")
        parser.add_argument("--mode", choices=MODES, default="keyword")
        parser.add_argument("--group", action="store_true", help="Group results by record type")
        parser.add_argument("--year-from")
        parser.add_argument("--year-to")
        parser.add_argument("--page", default="1")
        parser.add_argument("--limit", default="20", help="Results per page (max 50)")
        parser.add_argument("--lang", default="", help="The query's language (fr, es: words also match their stems)")
        parser.add_argument("--as", dest="as_user", help="Search as this user (default: system, sees everything)")
        for facet in FACETS:
            if facet.name != "year":
                parser.add_argument(f"--{facet.name.replace('_', '-')}", action="append", dest=f"facet_{facet.name}")

    def handle(self, *args, **opts):
        data = QueryDict(mutable=True)
        data["q"] = opts["query"]
        data["mode"] = opts["mode"]
        data["page"] = opts["page"]
        data["per_page"] = opts["limit"]
        data["group"] = "1" if opts["group"] else ""
        data["lang"] = opts["lang"] or "en"
        for name in ("year_from", "year_to"):
            if opts[name]:
                data[name] = opts[name]
        for facet in FACETS:
            for value in opts.get(f"facet_{facet.name}") or []:
                data.appendlist(facet.name, value)
        actor = SYSTEM
        if opts["as_user"]:
            actor = User.objects.filter(username=opts["as_user"]).first()
            if actor is None:
                raise CommandError(f"No user named {opts['as_user']!r}.")
        kwargs, notices = params.from_querydict(data)
        result = search_run(actor=actor, **kwargs)
        result.notices[:0] = notices
        if opts["json"]:
            self.stdout.write(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
            if result.error:
                raise CommandError(result.error)
            return
        for notice in result.notices:
            self.stderr.write(notice)
        if result.error:
            raise CommandError(result.error)
        total = f"At least {result.total}" if result.total_capped else str(result.total)
        self.stdout.write(f"{total} results ({result.engine}, {result.took_ms} ms)")
        hits = result.hits or [h for g in result.groups for h in g.hits]
        for hit in hits:
            title = hit_dict(hit)["title"]
            where = f" ({hit.anchor})" if hit.anchor else ""
            self.stdout.write(f"- [{hit.kind_label}] {title}{where}  {hit.url}")
