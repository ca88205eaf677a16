"""An independent party: schemathesis' own CLI, with its default checks and all four phases,
against `python -m roleplay_reference serve` (not the contract suite's tuned hooks).

    st run openapi.yaml --url URL --phases examples,coverage,fuzzing,stateful \\
        -H "Authorization: Bearer dev-admin-token"

A short budget (`--max-examples`, a fixed `--seed`) keeps it quick; the same command without
them is the full run. The service is started with its rate limits lifted (the run makes
over a thousand calls in seconds, and probes with forged tokens), so it tests the service's
answers rather than its throttling.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from roleplay_reference import ServiceProcess

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"
ST = Path(sys.executable).parent / "st"


@pytest.mark.skipif(not ST.exists(), reason="schemathesis' CLI is not installed")
def test_schemathesis_cli_with_its_defaults_finds_no_failure(tmp_path: Path) -> None:
    with ServiceProcess() as service:
        command = [
            str(ST),
            "run",
            str(SPEC),
            "--url",
            service.base_url,
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "-H",
            "Authorization: Bearer dev-admin-token",
            "--max-examples",
            "10",
            "--seed",
            "1",
            "--no-color",
        ]
        result = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
        )
    summary = result.stdout[result.stdout.rfind("SUMMARY") :] or result.stdout[-3000:]
    print(summary)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "generated" in summary and "failure" not in summary.replace("0 failures", "")
