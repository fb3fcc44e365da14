"""The house rules of docs/architecture.md, checked on the code itself.

- The layer contract (pyproject `[tool.importlinter]`) is kept: `lint-imports` runs it in CI; this test runs the same
  contract through import-linter's API so `make test` catches a break too.
- No two modules import each other, directly or through others, counting imports inside functions: grimp reads
  every import statement of a module, wherever it stands, and the strongly connected components of that graph
  (tests and migrations left out) must all be single modules.
- No product module is longer than 450 lines.
- An import inside a function has a comment saying why (on its line, or above it or above its block of imports).
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PACKAGE = Path(__file__).resolve().parents[2]  # src/colloquy
MAX_LINES = 450


def product_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts or path.name in ("conftest.py", "testing.py"):
            continue
        yield path


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _strongly_connected(nodes, edges_of):
    """Tarjan's algorithm, iterative: the components with more than one node."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges_of(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges_of(child))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_layer_contract_is_kept():
    importlinter = pytest.importorskip("importlinter")
    from importlinter.cli import lint_imports  # the dev extra's import-linter: only this test needs it

    assert importlinter is not None
    assert lint_imports(config_filename=str(PACKAGE.parents[1] / "pyproject.toml")) == 0


def test_no_module_imports_itself_through_others():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("colloquy")
    modules = {_module_name(p) for p in product_modules()} & set(graph.modules)  # gunicorn.conf.py is no module
    cycles = _strongly_connected(sorted(modules),
                                 lambda m: sorted(graph.find_modules_directly_imported_by(m) & modules))
    assert cycles == []


def test_no_product_module_is_longer_than_450_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in product_modules()
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def _explained(lines: list[str], lineno: int) -> bool:
    i = lineno - 1
    if "#" in lines[i]:
        return True
    i -= 1
    while i >= 0 and (lines[i].strip().startswith(("from ", "import ")) or not lines[i].strip()):
        i -= 1
    return i >= 0 and lines[i].strip().startswith("#")


def test_imports_inside_functions_say_why():
    unexplained = []
    for path in product_modules():
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom) and not _explained(lines, inner.lineno):
                        unexplained.append(f"{path.relative_to(PACKAGE)}:{inner.lineno}")
    assert unexplained == []
