"""Helpers for the real-browser tests: the app on a free port, and Debian's chromium.

Never downloads a browser: Playwright drives /usr/bin/chromium (installed by `make test`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def demo_database(tmp_path_factory, name: str):
    """A migrated SQLite database holding the demo brand, for a browser test module; fails
    (never skips) when Debian's chromium is missing. Returns (folder, URL, engine)."""
    import shutil

    import pytest

    from core import db, demo

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    (ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
    tmp = tmp_path_factory.mktemp(name)
    url = f"sqlite:///{tmp / 'calame.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    return tmp, url, engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(database_url: str, log_path: Path, script: Path = ROOT / "app.py"):
    """Start `streamlit run app.py` (or ``script``, with Calame's .streamlit/config.toml) on a
    free port; yield its URL; stop it afterwards."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url)
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the app did not start; see {log_path}")
                time.sleep(0.3)
            _warm_up(url)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _warm_up(url: str) -> None:
    """Open the app once and wait for its own navigation. Until a first session has run
    ``st.navigation``, Streamlit lists the ``pages/`` folder as pages of their own ("brief
    material", "frame"…): a test that clicks that early would open a bare screen, not Calame's.
    (A new session's deep link such as /validation-client still shows Streamlit's « Page not
    found » over the right page after this: open the app, then its navigation.)"""
    with browser_page() as page:
        page.goto(url)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stMain\"]') !== null && ![...document.querySelectorAll("
            "'[data-testid=\"stSidebarNav\"] a')].some(a => a.textContent.trim() === 'brief material')",
            timeout=120_000)
        page.wait_for_timeout(1500)


@contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale="fr-FR")
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()
