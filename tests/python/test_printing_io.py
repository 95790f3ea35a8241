"""npt's printing, error-state, helper and I/O functions against NumPy's:
reprs under print options, state round trips, file round trips (the files
npt writes are NumPy's, byte for byte) and NumPy's errors."""
import inspect
import io
import os
import pickle
import re
import warnings

import numpy as np
import pytest
from _helpers import assert_same

import npt
from npt import _io, _printing

DTYPES = ["bool", "int8", "uint16", "int64", "float32", "float64", "complex128"]
SHAPES = [(), (4,), (2, 3)]


@pytest.fixture(autouse=True)
def _numpy_state():
    """Every test leaves NumPy's print options, error state and buffer size as it found them."""
    opts, err, call, size = np.get_printoptions(), np.geterr(), np.geterrcall(), np.getbufsize()
    yield
    np.set_printoptions(**opts)
    np.seterr(**err)
    np.seterrcall(call)
    np.setbufsize(size)


def sample(dtype, shape):
    rng = np.random.default_rng(7)
    x = np.asarray(rng.standard_normal(shape) * 40)  # (a 0-d array for shape (), not a scalar)
    if dtype == "bool":
        return np.asarray(x > 0)
    if np.dtype(dtype).kind == "c":
        return np.asarray(x + 1j * rng.standard_normal(shape)).astype(dtype)
    if np.dtype(dtype).kind == "u":
        return np.abs(x).astype(dtype)
    return x.astype(dtype)


def same_error(ours, theirs):
    """ours() raises NumPy's exception type with NumPy's message, as theirs() does."""
    with pytest.raises(Exception) as want:
        theirs()
    with pytest.raises(type(want.value)) as got:
        ours()
    assert type(got.value) is type(want.value)
    assert str(got.value) == str(want.value)


def test_exports():
    assert set(_printing.__all__) | set(_io.__all__) <= set(npt.__all__)
    for name in _printing.__all__ + _io.__all__:
        assert getattr(npt, name).__module__.startswith("npt"), name  # ours, not NumPy's re-exported
    assert not {"tofile", "dump", "dumps"} & set(_io.__all__)


@pytest.mark.parametrize("name", [n for n in _printing.__all__ + _io.__all__
                                  if n not in ("fromstring", "errstate")])
def test_signatures(name):
    assert inspect.signature(getattr(npt, name)) == inspect.signature(getattr(np, name))


def test_signatures_of_the_rest():
    assert inspect.signature(npt.errstate) == inspect.signature(np.errstate)
    # NumPy's fromstring has no inspectable signature; its docstring's, with the C default sep=''
    assert str(inspect.signature(npt.fromstring)) == "(string, dtype=<class 'float'>, count=-1, *, sep='', like=None)"
    assert np.fromstring.__doc__.lstrip().startswith("fromstring(string, dtype=float, count=-1, *, sep, like=None)")
    assert [str(inspect.signature(f)) for f in (_io.tofile, _io.dump, _io.dumps)] == \
        ["(a, fid, sep='', format='%s')", "(a, file)", "(a)"]


# ---- printing -------------------------------------------------------------

OPTIONS = [{}, {"precision": 3}, {"precision": 2, "suppress": True}, {"threshold": 5, "edgeitems": 1},
           {"linewidth": 20}, {"sign": "+"}, {"floatmode": "fixed", "precision": 4},
           {"formatter": {"all": lambda v: "<%s>" % v}}, {"legacy": "1.13"}, {"nanstr": "NaN!", "infstr": "INF!"}]


@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: ",".join(o) or "default")
@pytest.mark.parametrize("dtype", DTYPES)
def test_reprs_follow_print_options(opts, dtype):
    x = sample(dtype, (3, 4))
    if dtype.startswith("float"):
        x[0, 0], x[1, 1] = np.nan, -np.inf
    a = npt.asarray(x)
    npt.set_printoptions(**opts)
    assert np.get_printoptions() == npt.get_printoptions()
    assert npt.array_repr(a) == np.array_repr(x)
    assert npt.array_str(a) == np.array_str(x)
    assert npt.array2string(a) == np.array2string(x)
    assert repr(a) == repr(x) and str(a) == str(x)  # (npt's repr is NumPy's, under NumPy's options)
    assert npt.array_repr(x) == np.array_repr(x)  # NumPy arrays pass through


@pytest.mark.parametrize("shape", SHAPES)
def test_array2string_arguments(shape):
    x = sample("float64", shape)
    a = npt.asarray(x)
    kw = dict(max_line_width=30, precision=2, suppress_small=True, separator=", ", prefix="v = ")
    assert npt.array2string(a, **kw) == np.array2string(x, **kw)
    kw = dict(formatter={"float_kind": "{:.1f}".format}, threshold=2, edgeitems=1, sign=" ", suffix=";",
              floatmode="maxprec")
    assert npt.array2string(a, **kw) == np.array2string(x, **kw)
    assert npt.array_repr(a, 25, 1, True) == np.array_repr(x, 25, 1, True)
    assert npt.array_str(a, 25, 1, True) == np.array_str(x, 25, 1, True)


def test_reprs_of_views():
    x = np.arange(24.0).reshape(4, 6)
    a = npt.asarray(x)
    for got, want in [(a.T, x.T), (a[::2, 1::3], x[::2, 1::3]), (a[1], x[1])]:
        assert npt.array_repr(got, precision=1) == np.array_repr(want, precision=1)


def test_printoptions_context_and_decorator():
    a = npt.asarray(np.array([1.23456, 2.5]))
    before = np.get_printoptions()
    with npt.printoptions(precision=2) as opts:
        assert opts["precision"] == 2 == np.get_printoptions()["precision"]
        assert repr(a) == "array([1.23, 2.5 ])"
    assert np.get_printoptions() == before

    @npt.printoptions(precision=1, sign="+")
    def shown():
        return repr(a)

    assert shown() == "array([+1.2, +2.5])"
    assert np.get_printoptions() == before
    with pytest.raises(RuntimeError):
        with npt.printoptions(precision=1):
            raise RuntimeError
    assert np.get_printoptions() == before


def test_print_options_are_numpys_state():
    np.set_printoptions(precision=1)
    assert npt.get_printoptions()["precision"] == 1
    npt.set_printoptions(threshold=3, edgeitems=1)
    assert np.get_printoptions()["threshold"] == 3
    assert repr(npt.arange(10)) == repr(np.arange(10)) == "array([0, ..., 9], shape=(10,))"
    npt.set_printoptions(override_repr=lambda v: f"<{v.dtype} x{v.size}>")
    assert repr(npt.zeros(5, dtype="int8")) == "<int8 x5>"


@pytest.mark.filterwarnings("ignore:legacy printing option")
def test_print_option_errors():
    same_error(lambda: npt.set_printoptions(precision="x"), lambda: np.set_printoptions(precision="x"))
    same_error(lambda: npt.set_printoptions(floatmode="bad"), lambda: np.set_printoptions(floatmode="bad"))
    same_error(lambda: npt.set_printoptions(sign="?"), lambda: np.set_printoptions(sign="?"))
    same_error(lambda: npt.printoptions(legacy="0.1").__enter__(), lambda: np.printoptions(legacy="0.1").__enter__())
    same_error(lambda: npt.array2string(npt.ones(2), separator=1), lambda: np.array2string(np.ones(2), separator=1))


def test_traced_arrays_are_not_printed():
    @npt.jit
    def f(x):
        npt.array_repr(x)
        return x

    with pytest.raises(npt.ConcretizationError, match=r"npt\.array_repr\(\) needs a concrete value"):
        f(npt.ones(3))


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_format_float(dtype):
    x = np.array([0.1, -2.5e-7, 12345.678], dtype=dtype)
    a = npt.asarray(x)
    for i in range(3):
        v = x[i]  # a NumPy scalar; npt's a[i] is a 0-d array, read as that scalar
        assert npt.format_float_positional(a[i]) == np.format_float_positional(v)
        assert npt.format_float_scientific(a[i]) == np.format_float_scientific(v)
        assert npt.format_float_positional(a[i], 3, False, True, "-", True, 4, 5) == \
            np.format_float_positional(v, 3, False, True, "-", True, 4, 5)
        assert npt.format_float_scientific(a[i], 2, False, "0", True, 2, 3, 1) == \
            np.format_float_scientific(v, 2, False, "0", True, 2, 3, 1)
    assert npt.format_float_positional(0.1, min_digits=5) == np.format_float_positional(0.1, min_digits=5)
    same_error(lambda: npt.format_float_positional(a), lambda: np.format_float_positional(x))
    same_error(lambda: npt.format_float_scientific(a[0], -1), lambda: np.format_float_scientific(x[0], -1))


# ---- floating-point error state -------------------------------------------

def test_seterr_geterr_round_trip():
    old = npt.seterr(all="raise")
    assert old == {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}
    assert npt.geterr() == np.geterr() == dict.fromkeys(old, "raise")
    assert npt.seterr(divide="ignore", under="print") == dict.fromkeys(old, "raise")
    assert np.geterr() == {"divide": "ignore", "over": "raise", "under": "print", "invalid": "raise"}
    npt.seterr(**old)
    assert np.geterr() == old
    same_error(lambda: npt.seterr(divide="bogus"), lambda: np.seterr(divide="bogus"))


def test_numpy_obeys_npt_seterr():
    npt.seterr(divide="raise")
    with pytest.raises(FloatingPointError, match="divide by zero"):
        np.float64(1.0) / np.float64(0.0)
    npt.seterr(all="ignore")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.log(np.zeros(1))[0] == -np.inf
    npt.seterr(invalid="warn")
    with pytest.warns(RuntimeWarning, match="invalid value"):
        np.sqrt(np.array([-1.0]))


def test_errstate_context_manager_restores():
    before = np.geterr()
    with npt.errstate(divide="raise", invalid="ignore"):
        assert np.geterr() == {**before, "divide": "raise", "invalid": "ignore"}
        with pytest.raises(FloatingPointError):
            np.divide(np.ones(1), 0.0)
        with npt.errstate(all="warn"):
            assert set(np.geterr().values()) == {"warn"}
        assert np.geterr()["divide"] == "raise"
    assert np.geterr() == before
    with pytest.raises(KeyError):
        with npt.errstate(all="raise"):
            raise KeyError
    assert np.geterr() == before


def test_errstate_decorator_restores():
    before = np.geterr()

    @npt.errstate(all="ignore")
    def quiet_log(v):
        assert set(np.geterr().values()) == {"ignore"}
        return np.log(v)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert quiet_log(np.zeros(2)).tolist() == [-np.inf, -np.inf]
    assert np.geterr() == before
    assert isinstance(npt.errstate(), np.errstate)


def test_errcall_round_trip():
    seen = []

    def report(kind, flag):
        seen.append(kind)

    assert npt.seterrcall(report) is None
    assert npt.geterrcall() is report is np.geterrcall()
    with npt.errstate(divide="call"):
        np.float64(1.0) / np.float64(0.0)
    assert seen == ["divide by zero"]

    log = io.StringIO()
    with npt.errstate(call=log, over="log"):
        assert npt.geterrcall() is log
        np.float64(1e308) * np.float64(10.0)
    assert "overflow" in log.getvalue()
    assert npt.geterrcall() is report
    assert npt.seterrcall(None) is report
    same_error(lambda: npt.seterrcall(3), lambda: np.seterrcall(3))
    same_error(lambda: npt.errstate(bogus="raise"), lambda: np.errstate(bogus="raise"))


@pytest.mark.xfail(strict=True, reason="npt's compiled kernels do not raise floating-point errors yet")
def test_npt_kernels_obey_errstate():
    with npt.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            np.asarray(npt.asarray(np.ones(3)) / npt.zeros(3))


def test_bufsize():
    old = npt.getbufsize()
    assert old == np.getbufsize()
    assert npt.setbufsize(4096) == old
    assert np.getbufsize() == 4096 == npt.getbufsize()
    same_error(lambda: npt.setbufsize(-1), lambda: np.setbufsize(-1))
    same_error(lambda: npt.setbufsize(5.5), lambda: np.setbufsize(5.5))


# ---- small helpers --------------------------------------------------------

def test_base_and_binary_repr():
    for n in [0, 5, -5, 255, 2**40]:
        a = npt.asarray(np.array(n, dtype="int64"))
        assert npt.base_repr(a) == np.base_repr(n)
        assert npt.base_repr(a, 16, 3) == np.base_repr(n, 16, 3)
        assert npt.base_repr(n, 36) == np.base_repr(n, 36)
        assert npt.binary_repr(a) == np.binary_repr(n)
        assert npt.binary_repr(a, 48) == np.binary_repr(n, 48)
    assert npt.binary_repr(npt.asarray(np.int8(-3))[()], 8) == "11111101"
    same_error(lambda: npt.base_repr(5, 40), lambda: np.base_repr(5, 40))
    same_error(lambda: npt.binary_repr(1.5), lambda: np.binary_repr(1.5))


def test_typename_mintypecode_iterable():
    for c in "?bBhHiIlLqQfdgFDGSUV":
        assert npt.typename(c) == np.typename(c)
    for chars in [["f", "d"], ["f", "D"], "ifF", ["i"]]:
        assert npt.mintypecode(chars) == np.mintypecode(chars)
        assert npt.mintypecode(chars, "fF", "f") == np.mintypecode(chars, "fF", "f")
    arrays = [np.zeros(1, "float32"), np.zeros(1, "complex64")]
    assert npt.mintypecode([npt.asarray(v) for v in arrays]) == np.mintypecode(arrays) == "F"
    a = npt.arange(3)
    for y, want in [(a, True), (a[0], False), ([1], True), (3, False), (npt.zeros((0, 2)), True)]:
        assert npt.iterable(y) is want is np.iterable(np.asarray(y) if isinstance(y, npt.ndarray) else y)


def test_info():
    a = npt.asarray(np.arange(6, dtype="int16").reshape(2, 3).T)

    def shown(fn, obj):
        out = io.StringIO()
        fn(obj, output=out)
        return [ln for ln in out.getvalue().splitlines() if not ln.startswith("data pointer")]

    x = np.asarray(a)
    assert shown(npt.info, a) == shown(np.info, x)
    assert "type: int16" in shown(npt.info, a)
    assert shown(npt.info, np.sum) == shown(np.info, np.sum)


# ---- .npy -----------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_save_load_npy(tmp_path, dtype, shape):
    x = sample(dtype, shape)
    npt.save(tmp_path / "ours.npy", npt.asarray(x))
    np.save(tmp_path / "theirs.npy", x)
    assert (tmp_path / "ours.npy").read_bytes() == (tmp_path / "theirs.npy").read_bytes()
    got = npt.load(tmp_path / "ours.npy")
    assert_same(got, x)
    assert got.flags.writeable


def test_save_views_and_file_objects(tmp_path):
    x = np.arange(24, dtype="float32").reshape(4, 6)
    a = npt.asarray(x)
    for got, want in [(a.T, x.T), (a[::2, 1::2], x[::2, 1::2])]:
        buf, ref = io.BytesIO(), io.BytesIO()
        npt.save(buf, got)
        np.save(ref, want)
        assert buf.getvalue() == ref.getvalue()
        buf.seek(0)
        assert_same(npt.load(buf), want)
    npt.save(str(tmp_path / "noext"), a)  # NumPy adds .npy
    assert_same(npt.load(str(tmp_path / "noext.npy")), x)
    npt.save(tmp_path / "list.npy", [a[0], a[1]])
    assert_same(npt.load(tmp_path / "list.npy"), x[:2])


def test_load_mmap_modes(tmp_path):
    path = tmp_path / "m.npy"
    x = np.arange(6.0)
    np.save(path, x)
    r = npt.load(path, mmap_mode="r")
    assert_same(r, x)
    assert not r.flags.writeable
    same_error(lambda: r.__setitem__(0, 1.0), lambda: np.load(path, mmap_mode="r").__setitem__(0, 1.0))
    c = npt.load(path, mmap_mode="c")
    c[0] = 100.0
    assert c.flags.writeable and float(c[0]) == 100.0
    assert np.load(path)[0] == 0.0  # copy-on-write: the file is untouched
    np.save(path, -x)
    assert_same(r, x)  # a copy of the values when loaded
    for mode in ["r+", "w+"]:
        message = re.escape(f"mmap_mode='{mode}'") + ".*writes to it would not reach"
        with pytest.raises(NotImplementedError, match=message):
            npt.load(path, mmap_mode=mode)
    assert_same(npt.load(path), -x)  # (w+ would have truncated it)
    same_error(lambda: npt.load(path, mmap_mode="x"), lambda: np.load(path, mmap_mode="x"))


def test_load_errors(tmp_path):
    same_error(lambda: npt.load(tmp_path / "missing.npy"), lambda: np.load(tmp_path / "missing.npy"))
    (tmp_path / "empty.npy").write_bytes(b"")
    same_error(lambda: npt.load(tmp_path / "empty.npy"), lambda: np.load(tmp_path / "empty.npy"))
    np.save(tmp_path / "s.npy", np.zeros(2, dtype=[("a", "i4"), ("b", "f8")]))
    with pytest.raises(TypeError, match=r"npt\.load: the result has the structured dtype .* no structured"):
        npt.load(tmp_path / "s.npy")
    np.save(tmp_path / "u.npy", np.array(["ab", "c"]))
    with pytest.raises(TypeError, match=r"npt\.load: npt does not support dtype"):
        npt.load(tmp_path / "u.npy")
    np.save(tmp_path / "o.npy", np.array([None, 1], dtype=object))
    same_error(lambda: npt.load(tmp_path / "o.npy"), lambda: np.load(tmp_path / "o.npy"))


# ---- .npz -----------------------------------------------------------------

@pytest.mark.parametrize("writer", ["savez", "savez_compressed"])
def test_savez_round_trip(tmp_path, writer):
    xs = {d: sample(d, (2, 3)) for d in DTYPES}
    arrays = [npt.asarray(v) for v in xs.values()]
    getattr(npt, writer)(tmp_path / "ours.npz", arrays[0], arrays[1], **{d: npt.asarray(v) for d, v in xs.items()})
    getattr(np, writer)(tmp_path / "theirs.npz", *list(xs.values())[:2], **xs)
    with npt.load(tmp_path / "ours.npz") as z, np.load(tmp_path / "theirs.npz") as ref:
        assert isinstance(z, _io.NpzFile)
        assert z.files == ref.files and list(z) == list(ref) and list(z.keys()) == list(ref.keys())
        assert len(z) == len(ref) == len(DTYPES) + 2
        assert "float32" in z and "float32.npy" in z and "nope" not in z
        for k in ref.files:
            assert_same(z[k], ref[k])
            assert_same(getattr(z.f, k), ref[k])
        for (k, v), (rk, rv) in zip(z.items(), ref.items()):
            assert k == rk
            assert_same(v, rv)
        assert all(isinstance(v, npt.ndarray) for v in z.values())
        assert z.get("nope", 7) == 7 and isinstance(z.get("int8"), npt.ndarray)
        assert repr(z) == repr(ref).replace("theirs", "ours")
        same_error(lambda: z["nope"], lambda: ref["nope"])
        same_error(lambda: z.f.nope, lambda: ref.f.nope)
        assert z.zip is not None and z.allow_pickle is False and z.max_header_size == ref.max_header_size
        assert z.pickle_kwargs == ref.pickle_kwargs
    assert z.zip is None and z.fid is None and z.f is None  # closed by the with block


def test_savez_file_object_and_close(tmp_path):
    a = npt.arange(5, dtype="int8")
    buf = io.BytesIO()
    npt.savez(buf, a, b=a[::-1])
    buf.seek(0)
    z = npt.load(buf)
    assert z.fid is None  # (load was given the file)
    assert_same(z["arr_0"], np.arange(5, dtype="int8"))
    assert_same(z["b"], np.arange(5, dtype="int8")[::-1])
    z.close()
    assert z.zip is None
    same_error(lambda: npt.savez(tmp_path / "x.npz", a, arr_0=a), lambda: np.savez(tmp_path / "y.npz", a, arr_0=a))


def test_npz_non_npy_member_and_mmap_mode(tmp_path):
    import zipfile
    path = tmp_path / "raw.npz"
    np.savez(path, a=np.ones(2))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("notes.txt", b"hello")
    with npt.load(path, mmap_mode="r") as z:  # (mmap_mode is ignored for archives, as NumPy does)
        assert z["notes.txt"] == b"hello"
        assert_same(z["a"], np.ones(2))


# ---- pickles: dump, dumps -------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_dump_dumps(tmp_path, dtype):
    x = sample(dtype, (3, 2))
    a = npt.asarray(x).T
    assert _io.dumps(a) == x.T.dumps()
    back = pickle.loads(_io.dumps(a))
    assert type(back) is np.ndarray
    np.testing.assert_array_equal(back, x.T, strict=True)
    _io.dump(a, tmp_path / "p.pkl")
    assert_same(npt.load(tmp_path / "p.pkl", allow_pickle=True), x.T)
    with open(tmp_path / "q.pkl", "wb") as f:
        _io.dump(a, f)
    assert (tmp_path / "q.pkl").read_bytes() == (tmp_path / "p.pkl").read_bytes()
    same_error(lambda: npt.load(tmp_path / "p.pkl"), lambda: np.load(tmp_path / "p.pkl"))


def test_load_pickled_object(tmp_path):
    with open(tmp_path / "obj.pkl", "wb") as f:
        pickle.dump({"k": [1, 2]}, f)
    assert npt.load(tmp_path / "obj.pkl", allow_pickle=True) == {"k": [1, 2]}


# ---- text -----------------------------------------------------------------

FMT = {"bool": "%d", "int8": "%d", "uint16": "%u", "int64": "%d"}


@pytest.mark.filterwarnings("ignore:Input line 1 contained no data")  # (the header line; max_rows=1)
@pytest.mark.parametrize("shape", [(4,), (2, 3)])
@pytest.mark.parametrize("dtype", DTYPES)
def test_savetxt_loadtxt(tmp_path, dtype, shape):
    x = sample(dtype, shape)
    fmt = FMT.get(dtype, "%.18e")
    npt.savetxt(tmp_path / "ours.txt", npt.asarray(x), fmt=fmt, delimiter=",", header="h", footer="f")
    np.savetxt(tmp_path / "theirs.txt", x, fmt=fmt, delimiter=",", header="h", footer="f")
    assert (tmp_path / "ours.txt").read_bytes() == (tmp_path / "theirs.txt").read_bytes()
    for kw in [{}, {"unpack": True}, {"ndmin": 2}, {"max_rows": 1}, {"skiprows": 1}]:
        want = np.loadtxt(tmp_path / "theirs.txt", dtype=dtype, delimiter=",", **kw)
        assert_same(npt.loadtxt(tmp_path / "ours.txt", dtype=dtype, delimiter=",", **kw), want)


def test_loadtxt_options_and_errors(tmp_path):
    text = "# c\n1;2;'3'\n4;5;'6'\n"
    kw = dict(delimiter=";", usecols=(0, 2), quotechar="'", converters={0: lambda s: float(s) * 10})
    assert_same(npt.loadtxt(io.StringIO(text), **kw), np.loadtxt(io.StringIO(text), **kw))
    assert_same(npt.loadtxt(["1 2", "3 4"], dtype="float32"), np.loadtxt(["1 2", "3 4"], dtype="float32"))
    assert_same(npt.loadtxt(io.StringIO("7")), np.loadtxt(io.StringIO("7")))  # 0-d
    same_error(lambda: npt.loadtxt(io.StringIO("1 x")), lambda: np.loadtxt(io.StringIO("1 x")))
    same_error(lambda: npt.loadtxt(io.StringIO("1 2\n3")), lambda: np.loadtxt(io.StringIO("1 2\n3")))
    same_error(lambda: npt.savetxt(tmp_path / "e.txt", npt.zeros((2, 2, 2))),
               lambda: np.savetxt(tmp_path / "e.txt", np.zeros((2, 2, 2))))
    with pytest.raises(TypeError, match=r"npt\.loadtxt: the result has the structured dtype"):
        npt.loadtxt(io.StringIO("1 2"), dtype=[("a", "i4"), ("b", "f8")])
    with pytest.raises(TypeError, match=r"npt\.loadtxt: npt does not support dtype"):
        npt.loadtxt(io.StringIO("a b"), dtype=str)


def test_like():
    assert type(npt.loadtxt(["1 2"], like=np.empty(0))) is np.ndarray  # another array type: NumPy decides
    assert type(npt.loadtxt(["1 2"], like=npt.empty(0))) is npt.ndarray
    assert type(npt.fromiter(range(3), "i4", like=np.empty(0))) is np.ndarray
    assert type(npt.fromstring("1 2", sep=" ", like=npt.empty(0))) is npt.ndarray
    assert type(npt.frombuffer(b"\0" * 8, like=np.empty(0))) is np.ndarray


def test_genfromtxt(tmp_path):
    text = "a,b,c\n1,,3\n4,5,\n7,8,9\n"
    kw = dict(delimiter=",", skip_header=1, filling_values=-1)
    for dtype in ["float64", "float32", "int8", "complex128"]:
        want = np.genfromtxt(io.StringIO(text), dtype=dtype, **kw)
        assert_same(npt.genfromtxt(io.StringIO(text), dtype=dtype, **kw), want)
    want = np.genfromtxt(io.StringIO(text), delimiter=",", skip_header=1, usecols=(0, 2), unpack=True)
    assert_same(npt.genfromtxt(io.StringIO(text), delimiter=",", skip_header=1, usecols=(0, 2), unpack=True), want)
    (tmp_path / "g.txt").write_text(text)
    assert_same(npt.genfromtxt(tmp_path / "g.txt", delimiter=",", skip_header=1, skip_footer=1, ndmin=2),
                np.genfromtxt(tmp_path / "g.txt", delimiter=",", skip_header=1, skip_footer=1, ndmin=2))
    # unpack with names gives each field as a plain array
    got = npt.genfromtxt(io.StringIO(text), delimiter=",", names=True, unpack=True)
    want = np.genfromtxt(io.StringIO(text), delimiter=",", names=True, unpack=True)
    assert type(got) is type(want) and len(got) == len(want) == 3
    for g, w in zip(got, want):
        assert_same(g, w)
    mixed = "a,b,c\n1,2.5,x\n"
    for kw in [dict(names=True), dict(dtype=None, skip_header=1), dict(dtype="i4,f8,U2", skip_header=1)]:
        assert np.genfromtxt(io.StringIO(mixed), delimiter=",", **kw).dtype.names is not None
        with pytest.raises(TypeError, match=r"npt\.genfromtxt: the result has the structured dtype .* npt has no"):
            npt.genfromtxt(io.StringIO(mixed), delimiter=",", **kw)
    with pytest.raises(NotImplementedError, match=r"npt\.genfromtxt: npt has no masked arrays"):
        npt.genfromtxt(io.StringIO(text), delimiter=",", skip_header=1, usemask=True)
    bad = "1,2\n3\n"
    same_error(lambda: npt.genfromtxt(io.StringIO(bad), delimiter=","),
               lambda: np.genfromtxt(io.StringIO(bad), delimiter=","))


def test_fromregex(tmp_path):
    text = "x=1.5 y=2\nx=3.25 y=4\n"
    (tmp_path / "r.txt").write_text(text)
    assert np.fromregex(io.StringIO(text), r"y=(\d+)", [("y", "i4")]).dtype.names == ("y",)
    for dtype in [[("y", "i4")], [("x", "f8"), ("y", "i4")]]:  # (NumPy's results are always structured)
        regexp = r"y=(\d+)" if len(dtype) == 1 else r"x=([\d.]+) y=(\d+)"
        with pytest.raises(TypeError, match=r"npt\.fromregex: the result has the structured dtype .* "
                                            r"numpy\.fromregex and pass its fields to npt\.asarray"):
            npt.fromregex(tmp_path / "r.txt", regexp, dtype)
    same_error(lambda: npt.fromregex(io.StringIO(text), r"y=(\d+)", "f8"),
               lambda: np.fromregex(io.StringIO(text), r"y=(\d+)", "f8"))
    same_error(lambda: npt.fromregex(tmp_path / "nope.txt", r"y", [("y", "i4")]),
               lambda: np.fromregex(tmp_path / "nope.txt", r"y", [("y", "i4")]))


# ---- raw bytes: tofile, fromfile, frombuffer, fromstring, fromiter -------

@pytest.mark.parametrize("dtype", DTYPES)
def test_tofile_fromfile(tmp_path, dtype):
    x = sample(dtype, (3, 4))
    a = npt.asarray(x)
    _io.tofile(a.T, tmp_path / "ours.bin")
    x.T.tofile(tmp_path / "theirs.bin")
    assert (tmp_path / "ours.bin").read_bytes() == (tmp_path / "theirs.bin").read_bytes()
    assert_same(npt.fromfile(tmp_path / "ours.bin", dtype=dtype), np.fromfile(tmp_path / "theirs.bin", dtype=dtype))
    n = np.dtype(dtype).itemsize
    assert_same(npt.fromfile(tmp_path / "ours.bin", dtype, 5, offset=2 * n),
                np.fromfile(tmp_path / "theirs.bin", dtype, 5, offset=2 * n))
    with open(tmp_path / "ours.bin", "rb") as f:
        assert_same(npt.fromfile(f, dtype=dtype, count=3), x.T.ravel()[:3])
    if dtype not in ("bool", "complex128"):  # (text that NumPy's fromfile reads back)
        _io.tofile(a, tmp_path / "ours.txt", sep=",", format="%s")
        x.tofile(tmp_path / "theirs.txt", sep=",", format="%s")
        assert (tmp_path / "ours.txt").read_bytes() == (tmp_path / "theirs.txt").read_bytes()
        assert_same(npt.fromfile(tmp_path / "ours.txt", dtype=dtype, sep=","),
                    np.fromfile(tmp_path / "theirs.txt", dtype=dtype, sep=","))


def test_fromfile_defaults_and_errors(tmp_path):
    np.arange(3.0).tofile(tmp_path / "d.bin")
    assert_same(npt.fromfile(tmp_path / "d.bin"), np.fromfile(tmp_path / "d.bin"))  # dtype=None: float64
    same_error(lambda: npt.fromfile(tmp_path / "missing.bin"), lambda: np.fromfile(tmp_path / "missing.bin"))
    same_error(lambda: npt.fromfile(tmp_path / "d.bin", offset=-1), lambda: np.fromfile(tmp_path / "d.bin", offset=-1))


@pytest.mark.parametrize("dtype", DTYPES)
def test_frombuffer(dtype):
    x = sample(dtype, (6,))
    raw = x.tobytes()
    assert_same(npt.frombuffer(raw, dtype=dtype), np.frombuffer(raw, dtype=dtype))
    n = x.dtype.itemsize
    assert_same(npt.frombuffer(raw, dtype, 2, n), np.frombuffer(raw, dtype, 2, n))
    assert not npt.frombuffer(raw, dtype=dtype).flags.writeable  # bytes: read-only, as NumPy's
    assert_same(npt.frombuffer(npt.asarray(x), dtype=dtype), np.frombuffer(x, dtype=dtype))  # npt's bytes


def test_frombuffer_is_a_copy_and_errors():
    ba = bytearray(b"\x01\x02\x03\x04")
    a = npt.frombuffer(ba, dtype="uint8")
    assert a.flags.writeable == np.frombuffer(ba, dtype="uint8").flags.writeable
    a[0] = 9
    assert ba[0] == 9  # (the bytearray's memory, shared as NumPy's frombuffer shares it)
    ba[1] = 7
    assert int(a[1]) == 7
    r = npt.frombuffer(b"\x01\x02", dtype="uint8")  # (read-only bytes: a read-only array, a copy)
    assert not r.flags.writeable and r.tolist() == [1, 2]
    same_error(lambda: npt.frombuffer(b"abc", dtype="int16"), lambda: np.frombuffer(b"abc", dtype="int16"))
    same_error(lambda: npt.frombuffer(b"abcd", "uint8", 9), lambda: np.frombuffer(b"abcd", "uint8", 9))
    same_error(lambda: npt.frombuffer(b"ab", "uint8", -1, 5), lambda: np.frombuffer(b"ab", "uint8", -1, 5))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "float32", "float64"])
def test_fromstring(dtype):
    assert_same(npt.fromstring("1, 2, 3, 4", dtype=dtype, sep=","), np.fromstring("1, 2, 3, 4", dtype=dtype, sep=","))
    assert_same(npt.fromstring("1 2 3 4", dtype, 2, sep=" "), np.fromstring("1 2 3 4", dtype, 2, sep=" "))
    assert_same(npt.fromstring("1.5 2", sep=" "), np.fromstring("1.5 2", sep=" "))
    same_error(lambda: npt.fromstring("1 2 x", dtype=dtype, sep=" "),
               lambda: np.fromstring("1 2 x", dtype=dtype, sep=" "))
    same_error(lambda: npt.fromstring(b"\x01\x02", dtype=dtype), lambda: np.fromstring(b"\x01\x02", dtype=dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_fromiter(dtype):
    vals = sample(dtype, (5,)).tolist()
    assert_same(npt.fromiter(iter(vals), dtype), np.fromiter(iter(vals), dtype))
    assert_same(npt.fromiter((v for v in vals), dtype, 3), np.fromiter((v for v in vals), dtype, 3))
    assert_same(npt.fromiter([], dtype), np.fromiter([], dtype))
    same_error(lambda: npt.fromiter(iter(vals), dtype, 9), lambda: np.fromiter(iter(vals), dtype, 9))


def test_fromiter_errors():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'dtype'"):
        npt.fromiter(range(3))  # (NumPy's C message words it differently)
    same_error(lambda: npt.fromiter(3, "i4"), lambda: np.fromiter(3, "i4"))
    with pytest.raises(TypeError, match=r"npt\.fromiter: npt does not support dtype 'object'"):
        npt.fromiter([None], object)


def test_io_of_traced_arrays_names_the_function(tmp_path):
    @npt.jit
    def f(x):
        npt.save(os.fspath(tmp_path / "t.npy"), x)
        return x

    with pytest.raises(npt.ConcretizationError, match=r"npt\.save\(\) needs a concrete value"):
        f(npt.ones(2))
