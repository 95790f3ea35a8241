"""npt: NumPy's API, lazy, fused and JIT-compiled.

``import npt as np`` and the code stays NumPy code. Every call returns a lazy
``ndarray`` whose shape and dtype are known at once; values are computed
(by fused LLVM-compiled kernels) when someone looks.
"""
from numpy import (bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
                   float16, float32, float64, complex64, complex128, dtype, pi, e, inf, nan,
                   newaxis)
from numpy import bool_ as bool  # noqa: A001  (NumPy 2 exports np.bool)

from ._array import ndarray, asarray, array, evaluate
from ._dtypes import *  # noqa: F401,F403
from ._dtypes import __all__ as _dtype_names
from ._creation import (zeros, ones, full, empty, zeros_like, ones_like, full_like, empty_like,
                        arange, linspace, eye)
from ._ufuncs import *  # noqa: F401,F403
from ._ufuncs import __all__ as _ufunc_names
from ._reductions import sum, prod, mean, max, min, all, any, amax, amin
from ._linalg import dot, tensordot
from ._einsum import einsum, einsum_path, inner, outer, vdot, kron
from ._array_api import __array_api_version__, __array_namespace_info__, from_dlpack
from ._manipulation import *  # noqa: F401,F403
from ._manipulation import __all__ as _manipulation_names
from ._builders import *  # noqa: F401,F403
from ._builders import __all__ as _builder_names
from ._statistics import *  # noqa: F401,F403
from ._statistics import __all__ as _statistics_names
from ._sorting import *  # noqa: F401,F403
from ._sorting import __all__ as _sorting_names
from ._sets import *  # noqa: F401,F403
from ._sets import __all__ as _sets_names
from ._nanfunctions import *  # noqa: F401,F403
from ._nanfunctions import __all__ as _nan_names
from ._logic import *  # noqa: F401,F403
from ._logic import __all__ as _logic_names
from ._functional import *  # noqa: F401,F403
from ._functional import __all__ as _functional_names
from ._utilities import *  # noqa: F401,F403
from ._utilities import __all__ as _utility_names
from ._polynomial import *  # noqa: F401,F403
from ._polynomial import __all__ as _polynomial_names
from ._histograms import *  # noqa: F401,F403
from ._histograms import __all__ as _histogram_names
from ._printing import *  # noqa: F401,F403
from ._printing import __all__ as _printing_names
from ._io import *  # noqa: F401,F403
from ._io import __all__ as _io_names
from ._views import shares_memory, may_share_memory
from ._writes import (take, take_along_axis, compress, nonzero, argwhere, flatnonzero, extract, put,
                      place, putmask, put_along_axis, copyto, squeeze, expand_dims, swapaxes,
                      broadcast_to, diagonal)
from ._explain import explain, cache_info
from . import _methods  # noqa: F401  (ndarray's methods that are module functions)
from . import _protocols  # noqa: F401  (NumPy's ufuncs and functions on npt arrays run npt's)
from ._tape import _no_grad  # noqa: F401  (x._requires_grad_(), loss._backward(), x._grad)
from . import special
from . import fft
from . import linalg
from . import random
from ._transforms import grad, value_and_grad, vjp, jit, ConcretizationError
from . import _npt
import atexit as _atexit

# Tiered execution's background compiler stops while the interpreter is
# still whole (a compile must not run while C++ statics are destroyed).
_atexit.register(_npt._stop_background_compiler)

set_num_threads = _npt.set_num_threads
get_num_threads = _npt.num_threads

__all__ = ["ndarray", "asarray", "array", "evaluate", "zeros", "ones", "full", "empty",
           "zeros_like", "ones_like", "full_like", "empty_like", "arange", "linspace", "eye",
           "shares_memory", "may_share_memory", "take", "take_along_axis", "compress", "nonzero",
           "argwhere", "flatnonzero", "extract", "put", "place", "putmask", "put_along_axis", "copyto",
           "squeeze", "expand_dims", "swapaxes", "broadcast_to", "diagonal", "sum", "prod", "mean", "max", "min", "all", "any", "dot", "tensordot", "einsum", "einsum_path", "inner", "outer", "vdot", "kron", "explain",
           "__array_api_version__", "__array_namespace_info__", "from_dlpack",
           "cache_info", "grad", "value_and_grad", "vjp", "jit", "ConcretizationError",
           *_dtype_names, *_ufunc_names, *_manipulation_names, *_builder_names, *_statistics_names,
           *_sorting_names, *_sets_names, *_nan_names, *_logic_names, *_polynomial_names, *_histogram_names,
           *_printing_names, *_io_names, *_functional_names, *_utility_names]
