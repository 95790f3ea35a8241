"""npt.random against NumPy: the same seed gives the same numbers (the
methods named exact in npt.random's docstring), and the same state after."""
import numpy as np
import pytest

import npt

SEEDS = [0, 12345, 2**63 + 5]

GENERATOR_CASES = [
    ("random", ((5,),)), ("random", ((3, 4),)), ("random", ((2**21 + 3,),)), ("random", ()),
    ("random", ((7,), np.float32)),
    ("standard_normal", ((2000,),)), ("standard_normal", ((999,), np.float32)), ("standard_normal", ()),
    ("integers", (0, 10, (7,))), ("integers", (0, 2**40, (5,))), ("integers", (-5, 5, (6,), np.int8)),
    ("integers", (0, 2, (9,), np.bool_)), ("integers", (3, 1000, (11,), np.uint16)),
    ("integers", (0, 7, (5,), np.int64, True)), ("integers", (5,)),
    ("integers", ([0, 10, 100], [5, 50, 1000])), ("integers", (np.array([1, 2]), 9, (3, 2), np.int32)),
    ("normal", (1.0, 2.0, (5,))), ("normal", ([0.0, 10.0], 1.0)), ("uniform", (-1, 3, (5,))),
    ("exponential", (2.0, (5,))), ("standard_exponential", ((5,),)),
    ("standard_exponential", ((5,), np.float64, "inv")), ("permutation", (10,)),
    ("choice", (5, (3,))), ("choice", ([1.5, 2.5, 3.5], (4,), True, [0.2, 0.3, 0.5])),
    ("choice", (100000, 5000, False)), ("choice", (50, 10, False)),
    ("choice", (10, 4, False, [0.1] * 5 + [0.3, 0.2, 0, 0, 0])), ("choice", (5, (2, 2), False, [.1, .2, .3, .2, .2])),
    ("choice", (50, 10, False, None, 0, False)), ("choice", (100000, 8000, False, None, 0, False)),
    ("poisson", (3.0, (6,))), ("gamma", (2.0, 1.0, (5,))), ("binomial", (10, 0.3, (6,))),
    ("beta", (2.0, 3.0, (4,))), ("chisquare", (3.0, (4,))), ("standard_t", (5.0, (4,))),
    ("vonmises", (0.5, 2.0, (4,))), ("laplace", (0.0, 1.0, (4,))), ("lognormal", (0.0, 1.0, (4,))),
    ("geometric", (0.3, (5,))), ("zipf", (2.0, (5,))), ("logseries", (0.5, (5,))),
    ("hypergeometric", (10, 5, 6, (5,))), ("negative_binomial", (5, 0.5, (5,))),
    ("triangular", (0.0, 0.5, 1.0, (5,))), ("wald", (1.0, 2.0, (4,))), ("weibull", (1.5, (4,))), ("bytes", (9,)),
    ("dirichlet", ([2.0, 3.0, 5.0], 6)), ("dirichlet", ([0.01, 0.05, 0.02], (2, 3))), ("dirichlet", ([0.05],)),
    ("multinomial", (20, [0.2, 0.3, 0.5], 4)), ("multinomial", ([[3], [40]], [[0.2, 0.8], [0.5, 0.5], [0.1, 0.9]])),
    ("multinomial", (7, [0.5, 0.5])),
    ("multivariate_hypergeometric", ([4, 6, 10], 8, 5)), ("multivariate_hypergeometric", ([10, 20, 30, 40], 70, (2, 3))),
    ("multivariate_hypergeometric", ([10, 20, 30], 25, 4, "count")),
    ("multivariate_normal", ([1.0, -2.0, 0.5], [[2.0, 0.6, 0.1], [0.6, 1.0, 0.2], [0.1, 0.2, 0.5]], (5, 2))),
    ("multivariate_normal", ([0.0, 1.0], [[1.0, 0.3], [0.3, 2.0]], 4, "warn", 1e-8)),
]


def _assert_same_draws(name, x, y):
    if name == "multivariate_normal":  # NumPy's numbers up to the matmul's rounding, which varies by CPU
        np.testing.assert_allclose(x, y, rtol=1e-14, atol=1e-15)
    else:
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name,args", GENERATOR_CASES, ids=lambda v: str(v)[:40])
def test_generator_stream_is_numpys(seed, name, args):
    g, n = npt.random.default_rng(seed), np.random.default_rng(seed)
    for _ in range(2):  # the second draw starts from the state the first left
        x, y = getattr(g, name)(*args), getattr(n, name)(*args)
        assert type(x) is type(y) if np.isscalar(y) else isinstance(x, npt.ndarray)
        xa = np.asarray(x)
        assert xa.dtype == np.asarray(y).dtype and xa.shape == np.shape(y)
        _assert_same_draws(name, xa, y)
    assert g.bit_generator.state == n.bit_generator.state


LEGACY_CASES = [("rand", (3,)), ("rand", ()), ("randn", (5,)), ("randn", (2, 3)), ("randint", (0, 100, (5,))),
                ("randint", (7,)), ("random_sample", ((4,),)), ("normal", (0, 1, (3,))),
                ("normal", ([1.0, 2.0], 3.0)), ("uniform", (0, 1, (3,))), ("choice", (10, 4, False)),
                ("choice", ([3, 4, 5], 6, True, [0.5, 0.25, 0.25])), ("permutation", (8,)),
                ("choice", ([1.5, 2.5, 3.5], 2, False, [0.2, 0.3, 0.5])),
                ("laplace", (0.0, 2.0, (3,))), ("gumbel", (0.0, 2.0, (3,))), ("logistic", (0.0, 2.0, (3,))),
                ("triangular", (0.0, 0.3, 2.0, (4,))), ("binomial", (12, 0.4, (5,))), ("binomial", (500, 0.2, (3,))),
                ("poisson", (4.0, (5,))), ("poisson", (50.0, (3,))), ("vonmises", (0.5, 2.0, (4,))),
                ("zipf", (2.5, (4,))), ("logseries", (0.6, (4,))), ("bytes", (7,)),
                ("multinomial", (20, [0.2, 0.3, 0.5], 4)),
                # NumPy's frozen legacy algorithms
                ("beta", (2.0, 3.0, 5)), ("beta", (0.5, 0.7, 5)), ("chisquare", (0.5, 4)), ("exponential", (2.0, 4)),
                ("f", (3.0, 4.0, 4)), ("gamma", (0.3, 2.0, 5)), ("gamma", (2.0, 1.5, 5)), ("geometric", (0.3, 5)),
                ("geometric", (0.6, 5)), ("lognormal", (0.5, 0.8, 3)), ("negative_binomial", (0.5, 0.3, 5)),
                ("noncentral_chisquare", (0.5, 2.0, 4)), ("noncentral_chisquare", (3.0, 1.0, 4)),
                ("noncentral_f", (3.0, 4.0, 1.0, 4)), ("pareto", (2.0, 4)), ("power", (2.5, 4)), ("rayleigh", (1.5, 4)),
                ("standard_cauchy", (4,)), ("standard_exponential", (4,)), ("standard_gamma", (1.0, 4)),
                ("standard_t", (5.0, 4)), ("wald", (1.0, 2.0, 4)), ("weibull", (1.5, 4)), ("dirichlet", ([2.0, 3.0, 0.5], 3)),
                ("hypergeometric", (10, 5, 6, 5)), ("hypergeometric", (100, 200, 50, 5)),
                ("hypergeometric", (1000, 5, 300, 5)),
                ("multivariate_normal", ([1.0, -2.0], [[2.0, 0.6], [0.6, 1.0]], 4))]


@pytest.mark.parametrize("seed", [0, 3, 2**32 - 1])
@pytest.mark.parametrize("name,args", LEGACY_CASES, ids=lambda v: str(v)[:40])
def test_legacy_stream_is_numpys(seed, name, args):
    npt.random.seed(seed)
    np.random.seed(seed)
    for _ in range(3):  # odd counts of randn leave a cached gaussian: the next call uses it
        x, y = getattr(npt.random, name)(*args), getattr(np.random, name)(*args)
        _assert_same_draws(name, np.asarray(x), y)
    for a, b in zip(npt.random.get_state(), np.random.get_state()):
        np.testing.assert_array_equal(a, b)


def test_shuffle_in_place_and_state_round_trip():
    for mod in (np.random.default_rng(4), np.random.RandomState(4)):
        ours = npt.random.default_rng(4) if isinstance(mod, np.random.Generator) else npt.random.RandomState(4)
        a, b = np.arange(20.0).reshape(10, 2), np.arange(20.0).reshape(10, 2)
        ours.shuffle(a)
        mod.shuffle(b)
        np.testing.assert_array_equal(a, b)
        c = npt.arange(10)
        ours.shuffle(c)
        d = np.arange(10)
        mod.shuffle(d)
        np.testing.assert_array_equal(np.asarray(c), d)
    rs = npt.random.RandomState(9)
    rs.randn()  # leaves a cached gaussian
    st = rs.get_state()
    first = rs.randn(4)
    rs.set_state(st)
    np.testing.assert_array_equal(np.asarray(rs.randn(4)), np.asarray(first))


@pytest.mark.parametrize("args,msg", [((5, 1.5), "p < 0, p > 1 or p is NaN"), ((0, 0.5), "n <= 0")])
def test_legacy_negative_binomial_checks(args, msg):
    for mod in (npt.random, np.random):
        with pytest.raises(ValueError, match=msg.replace("(", r"\(")):
            mod.negative_binomial(*args)


def test_permuted_and_advance():
    g, n = npt.random.default_rng(2), np.random.default_rng(2)
    x = np.arange(24).reshape(2, 3, 4)
    for axis in (None, 0, 1, 2):
        np.testing.assert_array_equal(np.asarray(g.permuted(x, axis=axis)), n.permuted(x, axis=axis))
    g.bit_generator.advance(10**20 + 7)
    n.bit_generator.advance(10**20 + 7)
    np.testing.assert_array_equal(np.asarray(g.random(3)), n.random(3))
    j, k = g.bit_generator.jumped(2), n.bit_generator.jumped(2)
    np.testing.assert_array_equal(np.asarray(npt.random.Generator(j).random(3)), np.random.Generator(k).random(3))


@pytest.mark.parametrize("call,exc,msg", [
    (lambda r: r.normal(0, -1.0), ValueError, "scale < 0"),
    (lambda r: r.multinomial(5, [[0.8, 0.7, 0.1]]), ValueError, "sum(pvals[...,:-1]) > 1.0"),
    (lambda r: r.multinomial([1, 2], [0.5, 0.5], size=3), ValueError, None),
    (lambda r: r.multinomial(5, [np.nan, 0.5]), ValueError, "pvals < 0, pvals > 1 or pvals contains NaNs"),
    (lambda r: r.multivariate_hypergeometric([4, 1], 9), ValueError, "nsample > sum(colors)"),
    (lambda r: r.multivariate_hypergeometric([4, 1], 2, method="x"), ValueError, None),
    (lambda r: r.integers(5, 5), ValueError, "low >= high"),
    (lambda r: r.integers(0, 300, dtype=np.uint8), ValueError, "high is out of bounds for uint8"),
    (lambda r: r.poisson(-1.0), ValueError, "lam < 0 or lam is NaN"),
    (lambda r: r.choice(5, 6, replace=False), ValueError,
     "Cannot take a larger sample than population when replace is False"),
    (lambda r: r.random(dtype=np.int32), TypeError, None),
    (lambda r: r.binomial(-1, 2.0), ValueError, "p < 0, p > 1 or p is NaN"),
    (lambda r: r.binomial([1, np.nan], [0.5, 2]), ValueError, "cannot convert float NaN to integer"),
    (lambda r: r.binomial(-1, 0.5), ValueError, "n < 0"),
    (lambda r: r.negative_binomial(5, 0.0), ValueError, "p <= 0, p > 1 or p contains NaNs"),
    (lambda r: r.negative_binomial(np.nan, 1.5), ValueError, "n must not be NaN"),
    (lambda r: r.negative_binomial(-1, 1.5), ValueError, "n <= 0"),
])
def test_errors_are_numpys(call, exc, msg):
    with pytest.raises(exc) as ours:
        call(npt.random.default_rng(0))
    with pytest.raises(exc) as theirs:
        call(np.random.default_rng(0))
    if msg is not None:
        assert str(ours.value) == str(theirs.value) == msg


from scipy import stats  # noqa: E402  (the reference distributions)

# The distributions against SciPy's at a fixed seed (so a pass is
# deterministic): Kolmogorov-Smirnov for the continuous ones, chi-square on
# the counts for the discrete ones. The exact-stream tests above pin npt to
# NumPy's numbers; these pin the numbers to the distribution, and are the
# test for multivariate_normal, whose product is npt's matmul.
CONTINUOUS = [
    ("beta", (2.0, 3.0), stats.beta(2.0, 3.0)), ("chisquare", (3.0,), stats.chi2(3.0)),
    ("exponential", (2.0,), stats.expon(scale=2.0)), ("f", (3.0, 4.0), stats.f(3.0, 4.0)),
    ("gamma", (2.0, 1.5), stats.gamma(2.0, scale=1.5)), ("lognormal", (0.5, 0.8), stats.lognorm(0.8, scale=np.exp(0.5))),
    ("noncentral_chisquare", (3.0, 1.5), stats.ncx2(3.0, 1.5)),
    ("noncentral_f", (3.0, 6.0, 1.5), stats.ncf(3.0, 6.0, 1.5)), ("pareto", (3.0,), stats.lomax(3.0)),
    ("power", (2.5,), stats.powerlaw(2.5)), ("rayleigh", (1.5,), stats.rayleigh(scale=1.5)),
    ("standard_cauchy", (), stats.cauchy()), ("standard_exponential", (), stats.expon()),
    ("standard_gamma", (0.7,), stats.gamma(0.7)), ("standard_t", (5.0,), stats.t(5.0)),
    ("wald", (1.0, 2.0), stats.invgauss(0.5, scale=2.0)), ("weibull", (1.5,), stats.weibull_min(1.5)),
]
DISCRETE = [
    ("geometric", (0.3,), stats.geom(0.3)), ("hypergeometric", (10, 5, 6), stats.hypergeom(15, 10, 6)),
    ("negative_binomial", (5, 0.5), stats.nbinom(5, 0.5)),
]
N_STAT = 20000


def _chisquare_pvalue(x, dist):
    """Chi-square of the counts against dist's pmf; the values outside the
    bins expecting at least 5 draws counted in the last bin."""
    ks = np.arange(int(dist.ppf(1e-9)), int(dist.ppf(1 - 1e-9)) + 1)
    expected = dist.pmf(ks) * x.size
    keep = ks[expected >= 5]
    obs = np.array([np.sum(x == k) for k in keep], dtype=float)
    exp = dist.pmf(keep) * x.size
    obs[-1] += x.size - obs.sum()
    exp[-1] += x.size - exp.sum()
    return stats.chisquare(obs, exp).pvalue


@pytest.mark.parametrize("name,args,dist", CONTINUOUS, ids=[c[0] for c in CONTINUOUS])
def test_legacy_continuous_distributions_are_right_in_distribution(name, args, dist):
    npt.random.seed(0)
    x = np.asarray(getattr(npt.random, name)(*args, size=N_STAT))
    assert x.dtype == np.float64 and x.shape == (N_STAT,)
    assert stats.kstest(x, dist.cdf).pvalue > 1e-3


@pytest.mark.parametrize("name,args,dist", DISCRETE, ids=[c[0] for c in DISCRETE])
def test_legacy_discrete_distributions_are_right_in_distribution(name, args, dist):
    npt.random.seed(0)
    x = np.asarray(getattr(npt.random, name)(*args, size=N_STAT))
    assert x.dtype == np.random.RandomState(0).__getattribute__(name)(*args, size=2).dtype
    assert _chisquare_pvalue(x, dist) > 1e-3


@pytest.mark.parametrize("rng", [lambda: npt.random.default_rng(1), lambda: npt.random.RandomState(1)],
                         ids=["Generator", "RandomState"])
def test_compositions_are_right_in_distribution(rng):
    r = rng()
    alpha = np.array([2.0, 3.0, 5.0])
    d = np.asarray(r.dirichlet(alpha, size=N_STAT))
    np.testing.assert_allclose(d.sum(axis=1), 1.0, rtol=1e-12)
    assert stats.kstest(d[:, 0], stats.beta(2.0, 8.0).cdf).pvalue > 1e-3
    p = [0.2, 0.3, 0.5]
    m = np.asarray(r.multinomial(20, p, size=N_STAT))
    assert m.dtype == np.int64 and m.shape == (N_STAT, 3) and np.all(m.sum(axis=1) == 20)
    assert _chisquare_pvalue(m[:, 1], stats.binom(20, 0.3)) > 1e-3
    mean, cov = np.array([1.0, -2.0]), np.array([[2.0, 0.6], [0.6, 1.0]])
    z = np.asarray(r.multivariate_normal(mean, cov, size=N_STAT))
    assert z.shape == (N_STAT, 2)
    np.testing.assert_allclose(z.mean(axis=0), mean, atol=0.05)
    np.testing.assert_allclose(np.cov(z.T), cov, atol=0.06)
    w = np.array([0.3, 0.7])  # a projection of a normal is normal
    assert stats.kstest(z @ w, stats.norm(w @ mean, np.sqrt(w @ cov @ w)).cdf).pvalue > 1e-3


def test_jit_draws_afresh_each_call_and_moves_the_state():
    g, n = npt.random.default_rng(5), np.random.default_rng(5)

    @npt.jit
    def noisy(x):
        return x + g.standard_normal(x.shape)

    x = npt.zeros(6)
    for _ in range(3):  # each call: the next numbers of NumPy's stream, not a baked constant
        np.testing.assert_array_equal(np.asarray(noisy(x)), n.standard_normal(6))
    assert noisy.traces == 1 and g.bit_generator.state == n.bit_generator.state

    @npt.jit
    def legacy(x):
        return x * npt.random.rand(3) + npt.random.randint(0, 10, 3)

    npt.random.seed(1)
    np.random.seed(1)
    for _ in range(3):
        np.testing.assert_array_equal(np.asarray(legacy(npt.ones(3))), np.random.rand(3) + np.random.randint(0, 10, 3))
    np.testing.assert_array_equal(np.asarray(npt.random.rand(2)), np.random.rand(2))  # the global state moved on


def test_opaque_ops_read_draws_where_they_start():
    """A draw's values sit after the state words in one buffer: sort and
    searchsorted (ATen) must read them there, as fused kernels do."""
    g, n = npt.random.default_rng(0), np.random.default_rng(0)
    u, v = g.random(9), n.random(9)
    np.testing.assert_array_equal(np.asarray(npt.sort(u)), np.sort(v))
    edges = np.linspace(0, 1, 5)
    np.testing.assert_array_equal(np.asarray(npt.asarray(edges).searchsorted(u)), edges.searchsorted(v))


def _same_state(a, b):
    assert a.keys() == b.keys()
    for k in a:
        if isinstance(a[k], dict):
            _same_state(a[k], b[k])
        else:
            np.testing.assert_array_equal(a[k], b[k])


@pytest.mark.parametrize("name", ["PCG64", "PCG64DXSM", "SFC64", "Philox", "MT19937"])
@pytest.mark.parametrize("seed", [0, 2**70 + 1])
def test_every_bit_generator_is_numpys(name, seed):
    ours, theirs = getattr(npt.random, name)(seed), getattr(np.random, name)(seed)
    np.testing.assert_array_equal(np.asarray(ours.random_raw(5)), theirs.random_raw(5))
    g, n = npt.random.Generator(ours), np.random.Generator(theirs)
    np.testing.assert_array_equal(np.asarray(g.integers(0, 1000, 7, dtype=np.int32)), n.integers(0, 1000, 7, dtype=np.int32))
    np.testing.assert_array_equal(np.asarray(g.random(2**21 + 1)), n.random(2**21 + 1))
    np.testing.assert_array_equal(np.asarray(g.standard_normal(3001)), n.standard_normal(3001))
    _same_state(ours.state, theirs.state)
    if hasattr(theirs, "advance"):
        ours.advance(12345)
        theirs.advance(12345)
        np.testing.assert_array_equal(np.asarray(ours.random_raw(3)), theirs.random_raw(3))
    if hasattr(theirs, "jumped"):
        np.testing.assert_array_equal(np.asarray(ours.jumped(2).random_raw(3)), theirs.jumped(2).random_raw(3))


@pytest.mark.parametrize("call", [
    lambda r: r.hypergeometric(2, 3, 0), lambda r: r.hypergeometric(-1, 3, 1), lambda r: r.hypergeometric(2, 3, 9),
    lambda r: r.gamma(-1.0), lambda r: r.dirichlet([1.0, -1.0]), lambda r: r.geometric(1.5),
])
def test_legacy_errors_are_numpys(call):
    with pytest.raises(ValueError) as ours:
        call(npt.random.RandomState(0))
    with pytest.raises(ValueError) as theirs:
        call(np.random.RandomState(0))
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("method", ["svd", "eigh", "cholesky"])
def test_multivariate_normal_methods_and_checks_are_numpys(method):
    mean, cov = np.zeros(40), np.random.default_rng(1).normal(size=(40, 40))
    cov = cov @ cov.T
    # (the factor is NumPy's; at this size npt's matmul and NumPy's BLAS round apart in the last bits)
    np.testing.assert_allclose(np.asarray(npt.random.default_rng(5).multivariate_normal(mean, cov, 30, method=method)),
                               np.random.default_rng(5).multivariate_normal(mean, cov, 30, method=method), rtol=1e-12,
                               atol=1e-12)
    bad = [[1.0, 2.0], [2.0, 1.0]]
    if method != "cholesky":
        with pytest.warns(RuntimeWarning, match="not symmetric positive-semidefinite"):
            npt.random.default_rng(0).multivariate_normal([0, 0], bad, method=method)
        with pytest.raises(ValueError, match="not symmetric positive-semidefinite"):
            npt.random.default_rng(0).multivariate_normal([0, 0], bad, check_valid="raise", method=method)
    for args in (([[0, 0]], np.eye(2)), ([0, 0], [1, 0]), ([0, 0, 0], np.eye(2))):
        with pytest.raises(ValueError) as ours:
            npt.random.default_rng(0).multivariate_normal(*args)
        with pytest.raises(ValueError) as theirs:
            np.random.default_rng(0).multivariate_normal(*args)
        assert str(ours.value) == str(theirs.value)
