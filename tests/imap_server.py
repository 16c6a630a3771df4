"""A real IMAP server for the mail tests (a pytest fixture, imported by the conftest of each
folder that uses it): Dovecot, started with a throwaway configuration, a
passwd-file user and a Maildir under the test's temporary folder, on free loopback ports
(plain IMAP, and IMAP over TLS with a self-signed certificate made here). Skipped, with the
reason, where Dovecot is not installed (.ci/run installs dovecot-imapd)."""

from __future__ import annotations

import contextlib
import getpass
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "alex", "correct horse battery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Imap:
    port: int
    tls_port: int | None
    maildir: Path
    cafile: Path | None
    uid: int = -1
    gid: int = -1
    user: str = USER
    password: str = PASSWORD

    def settle(self) -> None:
        """Hand the mail the test wrote to the mail user (when the tests run as root, Dovecot
        will not serve mail as root)."""
        if os.geteuid() != 0:
            return
        for folder, dirs, files in os.walk(self.maildir.parent):
            for name in [*dirs, *files]:
                os.chown(os.path.join(folder, name), self.uid, self.gid)

    def tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.cafile))
        return context


def _certificate(folder: Path) -> tuple[Path, Path] | None:
    openssl = shutil.which("openssl")
    if not openssl:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    # An elliptic-curve key: made at once, where an RSA one takes a noticeable part of a second.
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,"
                    "IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _wait(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("dovecot stopped: " + (log.read_text() if log.exists() else ""))
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening")


@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[Imap]:
    """A Dovecot server of the test's own, stopped afterwards."""
    yield from serve(tmp_path)


def serve(tmp_path: Path) -> Iterator[Imap]:
    """Start Dovecot (or skip the test, saying why), yield it, stop it."""
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd; .ci/run does)")
    # Under root, Dovecot's processes run as its own users and cannot enter pytest's private
    # temporary folder: the server's folder is then one of its own, removed afterwards.
    root = (Path(tempfile.mkdtemp(prefix="nextround-dovecot-")) if os.geteuid() == 0
            else tmp_path / "dovecot")
    root.chmod(0o755)
    for sub in ("run", "state", f"home/{USER}"):
        (root / sub).mkdir(parents=True)
    me = getpass.getuser()
    if os.geteuid() == 0:
        login, internal = "dovenull", "dovecot"
        for name in (login, internal):
            try:
                pwd.getpwnam(name)
            except KeyError:
                pytest.skip(f"Dovecot runs as root only with a system user {name!r}")
        # The auth process would run as "dovecot" and could not read the passwd file inside
        # pytest's private temporary folder; under root it runs as root instead.
        auth_user = "root"
        uid, gid = pwd.getpwnam(internal).pw_uid, pwd.getpwnam(internal).pw_gid
    else:
        login = internal = auth_user = me
        uid, gid = os.getuid(), os.getgid()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port, tls_port = _free_port(), _free_port()
    pair = _certificate(root)
    tls = (f"ssl = yes\nssl_cert = <{pair[0]}\nssl_key = <{pair[1]}\n" if pair
           else "ssl = no\n")
    imaps = (f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n"
             "    ssl = yes\n  }\n") if pair else ""
    config = root / "dovecot.conf"
    config.write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{tls}
default_login_user = {login}
default_internal_user = {internal}
first_valid_uid = 0
first_valid_gid = 0
disable_plaintext_auth = no
auth_mechanisms = plain login
# A wrong password is answered at once: Dovecot waits two seconds by default, and more after
# each failure from the same address (its penalty, turned off in the anvil service below).
auth_failure_delay = 0
mail_location = maildir:{root}/home/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
{imaps}}}
service auth {{
  user = {auth_user}
}}
service auth-worker {{
  user = {auth_user}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
""")
    # A process group of its own, so that stopping it stops its children with it.
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(port, process, root / "dovecot.log")
        server = Imap(port, tls_port if pair else None, root / "home" / USER / "Maildir",
                      pair[0] if pair else None, uid, gid)
        server.settle()
        yield server
    finally:
        # Killed outright, the master and its children at once: a test server holds nothing
        # worth a clean shutdown, and Dovecot's own takes a second each time.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if root != tmp_path / "dovecot":
            shutil.rmtree(root, ignore_errors=True)
