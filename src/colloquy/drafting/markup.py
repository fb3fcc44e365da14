"""The line markup of a draft's body, and the blocks the renderers draw from it.

`# Heading` (level 1), `## Subheading` (level 2), `1. text` (a numbered paragraph), `- text` (a bullet);
any other non-empty line is a paragraph. One line is one block, so a paragraph is never split by a renderer.
"""

import re
from dataclasses import dataclass

NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "paragraph" | "numbered" | "bullet"
    text: str
    level: int = 0


def parse(body: str) -> list[Block]:
    blocks = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            blocks.append(Block("heading", line[3:].strip(), 2))
        elif line.startswith("# "):
            blocks.append(Block("heading", line[2:].strip(), 1))
        elif NUMBERED.match(line):
            blocks.append(Block("numbered", NUMBERED.sub("", line, count=1)))
        elif line.startswith("- "):
            blocks.append(Block("bullet", line[2:].strip()))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def one_line(text: str) -> str:
    """A record's text as one block: a line break inside it would start a new block."""
    return " ".join(str(text).split())


def heading(text, level: int = 1) -> str:
    return "#" * level + " " + one_line(text)


def numbered(items) -> list[str]:
    return [f"{n}. {one_line(text)}" for n, text in enumerate(items, start=1)]


def bullets(items) -> list[str]:
    return [f"- {one_line(text)}" for text in items]


def plain_text(blocks: list[Block]) -> str:
    """What the archive indexes: the blocks as text, paragraphs numbered through the document as Word shows them."""
    lines, n = [], 0
    for block in blocks:
        if block.kind == "numbered":
            n += 1
            lines.append(f"{n}. {block.text}")
            continue
        lines.append(("- " if block.kind == "bullet" else "") + block.text)
    return "\n\n".join(lines)
