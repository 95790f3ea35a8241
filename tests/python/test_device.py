"""Devices: the CPU is the default; asking for CUDA where there is none is a
clear error at the call (the GPU suite itself needs a GPU machine)."""
import numpy as np
import pytest

import npt

HAS_CUDA = npt._npt.cuda_status()["devices"] > 0


def test_cpu_is_the_default_and_accepted_everywhere():
    for make in (lambda d: npt.zeros(3, device=d), lambda d: npt.ones((2, 2), device=d),
                 lambda d: npt.full(2, 7, device=d), lambda d: npt.arange(4, device=d),
                 lambda d: npt.linspace(0, 1, 5, device=d), lambda d: npt.eye(2, device=d),
                 lambda d: npt.asarray([1, 2], device=d), lambda d: npt.asarray([1.0], device=d),
                 lambda d: npt.zeros_like(npt.ones(2), device=d)):
        a = make("cpu")
        assert a.device == "cpu"
        assert a.to("cpu") is a
        np.asarray(a)


@pytest.mark.skipif(HAS_CUDA, reason="this machine has a CUDA device")
@pytest.mark.parametrize("dev", ["cuda", "cuda:0", "cuda:1"])
def test_cuda_without_a_gpu_is_a_clear_error(dev):
    with pytest.raises(RuntimeError, match="no CUDA device/driver was found"):
        npt.zeros(3, device=dev)
    with pytest.raises(RuntimeError, match="no CUDA device/driver"):
        npt.ones(2).to(dev)
    with pytest.raises(RuntimeError, match="no CUDA device/driver"):
        npt.asarray([1.0], device=dev)


def test_unknown_device_is_a_value_error():
    with pytest.raises(ValueError, match="unknown device"):
        npt.zeros(3, device="tpu")


def test_torch_stream_api_is_found_once_torch_is_loaded():
    # npt launches on torch's current CUDA stream, found through c10's exports
    torch = pytest.importorskip("torch")
    if not torch.version.cuda:
        pytest.skip("a CPU-only torch build has no CUDA streams")
    assert npt._npt.cuda_status()["torch_streams"]
