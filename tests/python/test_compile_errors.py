"""A failed kernel compile is a clear error and leaves nothing behind.

The test hook makes the next compile's code call a symbol the JIT must not
resolve, so the failure happens where a real missing runtime helper's would
(at link time, inside ORC), and the recovery path is the real one.
"""
import os
import subprocess
import sys

import numpy as np
import pytest

import npt

MISSING = "npt_test_missing_symbol"


def _fresh_input(n=37):
    return npt.asarray(np.linspace(-1, 1, n))


def test_failed_compile_names_ops_and_cause_then_recovers():
    x = _fresh_input()
    expr = lambda: (npt.arcsin(x) * 3 + 1).sum()  # noqa: E731
    want = (np.arcsin(np.linspace(-1, 1, 37)) * 3 + 1).sum()
    before = npt.cache_info()
    npt._npt._test_fail_next_compile(MISSING)
    with pytest.raises(RuntimeError) as e:
        float(expr())
    msg = str(e.value)
    for part in ("arcsin", "multiply", "add", "reduce_sum", "Symbols not found", MISSING):
        assert part in msg, f"{part!r} missing from: {msg}"
    assert "Duplicate definition" not in msg
    mid = npt.cache_info()
    assert mid["compiles"] == before["compiles"], "a failed compile must not count as compiled"
    # the same kernel compiles again (no half-added module left in the JIT) ...
    assert float(expr()) == pytest.approx(want, rel=1e-12)
    after = npt.cache_info()
    assert after["compiles"] == mid["compiles"] + 1
    # ... and is cached now; other kernels compile too
    assert float(expr()) == pytest.approx(want, rel=1e-12)
    assert npt.cache_info()["compiles"] == after["compiles"]
    np.testing.assert_allclose(np.asarray(npt.arccos(x) - x), np.arccos(np.linspace(-1, 1, 37))
                               - np.linspace(-1, 1, 37), rtol=1e-12)


def test_process_symbols_are_not_visible_to_kernels():
    """Py_IsInitialized is in the process's global scope (the interpreter
    exports it): kernels still must not link against it. Whatever the
    process has loaded, generated code sees only npt's helpers, libm,
    libmvec and libc."""
    x = _fresh_input(41)
    npt._npt._test_fail_next_compile("Py_IsInitialized")
    with pytest.raises(RuntimeError, match="Symbols not found.*Py_IsInitialized"):
        np.asarray(npt.tan(x) - 2)
    np.testing.assert_allclose(np.asarray(npt.tan(x) - 2), np.tan(np.linspace(-1, 1, 41)) - 2,
                               rtol=1e-12)


def test_failed_compile_inside_jit_retraces():
    @npt.jit
    def f(a):
        return npt.cosh(a) * 5 - a

    x = _fresh_input(43)
    npt._npt._test_fail_next_compile(MISSING)
    with pytest.raises(RuntimeError, match=MISSING):
        f(x)
    a = np.linspace(-1, 1, 43)
    np.testing.assert_allclose(np.asarray(f(x)), np.cosh(a) * 5 - a, rtol=1e-12)
    assert f.traces == 2  # the failed trace cached nothing


def test_failed_compile_inside_explain_then_evaluate():
    x = _fresh_input(47)
    y = npt.sinh(x) / 7
    npt._npt._test_fail_next_compile(MISSING)
    with pytest.raises(RuntimeError, match=MISSING):
        npt.explain(y)
    report = str(npt.explain(y))  # compiles now
    assert "sinh" in report and "cache hit" not in report
    assert "cache hit" in str(npt.explain(y))
    np.testing.assert_allclose(np.asarray(y), np.sinh(np.linspace(-1, 1, 47)) / 7, rtol=1e-12)


def _run(code, cpu):
    env = dict(os.environ, NPT_CPU=cpu)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)


def test_npt_cpu_selects_the_target():
    p = _run("import npt, numpy as np; print(npt.cache_info()['cpu']);"
             "print(float(npt.sum(npt.sin(npt.asarray(np.ones(9))))))", "x86-64-v2")
    assert p.returncode == 0, p.stderr
    cpu, value = p.stdout.split()
    assert cpu == "x86-64-v2"
    assert float(value) == pytest.approx(9 * np.sin(1.0), rel=1e-12)


def test_npt_cpu_unknown_name_is_a_clear_error():
    p = _run("import npt, numpy as np; print(npt.cache_info()['cpu']);"
             "np.asarray(npt.asarray(np.ones(3)) + 1)", "pentium-9000")
    assert p.returncode != 0
    assert "NPT_CPU='pentium-9000' is not an x86-64 CPU that LLVM knows" in p.stdout + p.stderr
    assert "x86-64-v3" in p.stderr  # the valid names are listed
    assert "RuntimeError" in p.stderr


def test_npt_cpu_beyond_this_machine_is_refused():
    """bdver2 (AMD Piledriver) needs XOP, which no other x86 CPU has: its code
    would stop at an illegal instruction, so the JIT refuses it."""
    p = _run("import npt, numpy as np; np.asarray(npt.asarray(np.ones(3)) + 1)", "bdver2")
    assert p.returncode != 0
    assert "uses instructions this machine lacks" in p.stderr and "xop" in p.stderr
