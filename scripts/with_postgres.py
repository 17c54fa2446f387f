"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

Usage: python scripts/with_postgres.py -- pytest -q

The cluster lives in a temporary directory, listens only on a unix socket there, and runs as the
``postgres`` user when we are root (initdb refuses root). The command gets TEST_DATABASE_URL.
If no PostgreSQL binaries are found the script says so loudly and fails.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SEARCH_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin",
               "/usr/lib/postgresql/17/bin", "/usr/local/bin", "/usr/bin"]


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for directory in SEARCH_DIRS:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    return None


def loud(message: str) -> None:
    bar = "!" * 78
    print(f"\n{bar}\n!! {message}\n{bar}\n", file=sys.stderr, flush=True)


def as_cluster_user(argv: list[str], run_as: str | None) -> list[str]:
    if run_as is None:
        return argv
    return ["runuser", "-u", run_as, "--", *argv]


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1:]
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        loud("PostgreSQL binaries (initdb, pg_ctl) not found: the PostgreSQL pass CANNOT run.")
        return 1
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
        run_as = "postgres"
    workdir = Path(tempfile.mkdtemp(prefix="kaifang-pg-"))
    data, socket_dir = workdir / "data", workdir / "socket"
    socket_dir.mkdir()
    if run_as:
        shutil.chown(workdir, run_as)
        shutil.chown(socket_dir, run_as)
    log = workdir / "server.log"
    try:
        subprocess.run(as_cluster_user([initdb, "-D", str(data), "-U", "postgres", "-A", "trust",
                                        "-E", "UTF8", "--locale=C"], run_as),
                       check=True, stdout=subprocess.DEVNULL)
        options = f"-c listen_addresses='' -k {socket_dir} -c fsync=off -c full_page_writes=off"
        subprocess.run(as_cluster_user([pg_ctl, "-D", str(data), "-l", str(log), "-o", options,
                                        "-w", "start"], run_as), check=True,
                       stdout=subprocess.DEVNULL)
        createdb = find_binary("createdb") or "createdb"
        subprocess.run(as_cluster_user([createdb, "-h", str(socket_dir), "-U", "postgres",
                                        "kaifang_test"], run_as), check=True)
        url = f"postgresql+psycopg://postgres@/kaifang_test?host={socket_dir}"
        print(f"PostgreSQL test cluster up: {url}", flush=True)
        env = {**os.environ, "TEST_DATABASE_URL": url}
        return subprocess.run(command, env=env).returncode
    except subprocess.CalledProcessError as exc:
        loud(f"PostgreSQL test cluster failed to start ({exc}); see {log}")
        if log.exists():
            print(log.read_text()[-3000:], file=sys.stderr)
        return 1
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(as_cluster_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                                           run_as), stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
