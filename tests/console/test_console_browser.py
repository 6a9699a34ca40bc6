"""The console in a real browser: the system's headless Chromium driven by Selenium.

Alice (analyst) reviews the flagged event and marks it a false positive; Bob (approver) approves
the entry; the next event of that party, re-screened with the allowlist, is allowed with the hit
under `suppressed`. Screenshots of the queue, detail and allowlist pages are saved under
`out/test-screens/` (or SCREENING_TEST_OUTPUT). Chromium comes from Debian packages
(`make test` installs them); without it this test fails with that instruction, never skips.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from console_helpers import IVAN, PASSWORDS

from screening.cli import main
from screening.console.app import ConsoleState, create_app
from screening.paths import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENS = Path(os.environ.get("SCREENING_TEST_OUTPUT", REPO_ROOT / "out" / "test-screens"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def console_url(console_state: ConsoleState) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(console_state), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the console server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(
            "headless Chromium not found: run `make test` as root (it installs Debian "
            "packages chromium and chromium-driver) or apt-get install -y chromium chromium-driver"
        )
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    options.add_argument("--window-size=1400,1000")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def click_and_load(driver: object, element: object) -> None:
    """Click a link or submit button and wait until its page has been replaced.

    Reading the next page straight after `click()` can race the navigation and read (or hold)
    an element of the old page, which then goes stale.
    """
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 20).until(ec.staleness_of(element))  # type: ignore[arg-type]
    WebDriverWait(driver, 20).until(  # type: ignore[arg-type]
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def log_in(driver: object, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/login")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "username").send_keys(name)  # type: ignore[attr-defined]
    driver.find_element(By.ID, "password").send_keys(PASSWORDS[name])  # type: ignore[attr-defined]
    click_and_load(driver, driver.find_element(By.ID, "login"))  # type: ignore[attr-defined]
    assert f"{name} (" in driver.find_element(By.TAG_NAME, "header").text  # type: ignore[attr-defined]


def test_review_false_positive_approve_rescreen_in_chromium(
    console_url: str, browser: object, console_state: ConsoleState, lists_dir: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver: object = browser
    SCREENS.mkdir(parents=True, exist_ok=True)
    event_id = IVAN["event_id"]

    log_in(driver, console_url, "alice")
    queue = driver.find_element(By.ID, "queue")  # type: ignore[attr-defined]
    assert event_id in queue.text
    driver.save_screenshot(str(SCREENS / "queue.png"))  # type: ignore[attr-defined]

    click_and_load(driver, queue.find_element(By.LINK_TEXT, event_id))
    assert driver.find_element(By.ID, "decision").text == "flag"  # type: ignore[attr-defined]
    assert "Iwan Sidortschuk" in driver.find_element(By.ID, "hit-0").text  # type: ignore[attr-defined]
    driver.save_screenshot(str(SCREENS / "detail.png"))  # type: ignore[attr-defined]

    hit = driver.find_element(By.ID, "hit-0")  # type: ignore[attr-defined]
    hit.find_element(By.XPATH, ".//summary[starts-with(., 'False positive')]").click()
    form = hit.find_element(By.CLASS_NAME, "fp-form")
    form.find_element(By.NAME, "reason").send_keys("Known customer since 2011; other father's name")
    click_and_load(driver, form.find_element(By.CLASS_NAME, "false-positive"))
    assert "false_positive" in driver.find_element(By.ID, "actions").text  # type: ignore[attr-defined]
    [entry] = console_state.store.load().entries.values()
    assert entry.status == "pending" and entry.proposed_by == "alice"

    click_and_load(driver, driver.find_element(By.ID, "logout"))  # type: ignore[attr-defined]
    log_in(driver, console_url, "bob")
    driver.get(f"{console_url}/allowlist")  # type: ignore[attr-defined]
    row = driver.find_element(By.ID, entry.entry_id)  # type: ignore[attr-defined]
    click_and_load(driver, row.find_element(By.CLASS_NAME, "approve"))
    row = driver.find_element(By.ID, entry.entry_id)  # type: ignore[attr-defined]
    assert row.find_element(By.CLASS_NAME, "status").text == "approved"
    driver.save_screenshot(str(SCREENS / "allowlist.png"))  # type: ignore[attr-defined]

    # the re-screen: the party's next event, decided with the allowlist, is allowed
    events = tmp_path / "next.jsonl"
    events.write_text(json.dumps({**IVAN, "event_id": "cus-review-ivan-2"}) + "\n")
    out = tmp_path / "decisions.jsonl"
    argv = ["screen", str(events), "--lists", str(lists_dir), "-o", str(out)]
    assert main([*argv, "--allowlist", str(console_state.store.directory)]) == 0
    decision = json.loads(out.read_text())
    assert decision["decision"] == "allow"
    assert [s["allowlist_entry"] for s in decision["suppressed"]] == [entry.entry_id]
    for name in ("queue.png", "detail.png", "allowlist.png"):
        assert (SCREENS / name).stat().st_size > 10_000, f"{name} looks empty"
