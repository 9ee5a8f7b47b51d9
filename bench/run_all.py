"""Runs every benchmark script in this folder, one after another, in fresh processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    failed = 0
    # load.py as well; load_server.py is the server it starts, not a benchmark.
    for script in [*sorted(HERE.glob("bench_*.py")), HERE / "load.py"]:
        print(f"== {script.name}", flush=True)
        failed |= subprocess.run([sys.executable, str(script)], check=False).returncode
    sys.exit(1 if failed else 0)
