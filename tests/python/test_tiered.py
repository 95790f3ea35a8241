"""Tiered execution: a plan whose kernel is not compiled yet runs at once on
the reference executor (the registry's ATen implementations) while the
kernel compiles on a background thread, and later calls run the kernel.
Each program runs in a fresh process with NPT_TIERED=1 and no disk cache
(the rest of the suite runs with NPT_TIERED=0, compiling first); values are
compared with NumPy's."""
import json
import os
import subprocess
import sys

import pytest

PRELUDE = r"""
import json, os, sys, threading, time
import numpy as np
import npt
xn = np.linspace(-1, 1, 301)
x = npt.array(xn)
def chain(m, x):
    y = x
    for _ in range(5):
        y = m.sin(y) * 1.5 + 0.25
    return y
want = chain(np, xn)
def info():
    return npt.cache_info()
def wait_compiled(n):
    t = time.time()
    while info()["compiles"] < n:
        assert time.time() - t < 60, "the background compile never finished"
        time.sleep(0.005)
def close(got, want=want):
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-13, atol=1e-15)
"""


def run(body, tiered="1", **env):
    e = dict(os.environ, NPT_TIERED=tiered, NPT_DISK_CACHE="0", **env)
    p = subprocess.run([sys.executable, "-c", PRELUDE + body], capture_output=True, text=True, env=e,
                       timeout=180)
    assert p.returncode == 0, p.stdout + p.stderr
    return p


def test_the_first_call_runs_the_reference_while_the_kernel_compiles():
    run(r"""
assert info()["tiered"]
close(chain(npt, x))                       # the reference executor's values
i = info()
assert i["tiered_reference_runs"] == 1 and i["background_compiles"] == 1, i
wait_compiled(1)
close(chain(npt, x))                       # the kernel's
i = info()
assert i["tiered_reference_runs"] == 1 and i["compiles"] == 1, i
close(chain(npt, npt.array(np.linspace(-1, 1, 301))))   # a new input, the same plan and kernel
assert info()["compiles"] == 1 and info()["tiered_reference_runs"] == 1
""")


def test_a_jitted_function_is_tiered_too():
    run(r"""
f = npt.jit(lambda a: (chain(npt, a) ** 2).sum())
w = float((want ** 2).sum())
assert abs(float(f(x)) - w) < 1e-12 * abs(w)
assert info()["tiered_reference_runs"] == 1
wait_compiled(1)
assert abs(float(f(x)) - w) < 1e-12 * abs(w)
assert info()["tiered_reference_runs"] == 1
""")


def test_compiling_first_when_tiering_is_off():
    run(r"""
assert not info()["tiered"]
close(chain(npt, x))
i = info()
assert i["compiles"] == 1 and i["tiered_reference_runs"] == 0 and i["background_compiles"] == 0, i
""", tiered="0")


def test_a_failed_background_compile_leaves_the_reference_running():
    p = run(r"""
npt._npt._test_fail_next_compile("npt_test_missing_symbol")
close(chain(npt, x))
for _ in range(200):                       # the compile fails in the background meanwhile
    close(chain(npt, x))
    time.sleep(0.002)
assert info()["compiles"] == 0, info()
assert info()["tiered_reference_runs"] >= 2
close(npt.cos(x) - 1, np.cos(xn) - 1)      # other kernels compile and run
""")
    assert "npt_test_missing_symbol" in p.stderr and "the reference executor runs it instead" in p.stderr


def test_exiting_while_a_kernel_compiles_is_clean():
    p = run(r"""
y = x
for i in range(60):                        # a long kernel: still compiling at exit
    y = npt.tanh(y) * 0.9 + npt.sin(y) * 0.1
np.asarray(y)
assert info()["compiles"] == 0
print("done")
""")
    assert p.stdout.strip() == "done" and p.stderr == ""


def test_a_forked_child_compiles_its_own_kernels():
    run(r"""
y = x
for i in range(40):
    y = npt.tanh(y) * 0.9 + npt.cos(y) * 0.1
yn = xn
for i in range(40):
    yn = np.tanh(yn) * 0.9 + np.cos(yn) * 0.1
close(y, yn)                               # queued; forked while (likely) compiling
pid = os.fork()
if pid == 0:
    try:
        z = x
        for i in range(40):
            z = npt.tanh(z) * 0.9 + npt.cos(z) * 0.1
        close(z, yn)
        close(chain(npt, x))
        wait_compiled(1)
        close(chain(npt, x))
        os._exit(0)
    except BaseException as e:
        print("child:", repr(e), file=sys.stderr)
        os._exit(1)
_, status = os.waitpid(pid, 0)
assert status == 0, status
""")


def test_threads_calling_a_new_plan_at_once():
    run(r"""
errors = []
def work():
    try:
        for _ in range(20):
            close(chain(npt, x))
    except BaseException as e:
        errors.append(e)
ts = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
assert not errors, errors
assert info()["background_compiles"] == 1, info()
wait_compiled(1)
close(chain(npt, x))
""")


def test_new_plans_of_a_kernel_that_is_compiling():
    """Scalars are kernel arguments: plans that differ in one share a kernel,
    and a new plan that finds it compiling runs on the reference too."""
    run(r"""
def shifted(m, x, c):
    y = x
    for _ in range(5):
        y = m.sin(y) * 1.5 + c
    return y
for c in (0.25, 0.5, 0.75, 1.0):           # the first queues the kernel; the rest find it compiling
    close(shifted(npt, x, c), shifted(np, xn, c))
i = info()
assert i["background_compiles"] == 1 and i["tiered_reference_runs"] >= 2, i
wait_compiled(1)
close(shifted(npt, x, 2.0), shifted(np, xn, 2.0))
assert info()["compiles"] == 1
""")


def test_a_kernel_on_disk_runs_at_once(tmp_path):
    body = r"""
close(chain(npt, x))
wait_compiled(1) if info()["disk_loads"] == 0 else None
print(json.dumps(info()))
"""
    env = dict(NPT_CACHE_DIR=str(tmp_path))
    e = dict(os.environ, NPT_TIERED="1", **env)
    first = subprocess.run([sys.executable, "-c", PRELUDE + body], capture_output=True, text=True, env=e,
                           timeout=180)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["tiered_reference_runs"] == 1
    second = subprocess.run([sys.executable, "-c", PRELUDE + body], capture_output=True, text=True, env=e,
                            timeout=180)
    assert second.returncode == 0, second.stderr
    i = json.loads(second.stdout)
    assert i["tiered_reference_runs"] == 0 and i["disk_loads"] == 1 and i["compiles"] == 0, i


@pytest.mark.parametrize("expr", ["(npt.exp(x) * 2).max()", "npt.cumsum(npt.sin(x))",
                                  "npt.where(x > 0, npt.sqrt(npt.abs(x)), x * x)"])
def test_the_reference_tier_matches_the_kernel(expr):
    run(f"""
first = np.asarray({expr})
wait_compiled(1)
second = np.asarray({expr})
assert info()["tiered_reference_runs"] >= 1
np.testing.assert_allclose(first, second, rtol=1e-13, atol=1e-13)
""")


def test_a_large_kernel_compiles_first():
    """Op by op on ATen, 6 ops over 4M elements cost more than a compile."""
    run(r"""
big = npt.array(np.linspace(-1, 1, 1 << 22))
float(chain(npt, big).sum())
i = info()
assert i["compiles"] == 1 and i["tiered_reference_runs"] == 0 and i["background_compiles"] == 0, i
""")
