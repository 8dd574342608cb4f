"""Shared helpers for the golden-set generators in this folder.

Test images (synthetic, deterministic, any size, mode L or RGB), NPY writing, manifest writing and
the byte-for-byte --check that every generator offers. No op lives here: each generator calls the
library it is the golden source for (Pillow, torchvision) itself.
"""
import filecmp
import json
import os
import platform
import shutil
import sys
import tempfile

import numpy as np
import PIL
from PIL import Image, ImageDraw

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RESOURCES = os.path.join(REPO, "core", "src", "test", "resources")


# ----------------------------------------------------------------------------- images
def _scene_rgb(w, h, seed):
    """Smooth colour gradients plus a few hard-edged saturated shapes and grey areas.

    Grey regions (R == G == B) exercise the saturation-0 branches of the colour ops; the
    gradients give every op interpolated values; the shapes give edges for the geometric ops.
    """
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255.0 * x / max(w - 1, 1)
    g = 255.0 * y / max(h - 1, 1)
    b = 255.0 * np.clip(1.0 - np.hypot(x - 0.6 * w, y - 0.4 * h) / (0.7 * max(w, h)), 0.0, 1.0)
    a = np.stack([r, g, b], axis=-1)
    a = np.clip(np.floor(a + 0.5), 0, 255).astype(np.uint8)
    im = Image.fromarray(a, "RGB")
    d = ImageDraw.Draw(im)
    palette = [(230, 30, 40), (20, 200, 60), (40, 60, 220), (250, 220, 20), (128, 128, 128),
               (255, 255, 255), (0, 0, 0), (200, 40, 200)]
    for k in range(4):
        c = palette[int(rng.integers(0, len(palette)))]
        x0, y0 = int(rng.integers(0, w * 2 // 3)), int(rng.integers(0, h * 2 // 3))
        x1 = x0 + int(rng.integers(max(3, w // 6), max(4, w // 2)))
        y1 = y0 + int(rng.integers(max(3, h // 6), max(4, h // 2)))
        if k % 2 == 0:
            d.ellipse((x0, y0, x1, y1), fill=c)
        else:
            d.rectangle((x0, y0, x1, y1), outline=c, width=max(1, min(w, h) // 16))
    d.line((0, h - 1, w - 1, h // 3), fill=(90, 90, 90), width=max(1, min(w, h) // 20))
    d.rectangle((w - max(2, w // 6), 0, w - 1, max(2, h // 6)), fill=(77, 77, 77))
    return np.array(im)


def _blocks_rgb(w, h, seed):
    """Flat coloured blocks on an 8x8-ish grid, some grey, some pure primaries."""
    rng = np.random.default_rng(seed)
    by, bx = max(2, h // 6), max(2, w // 6)
    ny, nx = -(-h // by), -(-w // bx)
    cols = rng.integers(0, 256, (ny, nx, 3), dtype=np.uint8)
    grey = rng.random((ny, nx)) < 0.3
    cols[grey] = cols[grey][:, :1]
    prim = rng.random((ny, nx)) < 0.2
    cols[prim] = np.array([255, 0, 0], np.uint8)
    a = np.repeat(np.repeat(cols, by, axis=0), bx, axis=1)[:h, :w]
    return np.ascontiguousarray(a)


def _noise_rgb(w, h, seed):
    return np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)


def _lowcontrast_rgb(w, h, seed):
    """Each band confined to its own narrow range (autocontrast, equalize, contrast)."""
    rng = np.random.default_rng(seed)
    lo = np.array([90, 20, 150])
    span = np.array([60, 40, 30])
    base = _scene_rgb(w, h, seed).astype(np.int64)
    a = lo + (base * span) // 255 + rng.integers(0, 3, (h, w, 3))
    return np.clip(a, 0, 255).astype(np.uint8)


def _levels_rgb(w, h, seed):
    """Two or three distinct values per band (equalize's small-histogram branches)."""
    rng = np.random.default_rng(seed)
    lv = [np.array([0, 255]), np.array([40, 41, 200]), np.array([128])]
    return np.stack([v[rng.integers(0, len(v), (h, w))] for v in lv], axis=-1).astype(np.uint8)


def _flat_rgb(w, h, seed):
    return np.broadcast_to(np.array([37, 180, 99], np.uint8), (h, w, 3)).copy()


KINDS = {"scene": _scene_rgb, "blocks": _blocks_rgb, "noise": _noise_rgb,
         "lowcontrast": _lowcontrast_rgb, "levels": _levels_rgb, "flat": _flat_rgb}


def make_image(kind, w, h, mode, seed):
    """A synthetic uint8 image: [h, w, 3] for RGB, [h, w] for L.

    L images are the RGB image converted by Pillow (convert('L')), except noise, which is drawn
    per pixel so that it keeps all 256 levels.
    """
    if mode == "L" and kind == "noise":
        return np.random.default_rng(seed).integers(0, 256, (h, w), dtype=np.uint8)
    a = KINDS[kind](w, h, seed)
    if mode == "RGB":
        return a
    if mode == "L":
        return np.array(Image.fromarray(a, "RGB").convert("L"))
    raise ValueError(mode)


def mode_of(arr):
    """The golden format's rule: [H,W] is L, [H,W,3] is RGB."""
    if arr.ndim == 2:
        return "L"
    if arr.ndim == 3 and arr.shape[2] == 3:
        return "RGB"
    raise ValueError(f"shape {arr.shape} is neither [H,W] nor [H,W,3]")


def to_pil(arr):
    return Image.fromarray(np.ascontiguousarray(arr), mode_of(arr))


# ----------------------------------------------------------------------------- io
def save_npy(path, arr):
    arr = np.ascontiguousarray(arr)
    if arr.dtype != np.uint8:
        raise ValueError(f"{path}: dtype {arr.dtype}, expected uint8")
    np.save(path, arr, allow_pickle=False)


def write_json(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1)
        fh.write("\n")


def environment():
    return {"pillow_version": PIL.__version__, "numpy_version": np.__version__,
            "python_version": platform.python_version(), "machine": platform.machine()}


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


def fresh_dir(path, subdirs=("in", "out")):
    if os.path.isdir(path):
        shutil.rmtree(path)
    for s in subdirs:
        os.makedirs(os.path.join(path, s))


def compare_trees(expected, actual):
    """Byte-for-byte comparison of two directory trees; returns a list of differences."""
    problems = []

    def walk(rel):
        e, a = os.path.join(expected, rel), os.path.join(actual, rel)
        cmp = filecmp.dircmp(e, a)
        for n in cmp.left_only:
            problems.append(f"only in committed set: {os.path.join(rel, n)}")
        for n in cmp.right_only:
            problems.append(f"only in regenerated set: {os.path.join(rel, n)}")
        for n in sorted(cmp.common_files):
            if not filecmp.cmp(os.path.join(e, n), os.path.join(a, n), shallow=False):
                problems.append(f"differs: {os.path.join(rel, n)}")
        for n in sorted(cmp.common_dirs):
            walk(os.path.join(rel, n))

    walk("")
    return problems


def run(sets, argv=None):
    """Common command line for a generator of one or more sets.

    sets: list of (name, generate(out_dir) -> summary, folder under core/src/test/resources, max bytes).
    Without --check each set is regenerated in place; with --check each is regenerated into a
    temporary folder and compared byte for byte with the committed one.
    """
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and compare byte for byte with the committed set")
    ap.add_argument("--only", choices=[s[0] for s in sets], help="one set only")
    ap.add_argument("--root", default=RESOURCES, help="folder holding the sets (default: %(default)s)")
    args = ap.parse_args(argv)
    failed = []
    for name, generate, folder, max_bytes in sets:
        if args.only and name != args.only:
            continue
        target = os.path.join(args.root, folder)
        if not args.check:
            summary = generate(target)
            n = dir_bytes(target)
            print(f"{name}: {summary} -> {target} ({n / 1024:.0f} KiB)")
            if n > max_bytes:
                failed.append(f"{target} is {n} bytes, over the {max_bytes}-byte budget")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, folder)
            summary = generate(out)
            problems = compare_trees(target, out) if os.path.isdir(target) else [f"{target} missing"]
        if problems:
            print("\n".join(problems[:50]))
            failed.append(f"--check {name}: {len(problems)} difference(s) between {target} and a fresh run")
        else:
            print(f"--check OK {name}: {summary}; byte-identical to {target}")
    if failed:
        sys.exit("\n".join(failed))
