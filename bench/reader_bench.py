#!/usr/bin/env python3
"""Reader speed: images/s of ready batches from one epoch, one process pinned to one core.

    /usr/bin/python3 bench/reader_bench.py [--make] [--epoch-dir DIR] [--json FILE]

Measures, on the same epoch and in one run:

* disk sequential read (MB/s): the epoch's NPY image files read with O_DIRECT (no page
  cache) and buffered right after dropping them from the page cache, in 1 MiB and 8 MiB
  requests; the best of the four is the reference;
* NPY, page cache warm: ``NpyEpochReader`` (batch 256, ``io="pread"`` and ``io="mmap"``)
  after one warm-up pass; median of ``--repeat`` passes;
* NPY, page cache cold: each file dropped from the page cache first with
  ``posix_fadvise(POSIX_FADV_DONTNEED)`` (works without root for clean pages; there is no
  ``echo 3 > drop_caches`` here); median of ``--repeat`` passes, also with the reader's
  optional ``posix_fadvise(WILLNEED)`` read-ahead hints;
* TFRecord, pure Python (protobuf parse, CRC checked and not): warm, and cold with CRC;
* TFRecord through ``tf.data`` when TensorFlow is installed (it is not, here).

Every row gives wall-clock img/s and img per CPU-second of this process (``process_time``):
the second is what one core can deliver and is robust to other load on the machine. The
"ready batch" is a fresh, contiguous uint8 [256, 64, 64, 1] array plus int32 [256] labels.

``--make`` writes the dataset first if it is missing: 100,000 uint8 64x64 samples, copies
1 + 1 (200,000 records), 64 shards, both formats, seed 1, via ``./submit.sh run``
(a few minutes on a 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import mmap
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "clients" / "python"))
import preaug  # noqa: E402

DATA = REPO / "bench" / "data"
BATCH = 256


def make_data(samples: int = 100_000) -> Path:
    out = DATA / "out"
    if preaug.is_published(out, 0):
        return preaug.epoch_dir(out, 0)
    (DATA / "input").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    img = np.zeros((samples, 64, 64), np.uint8)
    for k in range(6):  # a few bright bars per image; content does not matter for reading
        x0, y0 = rng.integers(4, 40, samples), rng.integers(4, 40, samples)
        w, h = rng.integers(2, 24, samples), rng.integers(2, 24, samples)
        for i in range(samples):
            img[i, y0[i]:y0[i] + h[i], x0[i]:x0[i] + w[i]] = 200 + k * 9
    np.save(DATA / "input" / "images.npy", img)
    np.save(DATA / "input" / "labels.npy", rng.integers(0, 3036, samples).astype(np.int32))
    subprocess.run([str(REPO / "submit.sh"), "run", "--images", str(DATA / "input/images.npy"),
                    "--labels", str(DATA / "input/labels.npy"), "--output", str(out),
                    "--epochs", "1", "--shards", "64", "--format", "both", "--seed", "1",
                    "--name", "bench"], cwd=REPO, check=True)
    return preaug.epoch_dir(out, 0)


def drop_cache(paths) -> None:
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)  # dirty pages cannot be dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    n = fn()
    return n, time.perf_counter() - w0, time.process_time() - c0


def disk_direct(paths, chunk=8 << 20) -> float:
    """MB/s reading the files with O_DIRECT (bypasses the page cache)."""
    buf = mmap.mmap(-1, chunk)  # page-aligned, as O_DIRECT wants
    total = 0
    t0 = time.perf_counter()
    for p in paths:
        fd = os.open(p, os.O_RDONLY | os.O_DIRECT)
        try:
            off = 0
            while True:
                n = os.preadv(fd, [buf], off)
                total += n
                off += n
                if n < chunk:
                    break
        finally:
            os.close(fd)
    return total / (time.perf_counter() - t0) / 1e6


def disk_buffered_cold(paths, chunk=8 << 20) -> float:
    drop_cache(paths)
    buf = bytearray(chunk)
    total = 0
    t0 = time.perf_counter()
    for p in paths:
        with open(p, "rb", buffering=0) as f:
            while True:
                n = f.readinto(buf)
                if not n:
                    break
                total += n
    return total / (time.perf_counter() - t0) / 1e6


def consume(reader) -> int:
    n = 0
    for x, y in reader:
        n += len(y)
    return n


def row(name, cache, n, wall, cpu):
    return {"reader": name, "cache": cache, "images": n, "seconds": round(wall, 3),
            "img_per_s": round(n / wall), "img_per_cpu_s": round(n / cpu) if cpu > 0 else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--epoch-dir", type=Path, default=DATA / "out" / "epoch-00000")
    ap.add_argument("--make", action="store_true", help="write the dataset if it is missing")
    ap.add_argument("--repeat", type=int, default=5,
                    help="passes per NPY configuration (the median is reported)")
    ap.add_argument("--core", type=int, default=0, help="CPU to pin to")
    ap.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "reader.json")
    ap.add_argument("--skip-tfrecord", action="store_true")
    args = ap.parse_args()

    ep = make_data() if args.make else args.epoch_dir
    m = preaug.open_epoch(ep)
    os.sched_setaffinity(0, {args.core})
    images = m.files("images")
    tfr = m.files("tfrecord") if m.has_format("tfrecord") else []
    npy_bytes = sum(p.stat().st_size for p in images)
    rows = []

    # disk: sequential reads of the same files, without the page cache, two request sizes
    disk = {}
    for mib in (1, 8):
        disk[f"o_direct_{mib}MiB"] = round(disk_direct(images, mib << 20))
        disk[f"buffered_cold_{mib}MiB"] = round(disk_buffered_cold(images, mib << 20))
    direct = max(disk.values())

    def npy(io, readahead=False):
        return lambda: consume(preaug.NpyEpochReader(m, BATCH, io=io, readahead=readahead))

    def median_row(label, cache, runs):
        walls = sorted(r[1] for r in runs)
        cpus = sorted(r[2] for r in runs)
        out = row(label, cache, runs[0][0], walls[len(walls) // 2], cpus[len(cpus) // 2])
        out["runs_img_per_s"] = [round(r[0] / r[1]) for r in runs]
        return out

    configs = (("pread", False, "npy pread"), ("pread", True, "npy pread+WILLNEED"),
               ("mmap", False, "npy mmap"))
    # NPY cold: the files are dropped from the page cache before every pass
    for io, ra, label in configs:
        runs = []
        for _ in range(args.repeat):
            drop_cache(images + m.files("labels"))
            runs.append(timed(npy(io, ra)))
        rows.append(median_row(label, "cold", runs))
    # NPY warm: one pass to load the page cache, then the measured passes
    consume(preaug.NpyEpochReader(m, BATCH))
    for io, ra, label in configs[0:1] + configs[2:]:
        rows.append(median_row(label, "warm", [timed(npy(io, ra)) for _ in range(args.repeat)]))

    if tfr and not args.skip_tfrecord:
        def tf_py(check):
            return lambda: consume(preaug.TFRecordEpochReader(m, BATCH, check_crc=check))
        drop_cache(tfr)
        rows.append(row("tfrecord python, crc", "cold", *timed(tf_py(True))))
        for check, label in ((True, "tfrecord python, crc"), (False, "tfrecord python, no crc")):
            rows.append(row(label, "warm", *timed(tf_py(check))))
        try:
            import tensorflow  # noqa: F401
        except ImportError:
            rows.append({"reader": "tfrecord tf.data", "cache": "-",
                         "note": "TensorFlow not installed here"})
        else:
            def tfdata():
                n = 0
                for x, y in preaug.tf_dataset(m, BATCH):
                    n += int(y.shape[0])
                return n
            rows.append(row("tfrecord tf.data", "warm", *timed(tfdata)))

    result = {
        "epoch_dir": str(ep), "records": m.records, "shards": m.shards,
        "image_shape": list(m.image_shape), "batch_size": BATCH, "npy_bytes": npy_bytes,
        "pinned_core": args.core, "cpu": platform.processor() or platform.machine(),
        "cpus_online": os.cpu_count(), "loadavg_at_end": os.getloadavg(),
        "python": platform.python_version(), "numpy": np.__version__,
        "disk_read_MBps": disk, "disk_best_MBps": round(direct),
        "disk_img_per_s_equivalent": round(direct * 1e6 / (npy_bytes / m.records)),
        "rows": rows,
    }
    print(f"epoch {ep}: {m.records:,} records {tuple(m.image_shape)}, {m.shards} shards, "
          f"{npy_bytes / 1e6:.0f} MB of NPY images; batch {BATCH}; pinned to CPU {args.core}")
    print("disk sequential read (MB/s): " + ", ".join(f"{k} {v:,}" for k, v in disk.items())
          + f"; best {direct:,.0f} MB/s = {result['disk_img_per_s_equivalent']:,} img/s of "
          f"{m.height}x{m.width}x{m.channels}")
    print(f"{'reader':26} {'cache':5} {'img/s (wall)':>13} {'img/CPU-s':>11} {'seconds':>8}")
    for r in rows:
        if "note" in r:
            print(f"{r['reader']:26} {r['cache']:5} {r['note']}")
        else:
            print(f"{r['reader']:26} {r['cache']:5} {r['img_per_s']:>13,} "
                  f"{r['img_per_cpu_s']:>11,} {r['seconds']:>8.2f}")
    print(f"load average at end: {result['loadavg_at_end']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
