"""HTML to plain text with block structure kept (headings, paragraphs, list items, table rows)."""

from html.parser import HTMLParser

BLOCK = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol",
         "blockquote", "header", "footer", "main", "br", "hr", "dl", "dt", "dd", "pre", "title"}
SKIP = {"script", "style", "noscript", "template", "nav", "svg"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in BLOCK:
            self.parts.append("\n\n" if tag not in ("br", "tr") else "\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(" ".join(data.split(" ")).replace("\n", " "))


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.replace("\t", " \t ").split(" ")).strip(" ") for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line.replace(" \t ", "\t").strip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
