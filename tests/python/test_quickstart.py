"""The README's first command ends in examples/quickstart.py: it must finish the offline tour."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_quickstart_tours_both_clouds_offline():
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "== Tavu.io" in out and "== Joviam" in out
    assert "instance is active" in out and "instance is running" in out
    assert "done: 0 instances, 0 volumes left" in out
    assert "done: 0 instances, 0 disks left" in out
    assert "Tour finished" in out
