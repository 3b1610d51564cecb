"""``make bench``: runs every ``bench/*_bench.py`` module in turn, in its own process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    modules = sorted(Path(__file__).parent.glob("*_bench.py"))
    failures = 0
    for module in modules:
        print(f"\n== {module.stem} ==", flush=True)
        result = subprocess.run([sys.executable, "-m", f"bench.{module.stem}"], check=False)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
