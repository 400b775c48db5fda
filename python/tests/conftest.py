"""Fixtures: the pactnet CLI (built in release by cargo) and the real data, when present."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def cli(cli_binary):
    """A function running the `pactnet` binary with arguments; returns its stdout (text)."""

    def run(*args, cwd=None):
        done = subprocess.run([cli_binary, "-q", *map(str, args)], capture_output=True, text=True, cwd=cwd)
        assert done.returncode == 0, f"pactnet {' '.join(map(str, args))} failed:\n{done.stderr}"
        return done.stdout

    return run


@pytest.fixture(scope="session")
def cli_bytes(cli_binary):
    """The same, returning stdout's bytes (for files compared byte for byte)."""

    def run(*args, cwd=None):
        done = subprocess.run([cli_binary, "-q", *map(str, args)], capture_output=True, cwd=cwd)
        assert done.returncode == 0, f"pactnet {' '.join(map(str, args))} failed:\n{done.stderr.decode()}"
        return done.stdout

    return run


@pytest.fixture(scope="session")
def cli_binary():
    """The `pactnet` binary: $PACTNET_BIN, else a release build of this checkout."""
    binary = os.environ.get("PACTNET_BIN")
    if not binary:
        try:
            subprocess.run(
                ["cargo", "build", "--release", "--quiet", "--bin", "pactnet"], cwd=REPO, check=True
            )
        except FileNotFoundError:
            if IN_CI:
                raise
            pytest.skip("cargo is not installed: cannot build the pactnet CLI to compare with")
        binary = str(REPO / "target" / "release" / "pactnet")
    return binary


def data_dir():
    return Path(os.environ.get("PACTNET_DATA_DIR", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def real_files():
    """(members, states, alliances) of ATOP 4.01 and COW, or a skip saying why (a failure under CI=true)."""
    d = data_dir()
    files = (d / "atop-4.01" / "atop4_01m.csv", d / "cow" / "states2016.csv", d / "atop-4.01" / "atop4_01a.csv")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        reason = f"real data not found ({', '.join(missing)}); set PACTNET_DATA_DIR"
        if IN_CI:
            pytest.fail(reason + " (mandatory under CI=true)")
        pytest.skip(reason)
    return files
