"""Write every link to the GitHub repository from the one place that names it.

The repository is ``[project.urls] Repository`` in ``pyproject.toml``. From it this script
writes the Open-in-Colab badge of every notebook (in the notebook's first cell and in the
README's table of notebooks) and the URL that each notebook's setup cell installs nbhelpers
from. ``python tools/sync_links.py`` rewrites what differs; ``--check`` only lists it and exits
with 1 (the test suite runs that check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
BRANCH = "main"
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
TABLE_START, TABLE_END = "<!-- notebooks:start -->", "<!-- notebooks:end -->"
BADGE_RE = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")


def repository() -> str:
    """``owner/name`` of the GitHub repository, read from pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^Repository\s*=\s*"https://github\.com/([^/"]+/[^/"]+?)/?"', text, re.M)
    if not match:
        raise SystemExit('pyproject.toml: no [project.urls] Repository = "https://github.com/OWNER/NAME"')
    return match.group(1)


def badge(notebook: Path) -> str:
    url = f"https://colab.research.google.com/github/{repository()}/blob/{BRANCH}/notebooks/{notebook.name}"
    return f"[![Open In Colab]({BADGE_IMAGE})]({url})"


def setup_cell_source() -> str:
    """The setup cell every notebook starts with: silent where nbhelpers is installed; elsewhere
    (Google Colab) it installs nbhelpers with pip, whose lower-bound-only requirements leave
    Colab's numpy, matplotlib and ipywidgets as they are."""
    return f"""\
# Setup: does nothing where nbhelpers is installed (e.g. after `make lab`).
# On Google Colab it installs nbhelpers from GitHub, keeping Colab's own numpy, matplotlib and ipywidgets.
try:
    import nbhelpers
except ImportError:
    import subprocess
    import sys

    NBHELPERS = "git+https://github.com/{repository()}@{BRANCH}"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", NBHELPERS], check=True)
    import nbhelpers"""


def is_setup_cell(cell) -> bool:
    return cell.cell_type == "code" and cell.source.lstrip().startswith("# Setup:")


def notebook_title(nb) -> str:
    first = nb.cells[0].source
    match = re.search(r"^#\s+(?:\d+\s*·\s*)?(.+)$", first, re.M)  # "# 02 · Activation functions"
    return match.group(1).strip() if match else "(untitled)"


def sync_notebook(path: Path, nb) -> bool:
    """Put the right badge and setup cell into ``nb``; return True if anything changed."""
    changed = False
    first = nb.cells[0]
    new_text = BADGE_RE.sub(lambda m: badge(path), first.source)
    if new_text != first.source:
        first.source = new_text
        changed = True
    for cell in nb.cells:
        if is_setup_cell(cell) and cell.source != setup_cell_source():
            cell.source = setup_cell_source()
            changed = True
    return changed


def readme_table(notebooks: list[Path]) -> str:
    rows = ["| # | Notebook | Open |", "|---|---|---|"]
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        number = path.name.split("_", 1)[0]
        rows.append(f"| {number} | [{notebook_title(nb)}](notebooks/{path.name}) | {badge(path)} |")
    return "\n".join(rows)


def sync(write: bool) -> list[str]:
    """Bring every link in line with pyproject.toml; return the files that were (or would be) changed."""
    stale = []
    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        if sync_notebook(path, nb):
            stale.append(str(path.relative_to(ROOT)))
            if write:
                nbformat.write(nb, path)
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(TABLE_START) + len(TABLE_START), readme.index(TABLE_END)
    new_readme = readme[:start] + "\n" + readme_table(notebooks) + "\n" + readme[end:]
    if new_readme != readme:
        stale.append("README.md")
        if write:
            README.write_text(new_readme, encoding="utf-8")
    return stale


if __name__ == "__main__":
    check = "--check" in sys.argv[1:]
    files = sync(write=not check)
    verb = "out of date" if check else "rewritten"
    print("\n".join(f"{verb}: {f}" for f in files) or "all links agree with pyproject.toml")
    sys.exit(1 if check and files else 0)
