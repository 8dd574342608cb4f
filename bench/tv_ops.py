#!/usr/bin/python3
# Run with Debian's interpreter (/usr/bin/python3 + apt python3-torchvision, python3-pil).
"""torchvision's own ``F.*`` calls on PIL RGB images, per CPU-second: the other side of
bench/tv_ops.sh.

Each op of preaug's torchvision library is timed as torchvision 0.14 runs it on a PIL image
(``torchvision.transforms.functional``, which calls Pillow and numpy), with the parameters that
``RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)``
draws, as the same function of the image's index ``k`` as preaug's
``dev.preaug.bench.TvOpsBenchmark.op`` (change one, change the other). The images are the
benchmark's: ``java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.ColourSet X.npy Y.npy
1024 32 42`` writes the same DemoColour images the JMH benchmark makes in memory.

Timing follows dev.preaug.bench.CpuTime: per op, two warm-up windows and then ``--windows``
windows of at least one second of this process's CPU time each, cycling over the images; the
median and the best window give nanoseconds per image.

    /usr/bin/python3 bench/tv_ops.py --images X.npy [--windows 5] [--json] [op ...]
"""

import argparse
import json
import math
import os
import platform
import sys
import time

import numpy as np
import PIL
from PIL import Image as PImage

import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

SIDE = 32
ENHANCE = 0.27  # RandAugment magnitude 9 of 31 bins: linspace(0, 0.9, 31)[9]
SHEAR = math.degrees(math.atan(0.09))  # ShearX/Y at magnitude 9, as RandAugment converts it
TRANSLATE = 4  # TranslateX/Y at magnitude 9 on 32x32: int(150 / 331 * 32 * 9 / 30)
NEAREST = InterpolationMode.NEAREST
BILINEAR = InterpolationMode.BILINEAR


def sign(k, every):
    return 1 if (k // every) % 2 == 0 else -1


def affine(img, k):
    s = sign(k, 4)
    kind = k % 4
    if kind == 0:
        return F.affine(img, 0.0, [0, 0], 1.0, [s * SHEAR, 0.0], NEAREST, None, center=[0, 0])
    if kind == 1:
        return F.affine(img, 0.0, [0, 0], 1.0, [0.0, s * SHEAR], NEAREST, None, center=[0, 0])
    if kind == 2:
        return F.affine(img, 0.0, [s * TRANSLATE, 0], 1.0, [0.0, 0.0], NEAREST, None)
    return F.affine(img, 0.0, [0, s * TRANSLATE], 1.0, [0.0, 0.0], NEAREST, None)


def resized_crop(img, k):
    h = 12 + k % 21
    w = min(SIDE, h * (4 + (k // 21) % 3) // 5)
    return F.resized_crop(img, k % (SIDE - h + 1), (k // 7) % (SIDE - w + 1), h, w,
                          [SIDE, SIDE], BILINEAR)


# name -> fn(img, k): torchvision's call for image k, with TvOpsBenchmark.op's parameters
OPS = {
    "hflip": lambda img, k: F.hflip(img),
    "vflip": lambda img, k: F.vflip(img),
    "invert": lambda img, k: F.invert(img),
    "posterize": lambda img, k: F.posterize(img, 7),
    "solarize": lambda img, k: F.solarize(img, 178.5),
    "autocontrast": lambda img, k: F.autocontrast(img),
    "equalize": lambda img, k: F.equalize(img),
    "brightness": lambda img, k: F.adjust_brightness(img, 1 + sign(k, 1) * ENHANCE),
    "contrast": lambda img, k: F.adjust_contrast(img, 1 + sign(k, 1) * ENHANCE),
    "sharpness": lambda img, k: F.adjust_sharpness(img, 1 + sign(k, 1) * ENHANCE),
    "saturation": lambda img, k: F.adjust_saturation(img, 1 + sign(k, 1) * ENHANCE),
    "hue": lambda img, k: F.adjust_hue(img, ((k % 21) - 10) / 100.0),
    "grayscale": lambda img, k: F.rgb_to_grayscale(img, num_output_channels=3),
    "pad_crop": lambda img, k: F.crop(F.pad(img, 4, fill=0, padding_mode="constant"),
                                      k % 9, (k // 9) % 9, SIDE, SIDE),
    "affine": affine,
    "resized_crop": resized_crop,
    "rotate": lambda img, k: F.rotate(img, sign(k, 1) * 9.0, NEAREST, fill=None),
}


def rates(fn, imgs, windows):
    """Two warm-up windows, then ``windows`` of >= 1 CPU-second; {median, best} ns per image."""
    n = len(imgs)
    ns = []
    k = 0
    for _ in range(windows + 2):
        c0 = time.process_time()
        done = 0
        while True:
            for _ in range(64):
                fn(imgs[k], k)
                k = (k + 1) % n
            done += 64
            c = time.process_time() - c0
            if c >= 1.0:
                break
        ns.append(c / done * 1e9)
    measured = sorted(ns[2:])
    return measured[len(measured) // 2], measured[0]


def check(folder, names, x, imgs):
    """Both sides computed the same pixels: 0 when every op's outputs equal preaug's dump."""
    bad = 0
    for name in names:
        theirs = np.load(os.path.join(folder, name + ".npy"))
        ours = np.stack([np.asarray(OPS[name](imgs[k], k)) for k in range(len(imgs))])
        if theirs.shape != ours.shape:
            print(f"{name}: preaug {theirs.shape}, torchvision {ours.shape}")
            bad += 1
            continue
        differ = int(np.any(theirs != ours, axis=(1, 2, 3)).sum())
        print(f"{name}: {len(imgs) - differ} / {len(imgs)} images equal")
        bad += differ > 0
    return 1 if bad else 0


def main(argv=None):
    p = argparse.ArgumentParser(description="torchvision F.* per op on PIL RGB images.")
    p.add_argument("--images", help="uint8 .npy [N,32,32,3] (ColourSet, seed 42)")
    p.add_argument("--list", action="store_true", help="print the op names and stop")
    p.add_argument("--windows", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", metavar="DIR",
                   help="only compare every op's output on every image with DIR/<op>.npy "
                        "(TvCpuTime --dump DIR) and say which differ")
    p.add_argument("ops", nargs="*", help=f"a subset of {', '.join(OPS)}")
    args = p.parse_args(argv)
    if args.list:
        print(" ".join(OPS))
        return 0
    if not args.images:
        p.error("--images is required")
    for name in args.ops:
        if name not in OPS:
            p.error(f"unknown op {name}, expected one of {', '.join(OPS)}")
    x = np.load(args.images)
    if x.dtype != np.uint8 or x.shape[1:] != (SIDE, SIDE, 3):
        sys.exit(f"tv_ops: {args.images}: {x.dtype} {x.shape}, expected uint8 [N,{SIDE},{SIDE},3]")
    imgs = [PImage.fromarray(x[i], "RGB") for i in range(x.shape[0])]
    if args.check:
        return check(args.check, args.ops or list(OPS), x, imgs)
    torch.set_num_threads(1)
    out = {}
    for name in args.ops or OPS:
        median, best = rates(OPS[name], imgs, args.windows)
        out[name] = {"ns_median": round(median, 1), "ns_best": round(best, 1)}
    env = {"python": platform.python_version(), "torch": torch.__version__,
           "torchvision": torchvision.__version__, "pillow": PIL.__version__,
           "numpy": np.__version__, "cpu_count": os.cpu_count(), "machine": platform.machine()}
    if args.json:
        print(json.dumps({"ops": out, "images": int(x.shape[0]), "windows": args.windows, **env}))
    else:
        for name, r in out.items():
            print(f"{name:<14}{r['ns_median']:>12,.0f} ns (median){r['ns_best']:>12,.0f} ns (best)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
