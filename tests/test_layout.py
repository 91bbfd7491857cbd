"""The layout rule, enforced: one concept, one name, on every floor.

A concept X lives in ``nbhelpers/X.py`` (the numeric core, NumPy only), its figures in
``nbhelpers/plots/X.py``, its exercise checks in ``nbhelpers/checks/X.py``, its widgets in
``nbhelpers/widgets/X.py``, its tests in ``tests/test_X.py``. Imports go only downward:
core <- plots and checks (never each other) <- widgets <- notebooks. Each public name says where it
is taught. These tests read the source (every import, also those inside functions), so a lazy
``import matplotlib`` in a core module fails here even if no test ever calls that function.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest

import nbhelpers

PACKAGE = Path(nbhelpers.__file__).parent
ROOT = PACKAGE.parent
FLOORS = ("plots", "checks", "widgets")
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)

#: What each floor may not import: other floors of the package, and heavy third-party packages.
FORBIDDEN = {
    "core": {
        "nbhelpers.plots",
        "nbhelpers.checks",
        "nbhelpers.widgets",
        "matplotlib",
        "ipywidgets",
        "PIL",
        "IPython",
    },
    "plots": {"nbhelpers.checks", "nbhelpers.widgets", "ipywidgets", "IPython"},
    "checks": {"nbhelpers.plots", "nbhelpers.widgets", "matplotlib", "ipywidgets", "PIL", "IPython"},
    "widgets": {"nbhelpers.checks"},
}
#: Third-party packages the core may use: NumPy, and pooch for the one download (imported lazily).
CORE_THIRD_PARTY = {"numpy", "pooch"}
MAX_LINES = 420  # "about 400": a module that grows past it is split by concept


def floor(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 and parts[0] in FLOORS else "core"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set:
    """Every module ``path`` imports, anywhere in the file, as absolute dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)  # from . import plots
            else:
                found.add(node.module)
    return found


def breaks(name: str, forbidden: set) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_go_only_downward(path):
    level = floor(path)
    bad = sorted(name for name in imports(path) if breaks(name, FORBIDDEN[level]))
    assert not bad, (
        f"{path.relative_to(ROOT)} ({level}) imports {bad}: see the floors in tests/test_layout.py"
    )
    if level == "core":
        stdlib = getattr(sys, "stdlib_module_names", None)
        if stdlib is None:
            pytest.skip("Python < 3.10 cannot list its standard library")
        third = {n.split(".")[0] for n in imports(path)} - set(stdlib) - {"nbhelpers", "__future__"}
        assert third <= CORE_THIRD_PARTY, f"the core module {path.name} imports {sorted(third)}"


def test_the_floor_test_catches_a_lazy_matplotlib_import_in_the_core(tmp_path):
    """The check above on a made-up core module that imports matplotlib inside a function."""
    fake = tmp_path / "losses.py"
    fake.write_text(
        "import numpy as np\n\ndef f():\n    from matplotlib.figure import Figure\n    return Figure\n"
    )
    assert breaks("matplotlib.figure", FORBIDDEN["core"])
    tree_imports = {n.module for n in ast.walk(ast.parse(fake.read_text())) if isinstance(n, ast.ImportFrom)}
    assert any(breaks(name, FORBIDDEN["core"]) for name in tree_imports)


def test_import_nbhelpers_loads_numpy_only():
    import subprocess

    code = (
        "import sys, nbhelpers; "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipywidgets', 'IPython', 'PIL', 'pooch'}); "
        "ours = sorted(m for m in sys.modules if m.startswith(('nbhelpers.plots', 'nbhelpers.widgets', 'nbhelpers.checks'))); "
        "print(','.join(heavy + ours))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"`import nbhelpers` loaded {out.stdout.strip()}"
    assert out.stderr == ""


def concepts(folder: Path) -> set:
    return {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}


def test_every_concept_has_one_name_on_every_floor():
    core = concepts(PACKAGE)
    for name in FLOORS:
        strays = concepts(PACKAGE / name) - core
        assert not strays, f"nbhelpers/{name}/ has {sorted(strays)}, which name no module of the core"
    untested = {x for x in core if not (ROOT / "tests" / f"test_{x}.py").is_file()}
    assert not untested, f"core modules without tests/test_X.py: {sorted(untested)}"


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"


TAUGHT = re.compile(r"(Book §\d+(\.\d+)*|Not in the book)[^\n]*; notebooks? \d\d")


def public_objects():
    from nbhelpers import checks, plots, widgets

    for module in (nbhelpers, plots, widgets, checks):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{module.__name__}.{name}", obj


@pytest.mark.parametrize("name, obj", list(public_objects()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_docstring_says_where_it_is_taught(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert TAUGHT.search(doc), f'{name}: its docstring needs a line like "Book §3.5.2; notebook 03."'
