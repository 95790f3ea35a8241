"""The kernel disk cache: a new process loads the kernels an earlier one
compiled, and a broken cache (corrupted, truncated, another key, not code,
unwritable, not private) is detected, ignored and logged, never a crash or a
wrong value. Every program runs in a fresh process with a cache directory of
its own, and every value is compared with NumPy's."""
import json
import os
import stat
import struct
import subprocess
import sys

import numpy as np
import pytest

PROGRAM = r"""
import json, sys
import numpy as np
import npt
x = npt.array(np.linspace(-1, 1, 999))
a = float(((npt.sinh(x) * 3 + 1) ** 2 - npt.arctan(x)).sum())
b = np.asarray(npt.expm1(x) / 7 - x * x)
info = npt.cache_info()
json.dump({"a": a, "b": b.tolist(), "info": {k: info[k] for k in
           ("compiles", "disk_loads", "disk_load_ms", "disk_stores", "disk_rejected",
            "disk_write_failures", "disk_cache")}}, sys.stdout)
"""


def _want():
    x = np.linspace(-1, 1, 999)
    return float(((np.sinh(x) * 3 + 1) ** 2 - np.arctan(x)).sum()), np.expm1(x) / 7 - x * x


def run(cache, code=PROGRAM, **env):
    e = dict(os.environ, NPT_CACHE_DIR=str(cache), **env)
    e.pop("NPT_DISK_CACHE", None)
    e.update(env)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=120)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    a, b = _want()
    assert out["a"] == pytest.approx(a, rel=1e-13)
    np.testing.assert_allclose(out["b"], b, rtol=1e-13, atol=1e-15)
    return out["info"], p.stderr


def entries(cache):
    d = cache / "cpu"
    return sorted(p for p in d.iterdir() if p.suffix == ".npk") if d.is_dir() else []


def warm(cache):
    """A cold run, then the entries it stored."""
    info, err = run(cache)
    assert info["compiles"] == 2 and info["disk_loads"] == 0 and info["disk_stores"] == 2, info
    assert err == ""
    found = entries(cache)
    assert len(found) == 2
    return found


def test_a_new_process_loads_what_an_earlier_one_compiled(tmp_path):
    cache = tmp_path / "cache"
    warm(cache)
    info, err = run(cache)
    assert info["compiles"] == 0 and info["disk_loads"] == 2 and info["disk_stores"] == 0, info
    assert info["disk_rejected"] == 0 and err == ""
    assert info["disk_cache"] == str(cache)


def test_the_directory_is_private_to_the_user(tmp_path):
    cache = tmp_path / "a" / "b"
    warm(cache)
    for d in (tmp_path / "a", cache, cache / "cpu"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
    for f in entries(cache):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    assert not [p for p in (cache / "cpu").iterdir() if ".tmp." in p.name]


def _rerun_after(cache, damage, reason):
    found = warm(cache)
    damage(found[0])
    info, err = run(cache)
    assert info["disk_rejected"] == 1 and info["disk_loads"] == 1 and info["compiles"] == 1, info
    assert "ignoring kernel cache entry" in err and reason in err, err
    # the broken entry was replaced: the next process loads both
    info, err = run(cache)
    assert info["compiles"] == 0 and info["disk_loads"] == 2 and info["disk_rejected"] == 0, (info, err)


def _flip_payload_byte(p):
    data = bytearray(p.read_bytes())
    data[-100] ^= 0x5A
    p.write_bytes(bytes(data))


def test_a_corrupted_entry_is_ignored_logged_and_replaced(tmp_path):
    _rerun_after(tmp_path / "c", _flip_payload_byte, "corrupted")


def test_a_truncated_entry_is_ignored(tmp_path):
    _rerun_after(tmp_path / "c", lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
                 "truncated")


def test_an_empty_entry_is_ignored(tmp_path):
    _rerun_after(tmp_path / "c", lambda p: p.write_bytes(b""), "truncated")


def test_a_file_that_is_no_entry_is_ignored(tmp_path):
    _rerun_after(tmp_path / "c", lambda p: p.write_bytes(b"\x7fELF" + bytes(300)), "bad magic")


def test_an_entry_of_another_key_is_ignored(tmp_path):
    cache = tmp_path / "c"
    found = warm(cache)
    found[0].write_bytes(found[1].read_bytes())  # as if two keys' names collided
    info, err = run(cache)
    assert info["disk_rejected"] == 1 and info["compiles"] == 1, info
    assert "another key" in err


def test_a_symlinked_entry_is_not_followed(tmp_path):
    def link(p):
        target = tmp_path / "elsewhere"
        target.write_bytes(p.read_bytes())
        p.unlink()
        p.symlink_to(target)

    _rerun_after(tmp_path / "c", link, "cannot open it")


def _header(p):
    data = p.read_bytes()
    magic, fmt, _, key_len, payload_len = struct.unpack_from("<8sIIQQ", data)
    assert magic == b"NPTCACHE" and fmt == 1 and len(data) == 48 + key_len + payload_len
    return data[48:48 + key_len].decode()


def test_a_verified_entry_that_is_not_code_is_compiled_again(tmp_path):
    """An entry whose digest holds but whose payload does not link (as a
    bug in an older npt could leave) costs a compile, not a crash."""
    cache = tmp_path / "c"
    found = warm(cache)
    key = _header(found[0])
    assert key.startswith("cpu kernel npt_") and "\nllvm " in key and "\nnpt build-id " in key
    code = ("import os, npt\n"
            f"npt._npt._test_disk_cache_store('cpu', {key!r}, b'not an object file' * 20)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120,
                   env=dict(os.environ, NPT_CACHE_DIR=str(cache)))
    info, err = run(cache)
    assert info["compiles"] == 1 and info["disk_loads"] == 1, info
    assert "did not load" in err and "compiling it again" in err, err
    info, err = run(cache)
    assert info["compiles"] == 0 and info["disk_loads"] == 2, (info, err)


def test_an_unwritable_cache_is_logged_once_and_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a directory")
    info, err = run(blocker / "cache")  # (root may write anywhere; no one can mkdir under a file)
    assert info["compiles"] == 2 and info["disk_stores"] == 0 and info["disk_loads"] == 0, info
    assert err.count("not using the kernel cache") == 1 and "cannot create" in err, err


def test_an_entry_that_cannot_be_written_is_logged_once(tmp_path):
    cache = tmp_path / "c"
    found = warm(cache)
    for p in found:  # both names taken by directories: no rename can land there
        p.unlink()
        p.mkdir()
    info, err = run(cache)
    assert info["compiles"] == 2 and info["disk_stores"] == 0 and info["disk_write_failures"] == 2, info
    assert err.count("cannot write the kernel cache") == 1, err
    assert "not a regular file" in err


def test_a_directory_others_can_read_is_not_used(tmp_path):
    cache = tmp_path / "shared"
    cache.mkdir(mode=0o755)
    os.chmod(cache, 0o755)
    info, err = run(cache)
    assert info["compiles"] == 2 and info["disk_stores"] == 0, info
    assert "not private to the user (mode 0755, want 0700)" in err, err
    assert list(cache.iterdir()) == []


def test_the_disk_cache_can_be_turned_off(tmp_path):
    cache = tmp_path / "c"
    info, err = run(cache, NPT_DISK_CACHE="0")
    assert info["compiles"] == 2 and info["disk_stores"] == 0 and info["disk_cache"] == "", info
    assert not cache.exists()


def test_another_cpu_level_is_another_key(tmp_path):
    cache = tmp_path / "c"
    warm(cache)
    # (the suite may itself run at x86-64: then another level)
    other = "x86-64-v2" if os.environ.get("NPT_CPU") == "x86-64" else "x86-64"
    info, _ = run(cache, NPT_CPU=other)
    assert info["compiles"] == 2 and info["disk_loads"] == 0, info
    info, _ = run(cache, NPT_CPU=other)
    assert info["compiles"] == 0 and info["disk_loads"] == 2, info
    assert len(entries(cache)) == 4


def test_processes_sharing_a_cache_at_once(tmp_path):
    cache = tmp_path / "c"
    env = dict(os.environ, NPT_CACHE_DIR=str(cache))
    procs = [subprocess.Popen([sys.executable, "-c", PROGRAM], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    a, b = _want()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        got = json.loads(out)
        assert got["a"] == pytest.approx(a, rel=1e-13) and got["info"]["disk_rejected"] == 0
    assert len(entries(cache)) == 2
    info, _ = run(cache)
    assert info["compiles"] == 0 and info["disk_loads"] == 2


def test_explain_lists_the_code_of_a_loaded_kernel(tmp_path):
    cache = tmp_path / "c"
    warm(cache)
    code = ("import numpy as np, npt\n"
            "x = npt.array(np.linspace(-1, 1, 999))\n"
            "r = npt.explain(npt.expm1(x) / 7 - x * x, code=True)\n"
            "k = r.kernels[0]\n"
            "assert k.from_disk and not k.cache_hit, vars(k)\n"
            "assert 'define' in k.code and 'expm1' in k.code, k.code[:500]\n"
            "assert 'loaded from the disk cache' in str(r)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, NPT_CACHE_DIR=str(cache)))
    assert p.returncode == 0, p.stderr
