"""The float16 and cast suite, compiled and run for each x86-64 CPU level.

NPT_CPU makes the JIT target a CPU other than the host's, so one machine
tests what others run: no F16C (x86-64, x86-64-v2: float16 conversions are
calls into npt's runtime helpers), F16C without AVX-512 (x86-64-v3, znver3),
AVX-512 without FP16 (skylake-avx512), and the host. A level whose
instructions this machine lacks is skipped, saying so.
"""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ["x86-64", "x86-64-v2", "x86-64-v3", "znver3", "skylake-avx512", ""]


@pytest.mark.skipif(bool(os.environ.get("NPT_CPU")), reason="already running under NPT_CPU")
@pytest.mark.parametrize("cpu", LEVELS, ids=[c or "host" for c in LEVELS])
def test_float16_and_casts_at_cpu_level(cpu):
    env = dict(os.environ, NPT_CPU=cpu)
    probe = subprocess.run([sys.executable, "-c", "import npt; print(npt.cache_info()['cpu'])"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert probe.returncode == 0, probe.stderr
    if "lacks" in probe.stdout:
        pytest.skip(probe.stdout.strip())
    if cpu:
        assert probe.stdout.strip() == cpu
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        os.path.join(HERE, "test_float16.py")],
                       capture_output=True, text=True, env=env, timeout=600, cwd=HERE)
    assert p.returncode == 0, f"NPT_CPU={cpu or 'host'}:\n{p.stdout[-6000:]}\n{p.stderr[-2000:]}"
