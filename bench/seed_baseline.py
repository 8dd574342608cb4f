#!/usr/bin/python3
# Run with Debian's interpreter (/usr/bin/python3 + apt python3-numpy, python3-pil).
# A pyenv/virtualenv "python3" on PATH usually lacks numpy and Pillow here.
"""The seed's augmentation pipeline, kept as-is, as a benchmark baseline for preaug.

What this is
------------
The user's final workaround from the problem report: a Keras-style data generator whose
``__getitem__`` fans a batch out over an ``mp.Pool``; the workers read the float16 images and
int8 labels from ``multiprocessing`` shared memory (set up by a pool initializer) and call the
seed's final ``distort_sample`` (Pillow) once per input sample.  Everything that the seed runs
per batch is timed: the float16 -> uint8 input conversion, ``distort_sample``, the
``np.array(img).reshape(64, 64, 1)`` copies, pickling results back through ``starmap``, and the
``np.concatenate(...).astype(np.float16)`` in the parent.

TensorFlow is not needed: ``tf.keras.utils.Sequence`` is only a base class with ``__len__`` and
``__getitem__``; ``DataGenerator`` below keeps those methods and drives them directly.

What counts as an image
-----------------------
One *image* = one input sample augmented = one ``distort_sample`` call.  The seed emits every
augmented image twice per batch (see bug 1 below); the duplicate is NOT counted, so
img/s here is "input samples augmented per second".

Bugs in the seed that are deliberately kept in the timed path (do not fix them here; the point
is to measure what the user ran):
 1. ``generator_func`` appends the same augmented image twice (the base image lines are commented
    out), so a "batch of 256" holds 128 augmented images, each twice, and no originals.
 2. Labels are shared as int8 (``dtype="b"``): label ids >= 128 wrap around (the ETL kanji set has
    3,036 classes).  We cast input labels with ``astype(np.int8)`` exactly as that implies.
 3. ``__getitem__`` returns ``Y.astype(np.float16)``: labels become float16.
 4. ``slice_size = batch_size // processes``: when 128 is not divisible by the process count the
    remainder of each batch is silently skipped (only ``processes * slice_size`` samples are
    augmented; the count below uses that real number).
 5. The original single-process ``Sequence`` (``--mode single``) has ``__len__ = N // 256`` but
    advances 128 samples per batch, so an epoch only touches the first half of the data.  The
    benchmark harness visits all ``N // 128`` batches instead (the per-batch work is unchanged),
    so every mode augments the same samples.
 6. The single-process generator returns ``np.array(X)`` of mixed uint8 augmented images and
    float16 base images (mixing 0..255 and 0..1 scales).  Kept.
Changes made only so that it runs unattended: the pool is closed and joined; the script has a
``__main__`` guard; the fork start method is requested explicitly; ``PImage.AFFINE`` is aliased
if a Pillow version ever lacks it; the dataset is stored as [N, 64, 64, 1] so the single-process
loop's ``np.array(X)`` (uint8 (64,64,1) next to a base image) does not fail on a ragged shape.

Modes
-----
``pool`` (default)  the seed's final mp.Pool + shared-memory generator.
``single``          one process, no pool: the seed's first generator loop (distort one sample,
                    append it and the base image), using the seed's FINAL distort_sample so the
                    work per sample matches the pool mode.  (The report's first distort_sample
                    only ever chose "sine" and rotated by +-30; it is not used.)
``kernel``          one process, each op alone over the dataset with the seed's parameter ranges
                    (parameters drawn before timing, input already a PIL ``L`` image): rotate,
                    shear, scale (resize + paste on black), sine, gaussian_blur, sharpen, smooth;
                    plus ``f16_to_u8`` (the input conversion), the whole ``distort_sample``, and
                    ``sample`` (conversion + distort_sample + the two array copies, i.e. the body
                    of the seed's worker loop).  These are what per-core JMH numbers compare to.

Randomness: the seed never seeds ``random``; pool workers here are reseeded from OS entropy at
fork (CPython does this), just as in the seed.  ``--seed`` fixes the synthetic dataset and the
``random`` state of the single and kernel modes.
"""

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import time

import numpy as np
import PIL
from PIL import Image as PImage
from PIL import ImageDraw
from PIL import ImageFilter

if not hasattr(PImage, "AFFINE"):  # robustness only; Pillow 9.4-11 all have it
    PImage.AFFINE = PImage.Transform.AFFINE


# --------------------------------------------------------------------------------------------
# The seed's code (final version from the report).  Behaviour kept verbatim.
# --------------------------------------------------------------------------------------------

shared_dict = {}


def distort_sample(img : PImage) -> (PImage, [int], [int]):
    """
    Distort the given image randomly.
    Randomly applies the transformations:
        rotation, shear, scale, translate,
    Randomly applies the filter:
        sharpen, blur, smooth
    Returns the distorted image.
    """

    offset, scale = (0, 0), (64, 64)

    t = random.choice(["sine", "rotate", "shear", "scale"])
    f = random.choice(["blur", "sharpen", "smooth"])

    # randomly apply transformations...
    # rotate image
    if("rotate" in t):
        img = img.rotate(random.uniform(-15, 15))

    # shear image
    if("shear" in t):
        y_shear = random.uniform(-0.2, 0.2)
        x_shear = random.uniform(-0.2, 0.2)
        img = img.transform(img.size, PImage.AFFINE, (1, x_shear, 0, y_shear, 1, 0))

    # scale and translate image
    if("scale" in t):
        #scale the image
        size_x = random.randrange(25, 63)
        size_y = random.randrange(25, 63)
        scale = (size_x, size_y)
        offset = (math.ceil((64 - size_x) / 2), math.ceil((64 - size_y) / 2))
        img = img.resize(scale)

        # put it again on a black background (translated)
        background = PImage.new('L', (64, 64))
        trans_x = random.randrange(0, math.floor((64 - size_x)))
        trans_y = random.randrange(0, math.floor((64 - size_y)))
        offset = (trans_x, trans_y)
        background.paste(img, offset)
        img = background

    if("sine" in t):
        t_img = np.array(img)

        A = t_img.shape[0] / 3.0
        w = 2.0 / t_img.shape[1]

        shift_factor = random.choice([-1, 1]) * random.uniform(0.15, 0.2)
        shift = lambda x: shift_factor * A * np.sin(-2*np.pi*x * w)

        for i in range(t_img.shape[0]):
            t_img[:,i] = np.roll(t_img[:,i], int(shift(i)))

        img = PImage.fromarray(t_img)


    # blur
    if("blur" in f):
        img = img.filter(ImageFilter.GaussianBlur(radius=random.uniform(0.5, 1.2)))

    # sharpen
    if("sharpen" in f):
        img = img.filter(ImageFilter.SHARPEN)

    # smooth
    if("smooth" in f):
        img = img.filter(ImageFilter.SMOOTH)

    return img, offset, scale


def generator_initializer(_x_shared, _y_shared):
    shared_dict["x"] = _x_shared
    shared_dict["y"] = _y_shared


def generator_func(start_index, end_index, x_shape, y_shape):
    X, Y = [], []

    x_loc = np.frombuffer(shared_dict["x"], dtype="float16").reshape(x_shape)
    y_loc = np.frombuffer(shared_dict["y"], dtype="b").reshape(y_shape)

    for i in range(start_index, end_index):
        base_img = x_loc[i]
        img = PImage.fromarray(np.uint8(base_img.reshape(64, 64) * 255))
        img, *unused = distort_sample(img)

        # add transformed image
        X.append(np.array(img).reshape(64, 64, 1))
        Y.append(y_loc[i])
        # SEED BUG (kept): the augmented image is appended a second time.
        X.append(np.array(img).reshape(64, 64, 1))
        Y.append(y_loc[i])

        # add base image
        #X.append(base_img)
        #Y.append(y_loc[i])

    return X, Y


class DataGenerator:  # the seed subclasses tf.keras.utils.Sequence; only these methods matter

    def __init__(self, num_samples, batch_size,
                        percentage, mode,
                        x_shared, y_shared,
                        x_np_shape, y_np_shape,
                        processes, shuffle=True):
        self.num_samples = num_samples
        # 50% original images + 50% augmented images
        self.batch_size = batch_size // 2
        self.percentage = percentage

        # an offset to devide the data set into test and train
        self.start_index = 0
        if(mode == "testing"):
            self.start_index = num_samples - (num_samples // 100 * percentage)
        # is this a train or a test generator
        self.mode = mode
        # how many processes should be used for this generator
        self.processes = processes
        # should the arrays be shuffled after each epoch
        self.shuffle = shuffle

        self.x_np_shape = x_np_shape
        self.y_np_shape = y_np_shape

        # a pool of processes for generating augmented data
        self.pool = mp.Pool(processes=self.processes,
            initializer=generator_initializer,
            initargs=(x_shared, y_shared))

    def __len__(self):
        return (self.num_samples // 100 * self.percentage) // self.batch_size

    def on_epoch_end(self):
        pass  # the seed's body is `if(False): ...` (shuffling disabled)

    def __getitem__(self, index):

        arguments = []
        slice_size = self.batch_size // self.processes
        current_batch = index * self.batch_size
        for i in range(self.processes):
            slice_start = self.start_index + (current_batch + i * slice_size)
            slice_end = self.start_index + (current_batch + (i+1) * slice_size)
            arguments.append([slice_start, slice_end, self.x_np_shape, self.y_np_shape])

        return_values = self.pool.starmap(generator_func, arguments)

        X, Y = [], []
        for imgs, labels in return_values:
            X.append(imgs)
            Y.append(labels)

        # SEED BUG (kept): labels are returned as float16.
        return np.concatenate(X).astype(np.float16), np.concatenate(Y).astype(np.float16)

    # --- added for unattended runs (not in the seed) ---
    def images_per_batch(self):
        return (self.batch_size // self.processes) * self.processes

    def close(self):
        self.pool.close()
        self.pool.join()


class SingleProcessGenerator:
    """The report's first (single-process) ``Sequence``, driven without TensorFlow."""

    def __init__(self, x_col, y_col, batch_size, mode="training",  shuffle=True):
        self.batch_size = batch_size
        self.undistorted_images = batch_size // 2
        self.shuffle = shuffle

        self.indices = len(x_col)
        self.x_col = x_col
        self.y_col = y_col

    def __len__(self):
        # SEED BUG (kept here, bypassed by the harness): only covers the first half of the data.
        return self.indices // self.batch_size

    def __getitem__(self, index):
        X, Y = [], []

        for i in range(index * self.undistorted_images, (index+1) * self.undistorted_images):
            base_img = self.x_col[i]
            img = PImage.fromarray(np.uint8(base_img.reshape(64, 64) * 255))
            # distort_sample() creates random variations of an image
            img, *unused = distort_sample(img)

            # add transformed image
            X.append(np.array(img).reshape(64, 64, 1))
            Y.append(self.y_col[i])

            # add base image
            X.append(base_img)
            Y.append(self.y_col[i])

        return np.array(X), np.array(Y)


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

def synthetic_glyphs(n, seed, size=64):
    """Deterministic glyph-like images: 2-6 white pen strokes (lines, arcs, dots) on black,
    some softened, as float16 [n, 64, 64, 1] in [0, 1]; labels int64 in [0, 3036)."""
    rng = random.Random(seed)
    out = np.empty((n, size, size, 1), dtype=np.float16)
    labels = np.empty((n,), dtype=np.int64)
    for k in range(n):
        im = PImage.new("L", (size, size), 0)
        d = ImageDraw.Draw(im)
        for _ in range(rng.randint(2, 6)):
            width = rng.randint(2, 5)
            kind = rng.random()
            if kind < 0.6:  # polyline stroke
                pts = [(rng.uniform(8, 56), rng.uniform(8, 56)) for _ in range(rng.randint(2, 4))]
                d.line(pts, fill=255, width=width, joint="curve")
            elif kind < 0.9:  # arc
                x0, y0 = rng.uniform(4, 32), rng.uniform(4, 32)
                x1, y1 = x0 + rng.uniform(12, 28), y0 + rng.uniform(12, 28)
                a0 = rng.uniform(0, 360)
                d.arc([x0, y0, x1, y1], a0, a0 + rng.uniform(60, 240), fill=255, width=width)
            else:  # dot
                cx, cy, r = rng.uniform(10, 54), rng.uniform(10, 54), rng.uniform(1.5, 3.5)
                d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
        if rng.random() < 0.5:
            im = im.filter(ImageFilter.SMOOTH)  # grey stroke edges, like scanned glyphs
        out[k, :, :, 0] = np.asarray(im, dtype=np.float32) / 255.0
        labels[k] = rng.randrange(3036)
    return out, labels


def load_inputs(args):
    if args.images or args.labels:
        if not (args.images and args.labels):
            sys.exit("seed_baseline: --images and --labels must be given together")
        x = np.load(args.images, mmap_mode="r")
        y = np.load(args.labels, mmap_mode="r")
        if x.dtype != np.float16:
            sys.exit(f"seed_baseline: {args.images}: dtype {x.dtype}, expected float16 in [0,1]")
        if x.ndim == 3:
            x = x.reshape(x.shape[0], x.shape[1], x.shape[2], 1)
        if x.ndim != 4 or x.shape[1:] != (64, 64, 1):
            sys.exit(f"seed_baseline: {args.images}: shape {x.shape}, expected [N,64,64] or [N,64,64,1]")
        if y.ndim != 1 or y.shape[0] != x.shape[0] or y.dtype.kind not in "iu":
            sys.exit(f"seed_baseline: {args.labels}: need int labels of shape [{x.shape[0]}], got {y.dtype} {y.shape}")
        n = x.shape[0] if args.samples is None else min(args.samples, x.shape[0])
        return np.ascontiguousarray(x[:n]), np.asarray(y[:n]), f"{args.images} + {args.labels}"
    n = 8192 if args.samples is None else args.samples
    x, y = synthetic_glyphs(n, args.seed)
    return x, y, f"synthetic glyph strokes (seed {args.seed})"


def to_shared(x, y):
    """The seed's shared arrays: raw float16 bytes and int8 labels, read back with frombuffer."""
    x_shared = mp.RawArray("B", x.nbytes)   # RawArray: no lock, as the workers only read
    np.frombuffer(x_shared, dtype="float16").reshape(x.shape)[...] = x
    y8 = np.asarray(y).astype(np.int8)      # SEED BUG (kept): dtype "b" wraps labels >= 128
    y_shared = mp.RawArray("b", y8.shape[0])
    np.frombuffer(y_shared, dtype="b")[...] = y8
    return x_shared, y_shared, x.shape, y8.shape


# --------------------------------------------------------------------------------------------
# Modes
# --------------------------------------------------------------------------------------------

def run_pool(x, y, args):
    half = args.batch_size // 2
    n_batches = x.shape[0] // half
    if n_batches < 2:
        sys.exit(f"seed_baseline: need at least 2 batches of {half} samples, have {x.shape[0]}")
    x_shared, y_shared, x_shape, y_shape = to_shared(x, y)
    gen = DataGenerator(num_samples=x.shape[0], batch_size=args.batch_size, percentage=100,
                        mode="training", x_shared=x_shared, y_shared=y_shared,
                        x_np_shape=x_shape, y_np_shape=y_shape, processes=args.processes)
    try:
        # all full batches (N // half), not len(gen): the seed's __len__ rounds N down to a
        # multiple of 100 first (num_samples // 100 * percentage), dropping up to 99 samples;
        # the per-batch work is unchanged.
        per_batch = gen.images_per_batch()
        if per_batch == 0:
            sys.exit(f"seed_baseline: batch half {half} < {args.processes} processes: nothing to do")
        Xb, Yb = gen[0]  # warm-up: forks and imports settle, first batch not timed
        assert Xb.shape == (2 * per_batch, 64, 64, 1) and Xb.dtype == np.float16, Xb.shape
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for b in range(n_batches):
                Xb, Yb = gen[b]
            times.append(time.perf_counter() - t0)
            gen.on_epoch_end()
    finally:
        gen.close()
    return times, n_batches * per_batch


def run_single(x, y, args):
    if args.seed is not None:
        random.seed(args.seed)
    gen = SingleProcessGenerator(x, y, batch_size=args.batch_size)
    n_batches = x.shape[0] // gen.undistorted_images  # all batches (see bug 5)
    if n_batches < 2:
        sys.exit("seed_baseline: need at least 2 batches")
    Xb, Yb = gen[0]  # warm-up
    assert Xb.shape == (2 * gen.undistorted_images, 64, 64, 1), Xb.shape
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for b in range(n_batches):
            Xb, Yb = gen[b]
        times.append(time.perf_counter() - t0)
    return times, n_batches * gen.undistorted_images


# Each op exactly as distort_sample calls it, with parameters drawn from the seed's ranges.

def _draw_rotate(r):
    return (r.uniform(-15, 15),)


def _op_rotate(img, angle):
    return img.rotate(angle)


def _draw_shear(r):
    y_shear = r.uniform(-0.2, 0.2)
    x_shear = r.uniform(-0.2, 0.2)
    return (x_shear, y_shear)


def _op_shear(img, x_shear, y_shear):
    return img.transform(img.size, PImage.AFFINE, (1, x_shear, 0, y_shear, 1, 0))


def _draw_scale(r):
    size_x = r.randrange(25, 63)
    size_y = r.randrange(25, 63)
    trans_x = r.randrange(0, math.floor((64 - size_x)))
    trans_y = r.randrange(0, math.floor((64 - size_y)))
    return ((size_x, size_y), (trans_x, trans_y))


def _op_scale(img, scale, offset):
    img = img.resize(scale)
    background = PImage.new('L', (64, 64))
    background.paste(img, offset)
    return background


def _draw_sine(r):
    return (r.choice([-1, 1]) * r.uniform(0.15, 0.2),)


def _op_sine(img, shift_factor):
    t_img = np.array(img)
    A = t_img.shape[0] / 3.0
    w = 2.0 / t_img.shape[1]
    shift = lambda x: shift_factor * A * np.sin(-2*np.pi*x * w)
    for i in range(t_img.shape[0]):
        t_img[:,i] = np.roll(t_img[:,i], int(shift(i)))
    return PImage.fromarray(t_img)


def _draw_blur(r):
    return (r.uniform(0.5, 1.2),)


def _op_blur(img, radius):
    return img.filter(ImageFilter.GaussianBlur(radius=radius))


def _op_sharpen(img):
    return img.filter(ImageFilter.SHARPEN)


def _op_smooth(img):
    return img.filter(ImageFilter.SMOOTH)


def _op_distort(img):
    return distort_sample(img)[0]


KERNEL_OPS = [
    ("rotate", _draw_rotate, _op_rotate),
    ("shear", _draw_shear, _op_shear),
    ("scale", _draw_scale, _op_scale),
    ("sine", _draw_sine, _op_sine),
    ("gaussian_blur", _draw_blur, _op_blur),
    ("sharpen", lambda r: (), _op_sharpen),
    ("smooth", lambda r: (), _op_smooth),
    ("distort_sample", lambda r: (), _op_distort),
]


def run_kernel(x, y, args):
    """Returns {op: (times, images)}; one process, each op over every sample."""
    n = x.shape[0]
    seed = 0 if args.seed is None else args.seed
    random.seed(seed)
    results = {}

    cpu = {}

    def timed(body, name=None):
        body(min(n, args.batch_size // 2))  # warm-up, one batch
        times = []
        cpu_total = 0.0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            c0 = time.process_time()
            body(n)
            cpu_total += time.process_time() - c0
            times.append(time.perf_counter() - t0)
        # Per CPU-second of this process too: on a shared machine that stays near what one
        # unloaded core does, and it is what the Java side (bench/jmh CpuTime) reports.
        if name:
            cpu[name] = n * args.repeat / cpu_total
        return times

    # the seed's input conversion alone
    def conv(m):
        for i in range(m):
            PImage.fromarray(np.uint8(x[i].reshape(64, 64) * 255))
    results["f16_to_u8"] = (timed(conv, "f16_to_u8"), n)

    imgs = [PImage.fromarray(np.uint8(x[i].reshape(64, 64) * 255)) for i in range(n)]
    for name, draw, op in KERNEL_OPS:
        r = random.Random(f"{seed}:{name}")
        params = [draw(r) for _ in range(n)]

        def body(m, op=op, params=params):
            for i in range(m):
                op(imgs[i], *params[i])
        results[name] = (timed(body, name), n)

    # the worker loop's per-sample body: conversion + distort_sample + the two array copies
    def sample(m):
        for i in range(m):
            img = PImage.fromarray(np.uint8(x[i].reshape(64, 64) * 255))
            img, *unused = distort_sample(img)
            np.array(img).reshape(64, 64, 1)
            np.array(img).reshape(64, 64, 1)
    results["sample"] = (timed(sample, "sample"), n)
    results["_cpu"] = cpu
    return results


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------

def environment():
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pillow": PIL.__version__,
        "cpu_count": os.cpu_count(),
        "machine": f"{platform.machine()} {_cpu_model()}".strip(),
    }


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _rate(times, images):
    total = sum(times)
    return {
        "seconds": round(total, 4),
        "images_per_s": round(images * len(times) / total, 1),
        "best_images_per_s": round(images / min(times), 1),
        "median_images_per_s": round(images / statistics.median(times), 1),
    }


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Time the seed's Pillow augmentation pipeline (preaug's baseline). "
                    "One image = one input sample augmented = one distort_sample call.")
    p.add_argument("--mode", choices=["pool", "single", "kernel"], default="pool",
                   help="pool: the seed's mp.Pool + shared memory generator (default); "
                        "single: one process, no pool; kernel: per-op timing in one process")
    p.add_argument("--images", help="float16 .npy, [N,64,64] or [N,64,64,1], values in [0,1]")
    p.add_argument("--labels", help="integer .npy, [N]")
    p.add_argument("--samples", type=int, default=None,
                   help="use the first N samples (synthetic default: 8192)")
    p.add_argument("--seed", type=int, default=1234,
                   help="synthetic data and single/kernel-mode random state (default 1234)")
    p.add_argument("--processes", type=int, default=os.cpu_count(),
                   help="pool processes (default: all cores, %(default)s here)")
    p.add_argument("--batch-size", type=int, default=256,
                   help="the seed's batch size; half of it is augmented per batch (default 256)")
    p.add_argument("--repeat", type=int, default=3, help="timed passes over the data (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    args = p.parse_args(argv)
    if args.processes < 1 or args.batch_size < 2 or args.repeat < 1:
        p.error("--processes >= 1, --batch-size >= 2, --repeat >= 1")
    if args.samples is not None and args.samples < 1:
        p.error("--samples >= 1")

    x, y, source = load_inputs(args)
    env = environment()
    common = {"mode": args.mode, "input": source, "samples": int(x.shape[0]),
              "batch_size": args.batch_size, "repeat": args.repeat,
              "image_unit": "input sample augmented (one distort_sample call)"}

    if args.mode == "kernel":
        res = run_kernel(x, y, args)
        cpu = res.pop("_cpu")
        ops = {name: dict(_rate(t, n), images_per_cpu_s=round(cpu[name], 1))
               for name, (t, n) in res.items()}
        out = dict(common, processes=1, ops=ops, **env)
        if args.json:
            print(json.dumps(out))
        else:
            print(f"kernel mode, 1 process, {x.shape[0]} samples, {args.repeat} passes; {source}")
            print(f"{'op':<16}{'img/s':>12}{'best':>12}{'us/img':>10}{'img/CPU-s':>12}")
            for name, r in ops.items():
                print(f"{name:<16}{r['images_per_s']:>12,.0f}{r['best_images_per_s']:>12,.0f}"
                      f"{1e6 / r['images_per_s']:>10.1f}{r['images_per_cpu_s']:>12,.0f}")
            print(f"python {env['python']}, numpy {env['numpy']}, Pillow {env['pillow']}, "
                  f"{env['cpu_count']} CPUs, {env['machine']}")
        return 0

    if args.mode == "pool":
        if mp.get_start_method(allow_none=True) is None and "fork" in mp.get_all_start_methods():
            mp.set_start_method("fork")
        times, images = run_pool(x, y, args)
        procs = args.processes
    else:
        times, images = run_single(x, y, args)
        procs = 1
    r = _rate(times, images)
    out = dict(common, processes=procs, images_per_pass=images, **r,
               images_per_s_per_process=round(r["images_per_s"] / procs, 1), **env)
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{args.mode} mode, {procs} process(es), {images} images/pass x {args.repeat}; {source}")
        print(f"  {r['images_per_s']:,.0f} img/s  ({out['images_per_s_per_process']:,.0f} per process; "
              f"best pass {r['best_images_per_s']:,.0f}, median {r['median_images_per_s']:,.0f}) "
              f"in {r['seconds']:.2f} s")
        print(f"  python {env['python']}, numpy {env['numpy']}, Pillow {env['pillow']}, "
              f"{env['cpu_count']} CPUs, {env['machine']}")
        print("  (one image = one input sample augmented; the seed's duplicate copy is not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
