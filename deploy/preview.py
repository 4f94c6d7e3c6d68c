"""`make preview`: the built site served by nginx on 127.0.0.1, configured as production.

Production's server block includes deploy/nginx.conf and the site's _nginx.conf (see
deploy/nginx.conf); so does the one written here, so the preview shows what readers will get:
headers, cache rules, gzip twins, the 404 page. nginx runs in the foreground (`daemon off`) as the
user who starts it, root or not: its main configuration, pid file and temporary folders live in a
prefix folder (.preview/), its logs go to the terminal. tests/support/nginx.py starts it the same way.
Standard library only: it runs before and without the virtual env.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVED = ROOT / "deploy/nginx.conf"
TEMPORARY = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # nginx makes these at start, by default in /var/lib/nginx


def nginx() -> str:
    """nginx's path; Debian installs it in /usr/sbin, which a user's PATH may lack."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        raise SystemExit("nginx not found: install Debian's nginx-light "
                         "(`sudo apt-get install nginx-light`, or `make system-packages` as root)")
    return found


def main_conf(site: Path, prefix: Path, port: int) -> str:
    # As root, nginx would hand its workers to `nobody`: they stay the user who started it.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temporary = "".join(f'    {name}_temp_path "{prefix / name}";\n' for name in TEMPORARY)
    return f"""{user}daemon off;
worker_processes 1;
pid "{prefix / 'nginx.pid'}";
error_log stderr;
events {{ worker_connections 64; }}
http {{
    access_log /dev/stdout;
{temporary}    server {{
        listen 127.0.0.1:{port};
        root "{site}";
        include "{SERVED}";
        include "{site / '_nginx.conf'}";
    }}
}}
"""


def configure(site: Path, prefix: Path, port: int) -> Path:
    """Write the main configuration into `prefix` and check it with `nginx -t`; its path."""
    if not (site / "_nginx.conf").is_file():
        raise SystemExit(f"No built site in {site}/ (no _nginx.conf there): run `make build` first.")
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix.resolve() / "nginx.conf"
    conf.write_text(main_conf(site.resolve(), prefix.resolve(), port), encoding="utf-8")
    result = subprocess.run([*command(conf), "-t", "-q"], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"nginx rejects the configuration:\n{result.stderr.strip()}")
    return conf


def command(conf: Path) -> list[str]:
    """nginx with everything in `conf`'s folder; `-e stderr`: no log file opened before the configuration is read."""
    return [nginx(), "-p", str(conf.parent), "-c", str(conf), "-e", "stderr"]


def main(site: str, port: str) -> None:
    if not port.isdigit():
        raise SystemExit(f"PORT={port!r}: give a port number, e.g. make preview PORT=8081")
    conf = configure(Path(site), ROOT / ".preview", int(port))
    print(f"nginx serves {site}/ at http://127.0.0.1:{port}/ as production would; Ctrl-C stops it.", flush=True)
    os.execv(command(conf)[0], command(conf))


if __name__ == "__main__":
    main(*sys.argv[1:3])
