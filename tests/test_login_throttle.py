"""Login back-off cannot be turned against an account: it holds back one client for one account, is capped, is
not extended by attempts made while it runs, and an administrator can lift it (`nq02 user unlock`)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from app.service.auth import LoginThrottled, UserStore, users_path
from app.service.throttle import client_of
from ingest.settings import AuthSettings

from .conftest import ROOT

RIGHT = "mat-khau-du-dai-03"


@pytest.fixture()
def store(tmp_path: Path):
    s = UserStore(users_path(tmp_path), AuthSettings(free_failures=2, backoff_base_s=60.0, backoff_max_s=240.0))
    s.add("chi", "admin", RIGHT)
    yield s
    s.close()


def test_twenty_wrong_passwords_from_one_client_do_not_lock_out_another(store: UserStore):
    for i in range(20):
        with contextlib.suppress(LoginThrottled):
            store.verify("chi", f"sai-{i}", "10.0.0.66")
    with pytest.raises(LoginThrottled, match="thử lại sau"):
        store.verify("chi", RIGHT, "10.0.0.66")  # the guessing client itself waits
    assert store.verify("chi", RIGHT, "10.0.0.7") is not None, "the right password from another client gets in"


def test_attempts_during_a_back_off_do_not_extend_it_and_it_is_capped(store: UserStore):
    for i in range(3):
        assert store.verify("chi", f"sai-{i}", "10.0.0.1") is None
    with pytest.raises(LoginThrottled) as first:
        store.verify("chi", RIGHT, "10.0.0.1")
    for _ in range(10):
        with pytest.raises(LoginThrottled) as later:
            store.verify("chi", "sai", "10.0.0.1")
    assert 0 < later.value.seconds <= first.value.seconds <= 60, "hammering during the back-off does not extend it"
    store.throttle.settings = AuthSettings(free_failures=2, backoff_base_s=10_000.0, backoff_max_s=240.0)
    store.throttle.succeeded("chi", "10.0.0.1")
    for i in range(3):
        store.verify("chi", f"sai-{i}", "10.0.0.1")
    assert store.throttle.wait("chi", "10.0.0.1") <= 240, "no back-off is longer than the cap"


def test_an_admin_lifts_a_back_off_from_the_command_line(tmp_path: Path):
    store = UserStore(users_path(tmp_path), AuthSettings(free_failures=1, backoff_base_s=600.0))
    store.add("chi", "admin", RIGHT)
    for i in range(3):
        with contextlib.suppress(LoginThrottled):
            store.verify("chi", f"sai-{i}", "local")
    assert store.throttle.wait("chi", "local") > 0
    store.close()
    done = subprocess.run([sys.executable, "-m", "app.cli", "user", "unlock", "chi", "--index", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0 and "Đã gỡ tạm chặn" in done.stdout, done.stderr
    store = UserStore(users_path(tmp_path), AuthSettings(free_failures=1, backoff_base_s=600.0))
    try:
        assert store.throttle.wait("chi", "local") == 0
        assert store.verify("chi", RIGHT, "local") is not None
    finally:
        store.close()


def test_the_client_comes_from_the_trusted_proxy_header_only_when_one_is_configured():
    headers = {"X-Real-IP": "10.1.2.3", "Host": "nq02.noibo.gov.vn"}
    assert client_of(headers, None, "x-real-ip") == "10.1.2.3"
    assert client_of(headers, None, None) == "local", "an untrusted header is ignored"
    assert client_of({"X-Forwarded-For": "10.9.9.9, 10.0.0.1"}, "127.0.0.1", "X-Forwarded-For") == "10.9.9.9"
    assert client_of({}, "192.168.1.5", "X-Real-IP") == "192.168.1.5", "no header: the connection's address"
