"""Google Colab's package stack in a virtual environment of its own, built once per test session.

``build()`` makes a fresh virtual environment with Colab's own versions of the packages nbhelpers
needs (``COLAB``, from Colab's published package list) but not nbhelpers, and then runs the
notebooks' setup cell in it, in IPython, twice, pointed at this checkout instead of GitHub: that
run is what ``tests/test_setup_cell.py`` checks (it must see the environment before nbhelpers is
in it, so it happens here, whichever test asks for the environment first). ``tests/test_colab_stack.py``
then runs every notebook, and the widget tests, in the same environment. The session fixture
``colab`` in ``conftest.py`` hands out the one ``Colab`` that ``build()`` returns.

``git+file://`` installs the checkout's committed HEAD, not uncommitted changes: in CI, which
tests a clean clone, the two are the same; on a working copy, commit (or stash) to test a change
to nbhelpers here. (The widget tests, run from the checkout, import the working copy's nbhelpers.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import sync_links

# Google Colab's kernel, as its published package list gives it.
COLAB = {
    "numpy": "2.1.3",
    "matplotlib": "3.10.0",
    "ipywidgets": "7.7.1",
    "ipykernel": "6.17.1",
    "ipython": "7.34.0",
}

# Not one of the five: matplotlib 3.10.0 predates pyparsing 3.3.0 (2025-12-22), which warns
# (DeprecationWarning) at `import matplotlib` about pyparsing names that matplotlib 3.10.0 still uses
# (matplotlib/matplotlib#30617). No notebook shows that warning (it is not raised in __main__), and the
# setup cell leaves pyparsing alone, but the widget tests (warnings are errors) could not even import
# matplotlib. So the environment gets a pyparsing from matplotlib 3.10.0's time (before 3.3).
ALSO_PINNED = ["pyparsing<3.3"]

# This machine's pip configuration names a local package folder that does not exist, and pip says
# so on every run; that line is about the machine, not about the setup cell.
MACHINE_NOISE = re.compile(r"^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$")

GITHUB_URL = f"git+https://github.com/{sync_links.repository()}@{sync_links.BRANCH}"

# Runs the setup cell twice in IPython's shell (as Colab's kernel runs a cell), then builds two of
# the widgets and moves their sliders on Colab's ipywidgets 7; prints what it saw as JSON.
SETUP_SCRIPT = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from importlib.metadata import version
    from IPython.core.interactiveshell import InteractiveShell

    names = sys.argv[2].split(",")
    before = {n: version(n) for n in names}
    shell = InteractiveShell.instance()
    source = open(sys.argv[1]).read()
    runs = []
    for _ in range(2):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            result = shell.run_cell(source)
        result.raise_error()
        runs.append(out.getvalue())
    after = {n: version(n) for n in names}

    from nbhelpers import widgets
    moved = []
    for widget in (widgets.activation_explorer(), widgets.neuron_explorer()):
        image = widget.children[-2]
        for slider in widget.children[:-2]:
            before_png = bytes(image.value)
            slider.value = slider.max
            moved.append(bytes(image.value) != before_png)
    print(json.dumps({"before": before, "after": after, "runs": runs, "moved": moved,
                      "nbhelpers": shell.user_ns["nbhelpers"].__file__}))
    """
)


@dataclass
class Colab:
    """The environment: its ``python``, the ``env`` to run it with, and the setup cell's first run."""

    root: Path  # the folder that holds the environment and its settings
    python: Path
    env: dict[str, str]
    setup: subprocess.CompletedProcess | None = None  # SETUP_SCRIPT's run; its last line is the report
    seconds: dict[str, float] = field(default_factory=dict)  # how long building and the setup cell took

    def run(self, *args, **kwargs) -> subprocess.CompletedProcess:
        """Run this environment's Python (text in and out, captured, not checked)."""
        kwargs.setdefault("cwd", self.root)
        return subprocess.run(
            [str(self.python), *map(str, args)], capture_output=True, text=True, env=self.env, **kwargs
        )

    def pip_install(self, *requirements: str) -> subprocess.CompletedProcess:
        return self.run("-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)

    def install(self, *requirements: str) -> subprocess.CompletedProcess:
        """Install what the tests need in the environment (not what a learner's pip does: that is the setup
        cell's run): with uv when the project's environment has it (requirements-dev.txt), about five times
        faster than pip (measured: Colab's packages in 2 to 4 s, pip 15 s), with its cache in this
        environment's folder (so it starts empty in each test session, as on a fresh machine); else with pip."""
        uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
        if uv is None:
            return self.pip_install("--no-compile", *requirements)
        command = [uv, "pip", "install", "--quiet", "--python", str(self.python), *requirements]
        env = {**self.env, "UV_CACHE_DIR": str(self.root / "uv-cache"), "UV_NO_PROGRESS": "1"}
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=self.root)

    def versions(self, names=tuple(COLAB)) -> dict[str, str]:
        """The installed versions of ``names`` (distribution names), as pip sees them."""
        code = "import json, sys; from importlib.metadata import version as v; "
        code += "print(json.dumps({n: v(n) for n in sys.argv[1:]}))"
        done = self.run("-c", code, *names)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout)


def noise(stderr: str) -> list[str]:
    """The lines of ``stderr`` that say something, but for this machine's pip noise."""
    return [line for line in stderr.splitlines() if line.strip() and not MACHINE_NOISE.match(line)]


def local_setup_cell(source: str, root: Path) -> str:
    """The setup cell ``source`` with GitHub replaced by the checkout at ``root`` (committed HEAD)."""
    assert GITHUB_URL in source, f"the setup cell does not install from {GITHUB_URL}"
    return source.replace(GITHUB_URL, f"git+file://{root}")


def clean_env(home: Path) -> dict[str, str]:
    """This process's environment without what steers Python, a virtual environment, matplotlib or
    IPython (this machine's PYTHONDONTWRITEBYTECODE, say), with their settings kept under ``home``.
    NBHELPERS_DATA (see conftest.py) passes through, so notebook 05 reads MNIST offline."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MPL", "IPYTHON"))
    }
    env["MPLCONFIGDIR"] = str(home / "matplotlib")  # no matplotlibrc of the user's
    env["IPYTHONDIR"] = str(home / "ipython")  # no IPython profile or startup files of the user's
    return env


def build(folder: Path, checkout: Path) -> Colab:
    """The environment in ``folder``, with the setup cell (installing from ``checkout``) run in it."""
    seconds = {}
    start = time.perf_counter()
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    colab = Colab(folder, venv / "bin" / "python", clean_env(folder), seconds=seconds)
    pins = [f"{name}=={version}" for name, version in COLAB.items()]
    # Not compiled at install (uv does not, pip is told --no-compile): each module is compiled when first
    # imported, and most of what pip would compile (JupyterLab, the notebook server) never is.
    done = colab.install(*pins, *ALSO_PINNED)
    assert done.returncode == 0, f"could not install Colab's packages:\n{done.stderr[-3000:]}"
    seconds["venv"] = time.perf_counter() - start

    start = time.perf_counter()
    cell = folder / "setup_cell.py"
    cell.write_text(local_setup_cell(sync_links.setup_cell_source(), checkout), encoding="utf-8")
    script = folder / "run_setup_cell.py"
    script.write_text(SETUP_SCRIPT, encoding="utf-8")
    colab.setup = colab.run(script, cell, ",".join(COLAB), cwd=folder)
    seconds["setup cell"] = time.perf_counter() - start
    return colab
