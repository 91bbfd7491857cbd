"""The notebooks in a real browser, the way a learner uses them: JupyterLab, and Voilà.

For every notebook, Debian's Chromium (driven by Playwright; never a browser Playwright downloads)
opens it in JupyterLab, runs all cells and waits until every cell has run (a run that the page and the
kernel lose on a busy machine is done once more, in a new kernel, and the summary says so; the page is left
before its session is deleted). Then: no error output, no "Error displaying widget", every widget output
rendered, every interactive figure's picture loaded; and for each interactive figure one slider is moved
(by typing into its readout, as a learner can) and its picture and its printed numbers must change; a figure with a "train" button is then trained by a
click, and its picture must change while it trains (at least two pictures reach the page before the run
ends, counted as they arrive). A playground (notebook 13: ``widgets.playground``, whose pictures are SVG
in HTML widgets, trained by an ``ipywidgets.Play`` clock) is checked apart: its ▶ is clicked and its
decision map must change at least 5 times in 3 s (the frame rate seen in the page is reported), ❚❚ must
stop it (nothing changes once the frames in flight are in), and "step" must change it exactly once.
The same notebook is then served as an app by Voilà, and the slider and playground checks are repeated
there. A screenshot of each notebook after these checks is saved in ``test-artifacts/browser-<time>/``
(not committed); the run prints where.

The servers run on 127.0.0.1 on free ports, JupyterLab with a token and a fresh workspace and settings
folder, both on a copy of the notebooks (JupyterLab autosaves, and must not touch the committed ones).
Every server and kernel started here is shut down at the end.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import BROWSER, NOTEBOOKS, ROOT, artifacts_folder

# a real browser (JupyterLab and Voilà): `make test` runs it, `make test-fast` leaves it out
pytestmark = pytest.mark.browser


playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in requirements-dev.txt")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SERVER_START = 60  # seconds
RUN_ALL = 180_000  # ms: running a whole notebook
STEP = 20_000  # ms: one slider move until the new picture shows
TRAIN = 120_000  # ms: one click of a "train" button until the run ends
TIMES: dict = {}
TRAINED: dict = {}  # what each click of a "train" button showed: the pictures that reached the page
# (and each playground's ▶: the frames per second that reached the page)
PLAY_WATCH = 3_000  # ms: a playground plays this long
PLAY_FRAMES = 5  # decision maps it must show in that time, at least
IN_FLIGHT = 1_000  # ms after ❚❚: the frames already asked for come in
STILL = 2_000  # ms: then nothing may change for this long
LAB_LOG: list = []  # JupyterLab's log file (for failure messages)
RELOADED: dict = {}  # JupyterLab runs done twice: why (said in the summary)


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    message = "no Chromium: `make test` installs Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)  # in CI the browser test must run, never be skipped
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"the server did not answer within {SERVER_START} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # the servers shut their kernels down on SIGTERM
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def server_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# ---- fixtures: a copy of the notebooks, the servers, the browser --------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    return work


@pytest.fixture(scope="module")
def artifacts(request) -> Path:
    folder = artifacts_folder(request.config)  # (one for the run, whichever xdist worker asks)
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    # conftest.py prints it at the end of the run (under xdist, each worker's part, put together)
    request.config.stash[BROWSER] = {
        "folder": str(folder),
        "times": dict(TIMES),
        "trained": dict(TRAINED),
        "reloaded": dict(RELOADED),
    }


@pytest.fixture(scope="module")
def lab(workdir):
    """JupyterLab on a free port, with a token, a fresh workspace and settings (all cells rendered:
    no windowing; no news or update checks)."""
    settings = workdir / "lab-settings"
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    log = workdir / "jupyterlab.log"
    LAB_LOG[:] = [log]
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={workdir}",
        f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")  # root is usual in containers and CI
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=server_env(), cwd=workdir)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/api/status?token={token}", proc, log)
        yield base, token
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def voila(workdir):
    port = free_port()
    log = workdir / "voila.log"
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        str(workdir / "notebooks"),
    ]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=server_env(), cwd=workdir)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/", proc, log)
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    with playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()


# ---- what each notebook should show -----------------------------------------------------------------


#: A cell that shows a playground: no picture (``img``) but SVG in HTML widgets, checked by ``check_playground``.
PLAYGROUND = re.compile(r"^widgets\.playground\(", re.M)


def expected(notebook: Path) -> tuple:
    """(widget outputs, interactive figures, playgrounds) that running the notebook shows: from its stored
    outputs and from the cells that call ``widgets.<builder>(...)`` (``widgets.playground(...)`` apart)."""
    nb = nbformat.read(notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # (a finished progress bar leaves an empty output: nbhelpers.progress_bar; test_notebooks checks it)
    widget_outputs = sum(1 for c in code for o in c.outputs if WIDGET_MIME in o.get("data", {}))
    calls = [c.source for c in code if re.search(r"^widgets\.\w+\(", c.source, re.M)]
    playgrounds = sum(1 for source in calls if PLAYGROUND.search(source))
    return widget_outputs, len(calls) - playgrounds, playgrounds


PAINTED = """async img => {
    try { await img.decode(); } catch (e) { return 0; }
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    return opaque / (data.length / 4);
}"""


def picture_ok(image, tries: int = 10) -> bool:
    """The widget's image shows a whole picture: it decodes, and every pixel is painted (our figures are
    opaque; a broken or truncated PNG decodes to nothing, or to a mostly transparent image). A picture
    replaced while it decodes (a widget still drawing, on a busy machine: seen once in CI for notebook 09
    in Voilà) is looked at again, up to ``tries`` times half a second apart; a broken one fails each time."""
    for attempt in range(tries):
        if image.evaluate(PAINTED) > 0.999:
            return True
        if attempt < tries - 1:
            time.sleep(0.5)
    return False


def move_a_slider(page, box, label: str) -> str:
    """Type a new value into the first slider of one interactive figure; wait until its picture and
    its numbers change. Returns what was moved."""
    box.scroll_into_view_if_needed()
    image = box.locator("img.widget-image").first
    text = box.locator(".widget-html-content").last
    assert picture_ok(image), f"{label}: the interactive figure's picture does not show"
    src, words = image.get_attribute("src"), text.inner_text()
    slider = box.locator(".widget-slider").first
    handle = slider.locator("[role=slider]")
    low, high, now = (float(handle.get_attribute(f"aria-value{a}")) for a in ("min", "max", "now"))
    readout = slider.locator(".widget-readout")
    name = slider.locator("label").inner_text()
    if "nbh-choice-slider" in (slider.get_attribute("class") or ""):  # a slider over a few fixed choices
        before = readout.inner_text()
        handle.focus()  # a learner's keyboard: the arrow keys step to the next option
        page.keyboard.press("ArrowRight" if now < high else "ArrowLeft")
        moved = f"{name} → {readout.inner_text()} (from {before})"
        return _changed(page, image, src, text, words, label, moved)
    shown = float(readout.inner_text().replace("−", "-"))  # what the learner sees, e.g. "1.00"
    if abs(shown - now) > 0.01 and abs(shown - 10**now) <= 0.01 * max(1.0, shown):
        low, high, now = 10**low, 10**high, 10**now  # a log slider: its aria values are the exponents
    target = round((low + high) / 2, 2)
    if abs(target - now) < 0.01:
        target = high
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{target:g}")
    page.keyboard.press("Enter")
    return _changed(page, image, src, text, words, label, f"{name} → {target:g}")


def _changed(page, image, src: str, text, words: str, label: str, moved: str) -> str:
    """Wait until the picture and the numbers of a widget changed after ``moved`` (a slider moved)."""
    try:
        page.wait_for_function(
            "([img, src]) => img.getAttribute('src') !== src",
            arg=[image.element_handle(), src],
            timeout=STEP,
        )
    except playwright.TimeoutError:
        pytest.fail(f"{label}: moving {moved} did not change the picture")
    assert picture_ok(image), f"{label}: after moving {moved} the picture does not show"
    try:
        page.wait_for_function(
            "([el, t]) => el.innerText !== t", arg=[text.element_handle(), words], timeout=STEP
        )
    except playwright.TimeoutError:
        pytest.fail(f"{label}: moving {moved} did not change the numbers")
    return moved


WATCH_PICTURES = """img => {
    img._shown = new Set();
    img._watch = new MutationObserver(() => img._shown.add(img.getAttribute('src')));
    img._watch.observe(img, {attributes: true, attributeFilter: ['src']});
}"""


def click_train(page, box, label: str) -> str | None:
    """If the interactive figure has a button "train ...": click it, wait until its picture changes and
    the run ends (the button, disabled while it trains, is enabled again); every picture shown in
    between is counted, and at least two must reach the page: the picture moves while it trains, not
    only at the end. Returns what was clicked and seen (None: no such button)."""
    buttons = box.locator("button.widget-button").filter(has_text=re.compile(r"^\s*train", re.I))
    if buttons.count() == 0:
        return None
    button, image = buttons.first, box.locator("img.widget-image").first
    name = button.inner_text().strip()
    src = image.get_attribute("src")
    image.evaluate(WATCH_PICTURES)
    started = time.monotonic()
    button.click()
    try:
        page.wait_for_function(
            "([img, src]) => img.getAttribute('src') !== src", arg=[image.element_handle(), src], timeout=STEP
        )
    except playwright.TimeoutError:
        pytest.fail(f"{label}: clicking '{name}' did not change the picture")
    try:  # (the button is disabled before the first new picture is sent, so this waits for the end)
        page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=TRAIN)
    except playwright.TimeoutError:
        pytest.fail(f"{label}: '{name}' did not finish within {TRAIN // 1000} s")
    seconds = time.monotonic() - started
    shown = image.evaluate("img => { img._watch.disconnect(); return img._shown.size; }")
    assert picture_ok(image), f"{label}: after '{name}' the picture does not show"
    assert shown >= 2, (
        f"{label}: '{name}' showed {shown} picture(s) in {seconds:.1f} s: the pictures drawn while it "
        "trained did not reach the page"
    )
    return f"{name}: {shown} pictures in {seconds:.1f} s"


WATCH_HTML = """el => {
    el._last = el.innerHTML;
    el._changes = [];
    el._watch = new MutationObserver(() => {
        const now = el.innerHTML;
        if (now !== el._last) { el._last = now; el._changes.push(performance.now()); }
    });
    el._watch.observe(el, {childList: true, subtree: true, characterData: true, attributes: true});
}"""


def _step_count(status) -> int:
    found = re.search(r"step\s+(\d+)", status.inner_text())
    assert found, f"no step count in the playground's numbers: {status.inner_text()[:300]!r}"
    return int(found.group(1))


def check_playground(page, box, label: str) -> str:
    """Click a playground's ▶ and count the decision maps that reach the page for ``PLAY_WATCH`` ms (each
    change of the boundary picture's HTML, seen by a MutationObserver): at least ``PLAY_FRAMES``. Then ❚❚:
    after ``IN_FLIGHT`` ms, nothing may change for ``STILL`` ms. Then "step": one new picture, one more
    step. Returns what was seen, with the frame rate in the page."""
    box.scroll_into_view_if_needed()
    boundary = box.locator(".nbh-playground-boundary").first
    assert boundary.locator("svg").count() >= 1, f"{label}: the playground's decision map does not show"
    status = box.locator(".widget-html-content").filter(has_text="train loss").first
    play = box.locator(".widget-play button").first  # ipywidgets 8's Play: ▶/❚❚ (one button), ■, repeat
    steps_before = _step_count(status)
    boundary.evaluate(WATCH_HTML)
    play.click()
    started = time.monotonic()
    try:
        box.locator(".widget-play i.fa-pause").wait_for(timeout=STEP)
    except playwright.TimeoutError:
        pytest.fail(f"{label}: ▶ did not start the clock (its button shows no ❚❚)")
    page.wait_for_timeout(PLAY_WATCH)
    play.click()  # ❚❚
    seconds = time.monotonic() - started
    changes = boundary.evaluate("el => el._changes.slice()")
    assert len(changes) >= PLAY_FRAMES, (
        f"{label}: the playground showed {len(changes)} decision map(s) in {seconds:.1f} s of ▶, "
        f"expected at least {PLAY_FRAMES}"
    )
    rate = (len(changes) - 1) / ((changes[-1] - changes[0]) / 1000) if changes[-1] > changes[0] else 0.0
    page.wait_for_timeout(IN_FLIGHT)
    assert box.locator(".widget-play i.fa-play").count() == 1, f"{label}: ❚❚ did not stop the clock"
    paused, words, shown = (
        boundary.inner_html(),
        status.inner_text(),
        len(boundary.evaluate("el => el._changes")),
    )
    page.wait_for_timeout(STILL)
    assert boundary.inner_html() == paused and status.inner_text() == words, (
        f"{label}: the playground went on after ❚❚ "
        f"({len(boundary.evaluate('el => el._changes')) - shown} more pictures in {STILL / 1000:.0f} s)"
    )
    steps_played = _step_count(status)
    assert steps_played > steps_before, f"{label}: ▶ trained no step"
    step = box.locator("button.widget-button").filter(has_text=re.compile(r"^\s*step\s*$"))
    step.first.click()
    try:
        page.wait_for_function(
            "([el, n]) => el._changes.length > n", arg=[boundary.element_handle(), shown], timeout=STEP
        )
    except playwright.TimeoutError:
        pytest.fail(f"{label}: 'step' did not change the decision map")
    page.wait_for_timeout(IN_FLIGHT)
    after = boundary.evaluate("el => { el._watch.disconnect(); return el._changes.length; }")
    assert after == shown + 1, f"{label}: 'step' changed the decision map {after - shown} times, not once"
    assert _step_count(status) == steps_played + 1, f"{label}: 'step' did not take exactly one step"
    return (
        f"▶ {len(changes)} decision maps in {seconds:.1f} s ({rate:.1f} frames/s in the page, "
        f"{steps_played - steps_before} steps); ❚❚ stops; step: 1 picture"
    )


def check_widgets(page, notebook: Path, where: str, artifacts: Path) -> None:
    widget_outputs, figures, playgrounds = expected(notebook)
    label = f"{notebook.name} in {where}"
    broken = page.get_by_text("Error displaying widget")
    assert broken.count() == 0, (
        f"{label}: {broken.evaluate_all('els => els.map(e => e.parentElement.innerText.slice(0, 200))')}"
    )
    views = page.locator(".jp-OutputArea-output:has(> .jupyter-widgets)")  # a widget drawn in an output
    assert views.count() == widget_outputs, (
        f"{label}: {views.count()} widgets rendered, expected {widget_outputs}"
    )
    boxes = page.locator(".widget-vbox:has(img.widget-image):not(.nbh-playground)")
    assert boxes.count() == figures, (
        f"{label}: {boxes.count()} interactive figures rendered, expected {figures}"
    )
    played = page.locator(".nbh-playground")
    assert played.count() == playgrounds, (
        f"{label}: {played.count()} playgrounds rendered, expected {playgrounds}"
    )
    for i in range(figures):
        move_a_slider(page, boxes.nth(i), label)
        trained = click_train(page, boxes.nth(i), label)
        if trained is not None:
            TRAINED[f"{where:11} {notebook.name} #{i + 1}"] = trained
    for i in range(playgrounds):
        TRAINED[f"{where:11} {notebook.name} playground #{i + 1}"] = check_playground(
            page, played.nth(i), f"{label}, playground #{i + 1}"
        )
    page.screenshot(path=str(artifacts / f"{where.lower()}-{notebook.stem}.png"))
    assert page.errors == [], f"{label}: errors in the page: {page.errors}"


# ---- the tests ----------------------------------------------------------------------------------------


def lab_state(page, base: str, token: str, notebook: Path) -> str:
    """What JupyterLab shows and what its server says, for a failure message: the prompts, the kernel
    indicator, any dialog, the server's sessions and kernels, the end of its log; a screenshot is saved."""
    shot = ROOT / "test-artifacts" / f"lab-state-{notebook.stem}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    shown = page.evaluate(
        """() => ({
            prompts: [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent),
            indicator: [...document.querySelectorAll('.jp-Notebook-ExecutionIndicator')]
                .map(e => e.getAttribute('data-status')),
            status: document.querySelector('.jp-KernelStatus')?.textContent ?? null,
            dialogs: [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText.slice(0, 300)),
        })"""
    )
    lines = [f"  page: {json.dumps(shown)}", f"  screenshot: {shot}"]
    for what in ("sessions", "kernels"):
        try:
            lines.append(f"  server's {what}: {json.dumps(server_json(base, token, what))[:1500]}")
        except OSError as err:
            lines.append(f"  server's {what}: {err}")
    lines.append(f"  server's log (end):\n{LAB_LOG[0].read_text()[-4000:] if LAB_LOG else '?'}")
    return "\n".join(lines)


def open_again_if_asked_for_a_kernel(page) -> bool:
    """If JupyterLab asks which kernel to start, load the page again and wait for the notebook's kernel;
    returns whether it asked. On a busy machine, opening a notebook could start two kernels at once and shut
    one down while the page connects to it (the server's log: "Kernel started" twice, then a 500 on the
    closed kernel's channels); the page then asks for a kernel after every Run All, whatever is answered
    (answering starts yet another kernel). A fresh page connects to the session's living kernel. (The
    second kernel was most likely the previous notebook's page's, started when its session was deleted
    under it: ``close_the_notebook`` now leaves the page first; this stays as a safety net.)"""
    if not page.locator(".jp-Dialog").filter(has_text="Select Kernel").count():
        return False
    page.reload()
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Spinner", state="detached", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
    return True


def run_all_cells(page, notebook: Path) -> None:
    """Run → Run All Cells, with the notebook focused (the menu item is disabled otherwise); check
    that the cells are queued (a prompt shows [*]), else try again. (Not "a prompt shows a number":
    the stored notebook's prompts show their numbers from the start, so on a busy machine the test went
    on before the run began, and found the stored widget outputs unrendered.) A question about the kernel
    is met by loading the page again, never answered with Escape (which means "No Kernel")."""
    started = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                  .some(p => p.textContent.includes('[*]')) || document.querySelector('.jp-Dialog') !== null"""
    for _attempt in range(4):
        try:  # (on a busy machine the first cell may still be moving when the click comes: try again)
            open_again_if_asked_for_a_kernel(page)
            page.locator(".jp-Notebook .jp-Cell").first.click(timeout=20_000)
            page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click(timeout=20_000)
            page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click(timeout=20_000)
            page.wait_for_function(started, timeout=15_000)
            if not open_again_if_asked_for_a_kernel(page):
                return
            # the page had lost its kernel: the run was not started, so run all cells again
        except playwright.TimeoutError:
            if not page.locator(".jp-Dialog").count():
                page.keyboard.press("Escape")  # close a menu left open
    page.screenshot(path=str(ROOT / "test-artifacts" / f"run-all-failed-{notebook.stem}.png"))
    pytest.fail(f"{notebook.name}: Run All Cells did not start the notebook")


def server_json(base: str, token: str, path: str, method: str = "GET", body: dict | None = None):
    """One call of the server's REST API (``/api/...``): its JSON answer, or None for an empty one."""
    request = urllib.request.Request(
        f"{base}/api/{path}?token={token}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def the_kernel(base: str, token: str, notebook: Path) -> dict | None:
    """The server's kernel of the notebook's session (its ``id`` and ``execution_state``), or None."""
    for session in server_json(base, token, "sessions"):
        if session["path"] == f"notebooks/{notebook.name}":
            return session["kernel"]
    return None


def end_the_sessions(base: str, token: str) -> None:
    """Delete every session of the server, which shuts their kernels down."""
    for session in server_json(base, token, "sessions"):
        server_json(base, token, f"sessions/{session['id']}", "DELETE")


def close_the_notebook(page) -> None:
    """Leave JupyterLab's page before its session is deleted: a page that sees its kernel shut down starts
    a new one (seen in CI: "Kernel started" in the server's log after the test had ended its sessions, and
    the next notebook's page connected to that kernel, then lost it with every queued cell)."""
    page.goto("about:blank")


def open_in_lab(page, base: str, token: str, notebook: Path) -> None:
    # A workspace of its own for each notebook: a shared one would reopen the earlier notebooks' tabs.
    page.goto(f"{base}/lab/workspaces/{notebook.stem}/tree/notebooks/{notebook.name}?token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Spinner", state="detached", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)


RAN = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""
LOST = 30  # s: cells still queued in the page while the server's kernel is idle this long: the run is lost


def wait_for_the_run(page, base: str, token: str, notebook: Path) -> str | None:
    """Wait until every cell has run (each prompt shows a number). Returns None then, or why the run was
    lost: the notebook's kernel is gone, or the page still shows queued cells while the server has seen the
    kernel idle for ``LOST`` seconds (the page and the kernel no longer talk). A run longer than ``RUN_ALL``
    fails the test, with what the page and the server show."""
    deadline = time.monotonic() + RUN_ALL / 1000
    idle_since = None
    while time.monotonic() < deadline:
        if page.evaluate(RAN):
            return None
        kernel = the_kernel(base, token, notebook)
        if kernel is None:
            return "the notebook's session was gone"
        if kernel.get("execution_state") != "idle":
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > LOST:
            return f"cells queued in the page, the kernel idle for {LOST} s"
        time.sleep(0.5)
    pytest.fail(
        f"{notebook.name}: the run did not end in {RUN_ALL / 1000:.0f} s\n{lab_state(page, base, token, notebook)}"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(notebook, lab, page, artifacts):
    base, token = lab
    start = time.monotonic()
    for attempt in (1, 2):
        end_the_sessions(base, token)  # (none is left by the tests before: kernels of their own would run)
        open_in_lab(page, base, token, notebook)
        run_all_cells(page, notebook)
        lost = wait_for_the_run(page, base, token, notebook)
        if lost is None:
            break
        state = lab_state(page, base, token, notebook)
        if attempt == 2:
            pytest.fail(f"{notebook.name}: the run was lost twice ({lost})\n{state}")
        # Once, on a busy machine, is said in the summary; the notebook runs again in a new kernel.
        RELOADED[f"JupyterLab  {notebook.name}"] = f"run twice; the first run was lost: {lost}"
        print(
            f"{notebook.name}: the first run was lost ({lost})\n{state}\n  errors in the page: {page.errors}"
        )
        page.errors.clear()  # (the lost run's, printed above)
        close_the_notebook(page)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=RUN_ALL)
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, (
        f"{notebook.name}: error or warning output:\n{errors.first.inner_text()[:2000]}"
    )
    check_widgets(page, notebook, "JupyterLab", artifacts)
    TIMES[f"JupyterLab  {notebook.name}"] = time.monotonic() - start
    close_the_notebook(page)
    end_the_sessions(base, token)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_voila(notebook, voila, page, artifacts):
    start = time.monotonic()
    page.goto(f"{voila}/voila/render/{notebook.name}", timeout=RUN_ALL)  # Voilà answers once every cell ran
    _, figures, playgrounds = expected(notebook)
    drawn = """([n, p]) => document.querySelectorAll('img.widget-image').length >= n
                          && document.querySelectorAll('.nbh-playground-boundary svg').length >= p"""
    page.wait_for_function(drawn, arg=[figures, playgrounds], timeout=RUN_ALL)
    page.wait_for_load_state("networkidle", timeout=RUN_ALL)
    assert page.get_by_text("There was an error when executing cell").count() == 0, (
        f"{notebook.name}: a cell failed"
    )
    assert page.get_by_text("Traceback").count() == 0, f"{notebook.name}: a traceback in Voilà"
    check_widgets(page, notebook, "Voila", artifacts)
    TIMES[f"Voila       {notebook.name}"] = time.monotonic() - start
