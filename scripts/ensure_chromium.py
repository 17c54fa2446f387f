"""Make sure Debian's chromium is installed for the browser tests (never download a browser).

Installs it with apt-get when missing and we are root; if it truly cannot be had, says so loudly
and exits non-zero, so the run never passes silently without its browser tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if shutil.which("chromium") or os.path.exists(CHROMIUM):
        print(f"chromium: {CHROMIUM}")
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"],
                       env=env, check=False)
    if os.path.exists(CHROMIUM):
        print(f"chromium installed: {CHROMIUM}")
        return 0
    bar = "!" * 78
    print(f"\n{bar}\n!! Debian chromium is not available: the BROWSER TESTS CANNOT RUN.\n{bar}\n",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
