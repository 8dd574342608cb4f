#!/usr/bin/python3
"""Single-process images/s of the seed's per-sample augmentation, for comparison with JMH.

Runs what the seed's distort_sample does per 64x64 glyph (one of rotate / shear / scale+paste /
sine, then one of GaussianBlur / SHARPEN / SMOOTH, parameters from the seed's ranges) with Pillow
and numpy, including the seed's float16 -> uint8 -> Image -> array round trip, on one core.

    /usr/bin/python3 bench/jmh/seed_baseline.py [seconds] [windows]

Rates are per second of this process's CPU time, so that other work on a shared machine does not
lower them; compare with dev.preaug.bench.CpuTime, which times the Java side the same way. With
several windows it prints the median and the best.
"""
import math
import random
import sys
import time

import numpy as np
from PIL import Image, ImageFilter


def glyphs(count, seed=42):
    rnd = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        img = np.zeros((64, 64), np.float32)
        for _ in range(rnd.integers(4, 12)):
            a, start = rnd.integers(8, 56), rnd.integers(8, 38)
            end, thick = min(start + rnd.integers(8, 34), 58), rnd.integers(2, 5)
            level = rnd.integers(170, 256) / 255.0
            if rnd.integers(2):
                img[a:a + thick, start:end] = level
            else:
                img[start:end, a:a + thick] = level
        out.append(img.astype(np.float16))
    return out


def augment(x_f16):
    img = Image.fromarray(np.uint8(x_f16 * 255))
    t = random.choice(["sine", "rotate", "shear", "scale"])
    f = random.choice(["blur", "sharpen", "smooth"])
    if t == "rotate":
        img = img.rotate(random.uniform(-15, 15))
    elif t == "shear":
        ys, xs = random.uniform(-0.2, 0.2), random.uniform(-0.2, 0.2)
        img = img.transform(img.size, Image.AFFINE, (1, xs, 0, ys, 1, 0))
    elif t == "scale":
        sx, sy = random.randrange(25, 63), random.randrange(25, 63)
        small = img.resize((sx, sy))
        bg = Image.new('L', (64, 64))
        bg.paste(small, (random.randrange(0, math.floor(64 - sx)),
                         random.randrange(0, math.floor(64 - sy))))
        img = bg
    else:
        t_img = np.array(img)
        amp, w = t_img.shape[0] / 3.0, 2.0 / t_img.shape[1]
        sf = random.choice([-1, 1]) * random.uniform(0.15, 0.2)
        for i in range(t_img.shape[1]):
            t_img[:, i] = np.roll(t_img[:, i], int(sf * amp * np.sin(-2 * np.pi * i * w)))
        img = Image.fromarray(t_img)
    if f == "blur":
        img = img.filter(ImageFilter.GaussianBlur(radius=random.uniform(0.5, 1.2)))
    elif f == "sharpen":
        img = img.filter(ImageFilter.SHARPEN)
    else:
        img = img.filter(ImageFilter.SMOOTH)
    return np.array(img)


def rate(inputs, seconds):
    """Images per second of this process's CPU time (not wall time: the machine may be shared)."""
    n, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for x in inputs:
            augment(x)
        n += len(inputs)
    return n / (time.process_time() - start)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    windows = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    random.seed(2024)
    inputs = glyphs(1024)
    for x in inputs[:200]:
        augment(x)  # warm-up
    rates = sorted(rate(inputs, seconds) for _ in range(windows))
    label = f"seed recipe (Pillow {Image.__version__}, numpy {np.__version__}), one process"
    median = rates[len(rates) // 2]
    print(f"{label}: {median:,.0f} images per CPU-second ({1e6 / median:.1f} us/image)"
          + (f", median of {windows}, best {rates[-1]:,.0f}" if windows > 1 else ""))


if __name__ == "__main__":
    main()
