"""Dask's memory accounting for npt chunks: the ``dask.sizeof`` entry point
(pyproject.toml) registers npt arrays' sizes, lazily, so that importing Dask
does not import npt."""


def register(sizeof):
    @sizeof.register_lazy("npt")
    def _register_npt():
        import npt

        @sizeof.register(npt.ndarray)
        def _sizeof_npt(a):
            return int(a.nbytes)  # (the bytes it holds once computed)
