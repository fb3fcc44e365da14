"""`{% fragment "name" part ... %}…{% endfragment %}`: the enclosed template, from the fragment cache.

Keyed as core/fragments.py says (record version, audience, language, time zone, date, URL, htmx headers) plus the
name and the parts given. Enclose only what depends on the visitor through their audience: never `user`'s own
name or messages. Lazy querysets inside the block are not run on a hit. Without a request in the context the
block is rendered as usual.
"""

from django import template

from colloquy.core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        parts = tuple(p.resolve(context) for p in self.parts)
        return fragments.cached(request, self.name.resolve(context), parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
