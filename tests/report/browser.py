"""Headless Chromium for the report tests (Debian's ``chromium`` driven by Playwright, never a
downloaded browser), recording every console error and every request the page makes.

The browser is needed in CI (``CI`` or ``WASTEOPT_REQUIRE_BROWSER=1`` set: ``.ci/run`` installs it),
so a missing browser fails there; elsewhere the browser tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

DEBIAN_CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic", "--no-first-run"]


def browser_required() -> bool:
    """Whether a missing browser is a failure (CI) rather than a reason to skip."""
    return os.environ.get("WASTEOPT_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() in ("1", "true", "yes")


def chromium_or_skip() -> str:
    """The Chromium executable; skips (or fails in CI) when it or Playwright is missing."""
    path = shutil.which("chromium") or (DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).exists() else None)
    missing = None
    if path is None:
        missing = "Debian's chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install '.[test]')"
    if missing:
        if browser_required():
            pytest.fail(f"browser test required in CI, but {missing}")
        pytest.skip(f"browser test skipped: {missing}")
    return path  # type: ignore[return-value]


@dataclass
class Session:
    """An open page and what it did: console errors, page errors and requested URLs."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def open_page(html: Path, profile: Path, width: int = 1440, height: int = 1000) -> Iterator[Session]:
    """Open ``html`` in headless Chromium with a new, empty user-data-dir at ``profile``.

    Any request other than the file itself is recorded and aborted, so nothing leaves the machine."""
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    url = html.resolve().as_uri()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS,
            viewport={"width": width, "height": height}, service_workers="block")
        try:
            session = Session(context.pages[0] if context.pages else context.new_page(), url)
            context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            session.page.on("request", lambda request: session.requests.append(request.url))
            session.page.on("console", lambda msg: session.errors.append(msg.text) if msg.type == "error" else None)
            session.page.on("pageerror", lambda error: session.errors.append(str(error)))
            session.page.goto(url, wait_until="load")
            yield session
        finally:
            context.close()


POINT_ON = """(selector) => {
  const el = document.querySelector(selector);
  const length = el.getTotalLength(), ctm = el.getScreenCTM();
  for (let f = 0.01; f < 1; f += 0.01) {
    const p = el.getPointAtLength(length * f);
    const s = new DOMPoint(p.x, p.y).matrixTransform(ctm);
    if (document.elementFromPoint(s.x, s.y) === el) { return [s.x, s.y]; }
  }
  return null;
}"""
"""A point on screen where the given SVG path is the topmost element (so a real click hits it)."""
