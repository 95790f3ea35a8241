"""GPU bench: a fused 6-op float32 chain on 100M elements, in GB/s (bytes
that must move / time), against the device's copy bandwidth, CuPy
(elementwise and cupy.fuse), torch eager and torch.compile, in one run.

  python bench/bench_gpu.py [--n 100000000]
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402
import torch  # noqa: E402

try:
    import cupy
except ImportError:
    cupy = None


def chain(x):
    return ((x * 1.5 + 2) * x - 0.5) / (x + 3)


def gpu_ms(fn, repeat=20):
    fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(repeat):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        ts.append(start.elapsed_time(end))
    return statistics.median(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000_000)
    n = ap.parse_args().n
    moved = 8 * n  # read x, write the result (float32)
    tx = torch.linspace(0, 1, n, device="cuda", dtype=torch.float32)
    ty = torch.empty_like(tx)
    rows = [("device copy (bandwidth)", gpu_ms(lambda: ty.copy_(tx)))]
    x = npt.asarray(tx.cpu().numpy(), device="cuda")

    def npt_run():
        npt.evaluate(chain(x))

    rows.append(("npt (fused, NVRTC)", gpu_ms(npt_run)))
    rows.append(("torch eager", gpu_ms(lambda: chain(tx))))
    try:
        compiled = torch.compile(chain)
        rows.append(("torch.compile", gpu_ms(lambda: compiled(tx))))
    except Exception as e:  # inductor needs a working toolchain
        print("torch.compile unavailable:", type(e).__name__, e)
    if cupy is not None:
        cx = cupy.asarray(tx)
        rows.append(("cupy elementwise", gpu_ms(lambda: chain(cx))))
        fused = cupy.fuse(chain)
        rows.append(("cupy.fuse", gpu_ms(lambda: fused(cx))))
    print(f"{torch.cuda.get_device_name()}; n = {n:,} float32; {moved / 1e9:.1f} GB must move")
    copy_gbs = moved / (rows[0][1] * 1e-3) / 1e9
    for name, ms in rows:
        gbs = moved / (ms * 1e-3) / 1e9
        print(f"  {name:28} {ms:8.3f} ms  {gbs:7.1f} GB/s  ({gbs / copy_gbs:4.2f} of copy)")


if __name__ == "__main__":
    main()
