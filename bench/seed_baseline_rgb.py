#!/usr/bin/python3
# Run with Debian's interpreter (/usr/bin/python3 + apt python3-numpy, python3-pil).
"""The seed's pipeline on colour images: the baseline of preaug's CIFAR-like whole-job benchmark.

Same structure as bench/seed_baseline.py (the seed's final generator, see there): a Keras-style
generator whose ``__getitem__`` fans half a batch out over an ``mp.Pool``; the workers read the
images and int8 labels from ``multiprocessing`` shared memory, call ``distort_sample`` once per
sample, append the augmented image twice (the seed's bug 1, kept: one image is counted), and the
parent concatenates and casts to float16 as the seed does. What changes for colour:

* the input is uint8 ``[N,H,W,3]`` (CIFAR's format; no float16 -> uint8 conversion), opened as
  ``Image.fromarray(x, "RGB")``;
* ``distort_sample`` runs the seven ops on mode RGB exactly as tools/golden/make_rgb_golden.py calls
  them (the definitions preaug is Pillow-exact to): rotate, shear, resize + paste on a black
  ``Image.new("RGB", size)``, the sine roll of every one of the W columns (``axis=0``, all bands
  together) with ``A = H/3.0``, ``w = 2.0/W``, GaussianBlur, SHARPEN, SMOOTH;
* the seed's recipe is scaled to the image: resize sizes ``randrange(12, 31)`` at 32x32 (the
  seed's ``randrange(25, 63)`` at 64x64), offsets ``randrange(0, floor(side - size))``. preaug
  runs with the same override, ``recipe.geometry.scale = resize_paste(w=randrange(12, 31),
  h=randrange(12, 31), ox=fit, oy=fit)`` (bench/job_vs_seed_rgb.sh).

    /usr/bin/python3 bench/seed_baseline_rgb.py --images X.npy --labels Y.npy --processes 2 [--json]
    /usr/bin/python3 bench/seed_baseline_rgb.py --mode kernel --images X.npy --labels Y.npy

``kernel`` times each op alone in one process (per CPU-second too), as seed_baseline.py does.
"""

import argparse
import json
import math
import multiprocessing as mp
import os
import random
import sys
import time

import numpy as np
from PIL import Image as PImage
from PIL import ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed_baseline as sb  # noqa: E402  (environment and rate helpers)

if not hasattr(PImage, "AFFINE"):
    PImage.AFFINE = PImage.Transform.AFFINE


def scale_range(side):
    """The seed's resize sizes scaled to a square side: 64 -> (25, 63), 32 -> (12, 31)."""
    return (25, 63) if side == 64 else (side * 3 // 8, side - 1)


def distort_sample(img):
    """The seed's final distort_sample on any mode and size (see the module docstring)."""
    W, H = img.size
    offset, scale = (0, 0), (W, H)
    lo, hi = scale_range(W)

    t = random.choice(["sine", "rotate", "shear", "scale"])
    f = random.choice(["blur", "sharpen", "smooth"])

    if "rotate" in t:
        img = img.rotate(random.uniform(-15, 15))

    if "shear" in t:
        y_shear = random.uniform(-0.2, 0.2)
        x_shear = random.uniform(-0.2, 0.2)
        img = img.transform(img.size, PImage.AFFINE, (1, x_shear, 0, y_shear, 1, 0))

    if "scale" in t:
        size_x = random.randrange(lo, hi)
        size_y = random.randrange(lo, hi)
        scale = (size_x, size_y)
        img = img.resize(scale)
        background = PImage.new(img.mode, (W, H))
        trans_x = random.randrange(0, math.floor((W - size_x)))
        trans_y = random.randrange(0, math.floor((H - size_y)))
        offset = (trans_x, trans_y)
        background.paste(img, offset)
        img = background

    if "sine" in t:
        t_img = np.array(img)
        A = t_img.shape[0] / 3.0
        w = 2.0 / t_img.shape[1]
        shift_factor = random.choice([-1, 1]) * random.uniform(0.15, 0.2)
        shift = lambda x: shift_factor * A * np.sin(-2*np.pi*x * w)  # noqa: E731
        for i in range(t_img.shape[1]):
            t_img[:, i] = np.roll(t_img[:, i], int(shift(i)), axis=0)
        img = PImage.fromarray(t_img, img.mode)

    if "blur" in f:
        img = img.filter(ImageFilter.GaussianBlur(radius=random.uniform(0.5, 1.2)))
    if "sharpen" in f:
        img = img.filter(ImageFilter.SHARPEN)
    if "smooth" in f:
        img = img.filter(ImageFilter.SMOOTH)

    return img, offset, scale


shared_dict = {}


def generator_initializer(_x_shared, _y_shared):
    shared_dict["x"] = _x_shared
    shared_dict["y"] = _y_shared


def generator_func(start_index, end_index, x_shape, y_shape):
    X, Y = [], []
    x_loc = np.frombuffer(shared_dict["x"], dtype="uint8").reshape(x_shape)
    y_loc = np.frombuffer(shared_dict["y"], dtype="b").reshape(y_shape)
    for i in range(start_index, end_index):
        img = PImage.fromarray(x_loc[i], "RGB")
        img, *unused = distort_sample(img)
        # the seed appends the augmented image twice (its bug 1, kept)
        X.append(np.array(img).reshape(x_shape[1:]))
        Y.append(y_loc[i])
        X.append(np.array(img).reshape(x_shape[1:]))
        Y.append(y_loc[i])
    return X, Y


class DataGenerator:
    """The seed's pool generator (seed_baseline.DataGenerator), driven without TensorFlow."""

    def __init__(self, x_shared, y_shared, x_np_shape, y_np_shape, batch_size, processes):
        self.batch_size = batch_size // 2
        self.processes = processes
        self.x_np_shape = x_np_shape
        self.y_np_shape = y_np_shape
        self.pool = mp.Pool(processes=processes, initializer=generator_initializer,
                            initargs=(x_shared, y_shared))

    def __getitem__(self, index):
        arguments = []
        slice_size = self.batch_size // self.processes
        current_batch = index * self.batch_size
        for i in range(self.processes):
            slice_start = current_batch + i * slice_size
            slice_end = current_batch + (i + 1) * slice_size
            arguments.append([slice_start, slice_end, self.x_np_shape, self.y_np_shape])
        return_values = self.pool.starmap(generator_func, arguments)
        X, Y = [], []
        for imgs, labels in return_values:
            X.append(imgs)
            Y.append(labels)
        return np.concatenate(X).astype(np.float16), np.concatenate(Y).astype(np.float16)

    def images_per_batch(self):
        return (self.batch_size // self.processes) * self.processes

    def close(self):
        self.pool.close()
        self.pool.join()


def load_inputs(args):
    x = np.load(args.images, mmap_mode="r")
    y = np.load(args.labels, mmap_mode="r")
    if x.dtype != np.uint8 or x.ndim != 4 or x.shape[3] != 3 or x.shape[1] != x.shape[2]:
        sys.exit(f"seed_baseline_rgb: {args.images}: {x.dtype} {x.shape}, expected uint8 "
                 "[N,S,S,3]")
    if y.ndim != 1 or y.shape[0] != x.shape[0] or y.dtype.kind not in "iu":
        sys.exit(f"seed_baseline_rgb: {args.labels}: need int labels of shape [{x.shape[0]}], "
                 f"got {y.dtype} {y.shape}")
    n = x.shape[0] if args.samples is None else min(args.samples, x.shape[0])
    return np.ascontiguousarray(x[:n]), np.asarray(y[:n])


def run_pool(x, y, args):
    half = args.batch_size // 2
    n_batches = x.shape[0] // half
    if n_batches < 2:
        sys.exit(f"seed_baseline_rgb: need at least 2 batches of {half} samples, have {x.shape[0]}")
    x_shared = mp.RawArray("B", x.nbytes)
    np.frombuffer(x_shared, dtype="uint8").reshape(x.shape)[...] = x
    y8 = np.asarray(y).astype(np.int8)  # the seed's dtype "b" labels (its bug 2, kept)
    y_shared = mp.RawArray("b", y8.shape[0])
    np.frombuffer(y_shared, dtype="b")[...] = y8
    gen = DataGenerator(x_shared, y_shared, x.shape, y8.shape, args.batch_size, args.processes)
    try:
        per_batch = gen.images_per_batch()
        if per_batch == 0:
            sys.exit(f"seed_baseline_rgb: batch half {half} < {args.processes} processes")
        Xb, Yb = gen[0]  # warm-up, not timed
        assert Xb.shape == (2 * per_batch,) + x.shape[1:], Xb.shape
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for b in range(n_batches):
                Xb, Yb = gen[b]
            times.append(time.perf_counter() - t0)
    finally:
        gen.close()
    return times, n_batches * per_batch


def run_kernel(x, args):
    """Each op alone over every sample in one process, parameters drawn before timing."""
    side = x.shape[1]
    lo, hi = scale_range(side)
    imgs = [PImage.fromarray(x[i], "RGB") for i in range(x.shape[0])]

    def scale(img, w, h, ox, oy):
        bg = PImage.new(img.mode, img.size)
        bg.paste(img.resize((w, h)), (ox, oy))
        return bg

    def sine(img, fct):
        t = np.array(img)
        A = t.shape[0] / 3.0
        w = 2.0 / t.shape[1]
        for i in range(t.shape[1]):
            t[:, i] = np.roll(t[:, i], int(fct * A * np.sin(-2*np.pi*i * w)), axis=0)
        return PImage.fromarray(t, img.mode)

    def draw_scale(r):
        w, h = r.randrange(lo, hi), r.randrange(lo, hi)
        return (w, h, r.randrange(0, side - w), r.randrange(0, side - h))

    ops = [
        ("rotate", lambda r: (r.uniform(-15, 15),), lambda img, a: img.rotate(a)),
        ("shear", lambda r: (r.uniform(-0.2, 0.2), r.uniform(-0.2, 0.2)),
         lambda img, ys, xs: img.transform(img.size, PImage.AFFINE, (1, xs, 0, ys, 1, 0))),
        ("scale", draw_scale, scale),
        ("sine", lambda r: (r.choice([-1, 1]) * r.uniform(0.15, 0.2),), sine),
        ("gaussian_blur", lambda r: (r.uniform(0.5, 1.2),),
         lambda img, rad: img.filter(ImageFilter.GaussianBlur(radius=rad))),
        ("sharpen", lambda r: (), lambda img: img.filter(ImageFilter.SHARPEN)),
        ("smooth", lambda r: (), lambda img: img.filter(ImageFilter.SMOOTH)),
        ("distort_sample", lambda r: (), lambda img: distort_sample(img)[0]),
    ]
    random.seed(args.seed)
    out = {}
    n = len(imgs)
    for name, draw, op in ops:
        r = random.Random(f"{args.seed}:{name}")
        params = [draw(r) for _ in range(n)]
        for i in range(min(n, 64)):  # warm-up
            op(imgs[i], *params[i])
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for i in range(n):
                op(imgs[i], *params[i])
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        out[name] = {"images_per_s": round(n * args.repeat / wall, 1),
                     "images_per_cpu_s": round(n * args.repeat / cpu, 1),
                     "ns_per_image_cpu": round(cpu / (n * args.repeat) * 1e9)}
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description="The seed's Pillow pipeline on RGB [N,S,S,3] uint8.")
    p.add_argument("--mode", choices=["pool", "kernel"], default="pool")
    p.add_argument("--images", required=True, help="uint8 .npy, [N,S,S,3]")
    p.add_argument("--labels", required=True, help="integer .npy, [N]")
    p.add_argument("--samples", type=int, default=None, help="use the first N samples")
    p.add_argument("--seed", type=int, default=1234, help="kernel mode's random state")
    p.add_argument("--processes", type=int, default=os.cpu_count())
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--repeat", type=int, default=2, help="timed passes over the data")
    p.add_argument("--json", action="store_true", help="print one JSON line")
    args = p.parse_args(argv)
    if args.processes < 1 or args.batch_size < 2 or args.repeat < 1:
        p.error("--processes >= 1, --batch-size >= 2, --repeat >= 1")
    x, y = load_inputs(args)
    env = sb.environment()
    common = {"mode": args.mode, "input": f"{args.images} + {args.labels}",
              "samples": int(x.shape[0]), "shape": list(x.shape[1:]), "repeat": args.repeat}
    if args.mode == "kernel":
        out = dict(common, processes=1, ops=run_kernel(x, args), **env)
        if args.json:
            print(json.dumps(out))
        else:
            print(f"{'op':<16}{'img/s':>12}{'img/CPU-s':>12}{'ns/img (CPU)':>14}")
            for name, r in out["ops"].items():
                print(f"{name:<16}{r['images_per_s']:>12,.0f}{r['images_per_cpu_s']:>12,.0f}"
                      f"{r['ns_per_image_cpu']:>14,}")
        return 0
    if mp.get_start_method(allow_none=True) is None and "fork" in mp.get_all_start_methods():
        mp.set_start_method("fork")
    times, images = run_pool(x, y, args)
    r = sb._rate(times, images)
    out = dict(common, processes=args.processes, images_per_pass=images, **r, **env)
    if args.json:
        print(json.dumps(out))
    else:
        print(f"pool, {args.processes} processes, {images} images/pass x {args.repeat}: "
              f"{r['images_per_s']:,.0f} img/s (best pass {r['best_images_per_s']:,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
