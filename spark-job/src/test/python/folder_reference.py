#!/usr/bin/python3
"""Image-folder inputs and Pillow's own reading of them, for the Java tests.

make ROOT CLASSES PER_CLASS SEED   writes ROOT/<class>/<n>.png in several Pillow modes (L, RGB,
                                   RGBA, P) and sizes, plus a few JPEGs.
check ROOT EPOCH W H [MODE [FILTER]]
                                   for every PNG, Pillow's Image.open(p).convert(MODE).resize((W, H),
                                   FILTER) (MODE L and Pillow's default filter unless given) must
                                   equal the original copy in the epoch's NPY shards (class ids by
                                   sorted folder name, files by sorted name).
"""
import json
import pathlib
import sys

import numpy as np
from PIL import Image


def make(root, classes, per_class, seed):
    rng = np.random.default_rng(seed)
    modes = ["L", "RGB", "RGBA", "P"]
    for c in range(classes):
        d = pathlib.Path(root) / f"class_{c:03d}"
        d.mkdir(parents=True, exist_ok=True)
        for n in range(per_class):
            w, h = int(rng.integers(20, 90)), int(rng.integers(20, 90))
            mode = modes[(c + n) % len(modes)]
            rgb = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
            img = Image.fromarray(rgb, "RGB")
            if mode == "L":
                img = img.convert("L")
            elif mode == "RGBA":
                img = img.convert("RGBA")
                img.putalpha(Image.fromarray(rng.integers(0, 256, size=(h, w), dtype=np.uint8)))
            elif mode == "P":
                img = img.convert("P", palette=Image.ADAPTIVE, colors=64)
            img.save(d / f"{n:04d}.png")
        Image.fromarray(rng.integers(0, 256, size=(30, 40), dtype=np.uint8)).save(d / "zz.jpg")
        (d / "notes.txt").write_text("not an image")


def check(root, epoch, w, h, mode="L", resample=None):
    classes = sorted(p.name for p in pathlib.Path(root).iterdir() if p.is_dir())
    files = []
    for c in classes:
        for p in sorted((pathlib.Path(root) / c).iterdir(), key=lambda p: p.name):
            if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".bmp", ".gif"):
                files.append((p, c))
    ep = pathlib.Path(epoch)
    m = json.loads((ep / "manifest.json").read_text())
    if m["samples"] != len(files):
        sys.exit(f"manifest samples {m['samples']} != {len(files)} image files")
    checked = 0
    for s in m["shard_list"]:
        fs = s["files"]
        x = np.load(ep / fs["images"]["file"], mmap_mode="r")
        y = np.load(ep / fs["labels"]["file"], mmap_mode="r")
        idx = np.load(ep / fs["index"]["file"], mmap_mode="r")
        ops = (ep / fs["ops"]["file"]).read_text(encoding="utf-8").split("\n")[:-1]
        for j in range(len(ops)):
            if ops[j]:
                continue
            p, c = files[int(idx[j])]
            if int(y[j]) != classes.index(c):
                sys.exit(f"{p}: label {int(y[j])}, expected {classes.index(c)}")
            if p.suffix.lower() != ".png":
                continue
            img = Image.open(p).convert(mode)
            if resample is None:
                ref = np.asarray(img.resize((w, h)))
            else:
                ref = np.asarray(img.resize((w, h), getattr(Image.Resampling, resample.upper())))
            got = x[j, :, :, 0] if mode == "L" else x[j]
            if not np.array_equal(got, ref):
                diff = np.argwhere(got != ref)[0]
                sys.exit(f"{p}: pixel {tuple(diff)} is {got[tuple(diff)]}, Pillow gives"
                         f" {ref[tuple(diff)]}")
            checked += 1
    print(json.dumps({"files": len(files), "png_checked": checked}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        check(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), *sys.argv[6:8])
