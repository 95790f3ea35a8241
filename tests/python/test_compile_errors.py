"""A failed kernel compile is not the user's problem: the reference executor
(the registry's ATen implementations) computes that kernel's values, the
failure is logged naming the kernel's ops and the cause, and nothing is left
behind: the next call compiles the kernel again.

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
    return npt.array(np.linspace(-1, 1, n))  # (a private copy, whose ops fuse: not shared memory)


def test_failed_compile_falls_back_to_the_reference_then_recovers():
    x = _fresh_input()
    expr = lambda: (npt.arcsin(x) * 3 + 1).sum()  # noqa: E731
    want = (np.arcsin(np.linspace(-1, 1, 37)) * 3 + 1).sum()
    before = npt.cache_info()
    npt._npt._test_fail_next_compile(MISSING)
    assert float(expr()) == pytest.approx(want, rel=1e-12)  # the reference executor's value
    mid = npt.cache_info()
    assert mid["reference_fallbacks"] == before["reference_fallbacks"] + 1
    assert mid["compiles"] == before["compiles"], "a failed compile must not count as compiled"
    # the same kernel compiles the next time (no half-added module left in the JIT) ...
    assert float(expr()) == pytest.approx(want, rel=1e-12)
    after = npt.cache_info()
    # (compiled here, or loaded from the disk cache where an earlier process compiled it)
    assert (after["compiles"] + after["disk_loads"]) == (mid["compiles"] + mid["disk_loads"]) + 1
    assert after["reference_fallbacks"] == mid["reference_fallbacks"]
    # ... and is cached now; other kernels compile too
    assert float(expr()) == pytest.approx(want, rel=1e-12)
    assert npt.cache_info()["compiles"] == after["compiles"]
    assert npt.cache_info()["disk_loads"] == after["disk_loads"]
    np.testing.assert_allclose(np.asarray(npt.arccos(x) - x), np.arccos(np.linspace(-1, 1, 37))
                               - np.linspace(-1, 1, 37), rtol=1e-12)


def test_explain_names_the_failed_kernels_ops_and_cause():
    x = _fresh_input(53)
    y = (npt.arctan(x) * 3 - 1).max()  # a kernel no other test compiles
    npt._npt._test_fail_next_compile(MISSING)
    k = npt._npt.explain([y._h])["kernels"][0]
    assert "reference executor" in k["name"]
    for part in ("arctan", "multiply", "subtract", "reduce_max", "Symbols not found", MISSING):
        assert part in k["fallback"], f"{part!r} missing from: {k['fallback']}"
    assert "Duplicate definition" not in k["fallback"]
    assert npt._npt.explain([y._h])["kernels"][0]["fallback"] == ""  # compiles now


def test_the_fallback_is_logged():
    code = ("import npt, numpy as np\n"
            f"npt._npt._test_fail_next_compile({MISSING!r})\n"
            "print(float(npt.sum(npt.cosh(npt.asarray(np.ones(5))))))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert float(p.stdout) == pytest.approx(5 * np.cosh(1.0), rel=1e-12)
    assert "running it on the reference executor" in p.stderr and MISSING in p.stderr
    assert "cosh" in p.stderr


def test_process_symbols_are_not_visible_to_kernels():
    """Py_IsInitialized is in the process's global scope (the interpreter
    exports it): kernels still must not link against it. Whatever the
    process has loaded, generated code sees only npt's helpers, libm,
    libmvec and libc."""
    x = _fresh_input(41)
    y = npt.tan(x) - 2
    npt._npt._test_fail_next_compile("Py_IsInitialized")
    fallback = npt._npt.explain([y._h])["kernels"][0]["fallback"]
    assert "Symbols not found" in fallback and "Py_IsInitialized" in fallback
    np.testing.assert_allclose(np.asarray(y), np.tan(np.linspace(-1, 1, 41)) - 2, rtol=1e-12)


def test_failed_compile_inside_jit():
    @npt.jit
    def f(a):
        return npt.cosh(a) * 5 - a

    x = _fresh_input(43)
    a = np.linspace(-1, 1, 43)
    npt._npt._test_fail_next_compile(MISSING)
    np.testing.assert_allclose(np.asarray(f(x)), np.cosh(a) * 5 - a, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(f(x)), np.cosh(a) * 5 - a, rtol=1e-12)


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
