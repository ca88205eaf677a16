"""Running a consumer's own test file as a consumer would: pytest with only the shipped plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_consumer_tests(folder: Path, test_file: Path) -> subprocess.CompletedProcess[str]:
    """pytest on `test_file` from `folder`, no project config, only roleplay_reference's plugin."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "roleplay_reference.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-c",
            os.devnull,
            "--rootdir",
            str(folder),
            str(test_file),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
