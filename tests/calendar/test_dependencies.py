"""The dependency rules of issue 13, read from the source with ``ast``:

- learning.calendar imports none of the apps that contribute to it (events, masterclasses,
  circles); they register their feeds in AppConfig.ready() instead;
- a name starting with "_" never crosses an app boundary (STYLE.md, "Between apps").

Deferred imports inside functions count as imports.
"""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CALENDAR_MAY_IMPORT = {"learning.calendar", "learning.core", "learning.accounts", "learning.outbox"}
CONTRIBUTORS = ("learning.events", "learning.circles", "learning.masterclasses")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def app_of(module: str) -> str | None:
    """The first-party app a module belongs to: learning.<app>, "learning" for the project
    modules (urls, celery …) and "home"; None for third-party modules."""
    parts = module.split(".")
    if parts[0] == "home":
        return "home"
    if parts[0] != "learning":
        return None
    if len(parts) > 1 and (REPO / "learning" / parts[1]).is_dir():
        return f"learning.{parts[1]}"
    return "learning"


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def resolve(node: ast.ImportFrom, *, module: str, package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path):
    """(line, imported module, imported name or None, local name) of every import."""
    module, package = module_name(path), is_package(path)
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                yield node.lineno, alias.name, None, local if alias.asname else None
        elif isinstance(node, ast.ImportFrom):
            source = resolve(node, module=module, package=package)
            for alias in node.names:
                yield node.lineno, source, alias.name, alias.asname or alias.name


def sources(*folders: str):
    for folder in folders:
        yield from sorted((REPO / folder).rglob("*.py"))


def test_calendar_imports_none_of_the_apps_that_contribute_to_it():
    found = []
    for path in sources("learning/calendar"):
        for line, source, name, _local in imports(path):
            targets = [source] if name is None else [source, f"{source}.{name}"]
            for target in targets:
                app = app_of(target)
                if app is not None and app not in CALENDAR_MAY_IMPORT:
                    found.append(f"{path.relative_to(REPO)}:{line} imports {target}")
    assert not found, "\n".join(found)
    # The rule is checked on real imports, not on an empty folder.
    assert any(
        source == "learning.core.routing"
        for path in sources("learning/calendar")
        for _line, source, _name, _local in imports(path)
    )


def test_no_private_name_crosses_an_app_boundary():
    """Neither ``from other_app.module import _name`` (or a private module) nor
    ``other_app_module._name`` on a module imported from another app."""
    found = []
    for path in sources("learning", "home"):
        own = app_of(module_name(path))
        other_modules = set()
        for line, source, name, local in imports(path):
            full = source if name is None else f"{source}.{name}"
            target_app = app_of(full)
            if target_app is None or target_app == own:
                continue
            if any(is_private(part) for part in full.split(".")):
                found.append(f"{path.relative_to(REPO)}:{line} imports {full}")
            if local is not None and is_module(full):
                other_modules.add(local)
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in other_modules
                and is_private(node.attr)
            ):
                found.append(
                    f"{path.relative_to(REPO)}:{node.lineno} uses {node.value.id}.{node.attr}"
                )
    assert not found, "\n".join(found)


def test_the_checks_see_private_names_and_contributors(tmp_path):
    """The helpers above find what they must (so an empty result means something)."""
    assert app_of("learning.events.feeds") == "learning.events"
    assert app_of("learning.urls") == "learning"
    assert app_of("home.views") == "home"
    assert app_of("django.db") is None
    assert is_private("_labels") and not is_private("__all__") and not is_private("labels")
    node = ast.parse("from ..events import _x").body[0]
    assert resolve(node, module="learning.calendar.feeds", package=False) == "learning.events"
