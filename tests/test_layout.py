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
        "IPython.core",
        "IPython.terminal",
    },
    # (the core imports IPython.display only for the progress bar in a notebook: see CORE_THIRD_PARTY)
    # (plots import IPython.display only when IPython itself shows a figure: see the loading test below)
    "plots": {"nbhelpers.checks", "nbhelpers.widgets", "ipywidgets", "IPython.core", "IPython.terminal"},
    "checks": {"nbhelpers.plots", "nbhelpers.widgets", "matplotlib", "ipywidgets", "PIL", "IPython"},
    "widgets": {"nbhelpers.checks"},
}
#: Third-party packages the core may use: NumPy, pooch for the one download, tqdm for the progress bar of a
#: long training run and IPython's display for that bar in a notebook (all but NumPy imported lazily, inside
#: the function that needs them; IPython only once tqdm has chosen its notebook bar, so IPython is there).
CORE_THIRD_PARTY = {"numpy", "pooch", "tqdm", "IPython"}
MAX_LINES = 420  # "about 400": a module that grows past it is split by concept


def floor(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 and parts[0] in FLOORS else "core"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = ROOT) -> set:
    """Every module ``path`` imports, anywhere in the file, as absolute dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
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


def violations(path: Path, package: Path = PACKAGE) -> list:
    """What ``path`` imports that its floor may not: other floors, heavy packages, and for the core any
    third-party package but NumPy and pooch."""
    level = floor(path, package)
    found = imports(path, package.parent)
    bad = sorted(name for name in found if breaks(name, FORBIDDEN[level]))
    stdlib = getattr(sys, "stdlib_module_names", None)
    if level == "core" and stdlib is not None:  # (Python < 3.10 cannot list its standard library)
        third = {n.split(".")[0] for n in found} - set(stdlib) - {"nbhelpers", "__future__"}
        bad += sorted(third - CORE_THIRD_PARTY)
    return bad


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_go_only_downward(path):
    bad = violations(path)
    assert not bad, (
        f"{path.relative_to(ROOT)} ({floor(path)}) imports {bad}: see the floors in tests/test_layout.py"
    )


def test_the_floor_test_catches_imports_that_go_up(tmp_path):
    """The check above on a made-up package: a core module importing matplotlib inside a function, a
    check importing a plot, a plot importing a widget, and a core module importing scipy."""
    fake = tmp_path / "nbhelpers"
    modules = {
        "losses.py": "import numpy as np\n\n\ndef f():\n    from matplotlib.figure import Figure\n    return Figure\n",
        "checks/network.py": "from ..plots import figure_to_png\nfrom ._engine import check\n",
        "plots/outputs.py": "from .. import widgets\nfrom ..outputs import softmax\n",
        "gradient.py": "import scipy.optimize\nfrom ._arrays import as_float_array\n",
        "widgets/outputs.py": "import ipywidgets as W\nfrom ..plots.outputs import SoftmaxPlot\n",
    }
    for name, code in modules.items():
        (fake / name).parent.mkdir(parents=True, exist_ok=True)
        (fake / name).write_text(code)
    found = {name: violations(fake / name, fake) for name in modules}
    assert found == {
        "losses.py": ["matplotlib.figure", *(["matplotlib"] if hasattr(sys, "stdlib_module_names") else [])],
        "checks/network.py": ["nbhelpers.plots", "nbhelpers.plots.figure_to_png"],
        "plots/outputs.py": ["nbhelpers.widgets"],
        "gradient.py": ["scipy"] if hasattr(sys, "stdlib_module_names") else [],
        "widgets/outputs.py": [],
    }


#: What importing each floor may not load, at run time (the static test above reads every import; this one
#: runs them, so an import hidden behind a helper module is caught too).
NOT_LOADED = {
    "nbhelpers": ("matplotlib", "ipywidgets", "IPython", "PIL", "pooch", *(f"nbhelpers.{f}" for f in FLOORS)),
    "nbhelpers.plots": ("ipywidgets", "IPython", "nbhelpers.checks", "nbhelpers.widgets"),
    "nbhelpers.checks": (
        "matplotlib",
        "ipywidgets",
        "IPython",
        "PIL",
        "nbhelpers.plots",
        "nbhelpers.widgets",
    ),
    "nbhelpers.widgets": ("nbhelpers.checks",),
}


@pytest.mark.parametrize("module", NOT_LOADED)
def test_importing_a_floor_loads_nothing_above_it(module):
    import subprocess

    code = f"import sys, {module}; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {m for m in out.stdout.split() if breaks(m, set(NOT_LOADED[module]))}
    shown = sorted({m if m.startswith("nbhelpers.") else m.split(".")[0] for m in loaded})
    assert not loaded, f"`import {module}` loaded {shown}"
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
    untested = {
        x for x in concepts(PACKAGE / "plots") if not (ROOT / "tests" / "plots" / f"test_{x}.py").is_file()
    }
    assert not untested, f"figure modules without tests/plots/test_X.py: {sorted(untested)}"


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"


TAUGHT = re.compile(r"(Book §\d+(\.\d+)*|Not in the book)[^\n]*; notebooks? \d\d")


def public_objects():
    """Every function and class a module of the package exports (its ``__all__``), private modules aside."""
    import importlib

    for path in MODULES:
        name = module_name(path)
        if any(part.startswith("_") and part != "__init__" for part in path.relative_to(PACKAGE).parts):
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == module.__name__:
                yield f"{module.__name__}.{attr}", obj


@pytest.mark.parametrize("name, obj", list(public_objects()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_docstring_says_where_it_is_taught(name, obj):
    doc = inspect.getdoc(obj) or ""
    match = TAUGHT.search(doc)
    assert match, f'{name}: its docstring needs a line like "Book §3.5.2; notebook 03."'
    line = doc[match.start() :].splitlines()[0]
    for number in re.findall(r"\b(\d\d)\b", line.rpartition("; notebook")[2]):
        exists = any((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
        assert exists or "(to come)" in line, (
            f'{name}: "{line}" names notebook {number}, which does not exist yet: write "(to come)" after it'
        )


@pytest.mark.parametrize("name", FLOORS)
def test_each_floor_re_exports_all_its_concepts(name):
    """``plots.X``, ``widgets.X`` and ``checks.X`` work for every public X of every concept module, so the
    re-export lists in the floors' ``__init__.py`` cannot fall behind the modules."""
    import importlib

    package = importlib.import_module(f"nbhelpers.{name}")
    for concept in sorted(concepts(PACKAGE / name)):
        module = importlib.import_module(f"nbhelpers.{name}.{concept}")
        missing = sorted(set(module.__all__) - set(package.__all__))
        assert not missing, f"nbhelpers/{name}/__init__.py does not re-export {missing} of {concept}.py"
    for attr in package.__all__:
        assert hasattr(package, attr), f"nbhelpers.{name}.__all__ names {attr}, which it does not have"
