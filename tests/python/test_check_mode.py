"""NPT_CHECK=1: every fused kernel is also computed by the reference executor
(the registry's ATen implementations, op by op) and compared. Runs in fresh
processes, since the mode is read once at startup."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import npt


def _run(code, check=True):
    env = {"NPT_CHECK": "1"} if check else {}
    import os
    env = dict(os.environ, **env)
    if not check:
        env.pop("NPT_CHECK", None)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=300)


def test_check_mode_catches_a_deliberately_wrong_kernel():
    code = """
        import npt, numpy as np
        x = npt.array(np.linspace(-2, 2, 12).reshape(3, 4))  # (a private copy: its ops fuse)
        npt._npt._test_corrupt_next_kernel()
        print(np.asarray(npt.sin(x) * 2 + 1).ravel()[0])
    """
    p = _run(code)
    assert p.returncode != 0
    msg = p.stderr
    assert "RuntimeError" in msg and "NPT_CHECK" in msg
    assert "kernel 'sin_multiply_add' (sin, multiply, add)" in msg, msg
    assert "at [0, 0] the kernel gave" in msg and "the reference" in msg
    want = np.sin(-2.0) * 2 + 1
    assert f"the reference {want!r}"[:30] in msg or f"{want:.10f}"[:10] in msg
    # without the check the wrong value goes through: the check is what caught it
    p = _run(code, check=False)
    assert p.returncode == 0, p.stderr
    assert float(p.stdout) == pytest.approx(want + 1)


def test_check_mode_passes_on_programs_across_dtypes():
    code = """
        import npt, numpy as np
        rng = np.random.default_rng(0)
        for dt in ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                   "float16", "float32", "float64"]:
            a = npt.asarray(rng.integers(-9, 9, (4, 5)).astype(dt))
            b = npt.asarray(rng.integers(1, 9, (5,)).astype(dt))
            outs = [a + b, a * b, npt.maximum(a, b), a == b, npt.sum(a, axis=0), a.T[::-1],
                    npt.where(a < b, a, b)]
            if dt != "bool":
                outs += [a // b, a % b, npt.fmod(a, b), -a if dt[0] != "u" else a - b]
            if dt[0] in "iu":
                outs += [a & b, a ^ b, a << b, a >> 3, npt.gcd(a, b), npt.bitwise_count(a)]
            if dt[0] == "f":
                outs += [npt.exp(a / 4), npt.arctan2(a, b), npt.hypot(a, b), npt.prod(a, 1),
                         npt.logaddexp(a, b), npt.frexp(a)[0], npt.ldexp(a, 3), npt.rint(a / 3),
                         npt.max(a), npt.mean(a, axis=1), npt.spacing(a), npt.cbrt(a)]
            npt.evaluate(*outs)
        x = npt.asarray(rng.normal(size=(6, 7)))
        g = npt.grad(lambda v: npt.sum(npt.tanh(v) @ v.T))(x)
        np.asarray(g)
        info = npt.cache_info()
        print(info["check"], info["checked_outputs"], info["check_skipped"])
    """
    p = _run(code)
    assert p.returncode == 0, p.stderr
    on, checked, skipped = p.stdout.split()
    assert on == "True" and int(checked) > 150 and int(skipped) == 0


def test_without_the_variable_nothing_is_checked():
    info = npt.cache_info()
    if info["check"]:
        pytest.skip("this run has NPT_CHECK set")
    np.asarray(npt.asarray(np.ones(3)) + 1)
    assert npt.cache_info()["checked_outputs"] == 0
