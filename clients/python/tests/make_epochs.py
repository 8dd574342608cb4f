"""Writes the real epochs the Python tests read, with the Java job (``./submit.sh run``).

    /usr/bin/python3 clients/python/tests/make_epochs.py DIR

makes, under DIR:

    input/images.npy, input/labels.npy   uint8 [1001, 64, 64] glyph-like images, int32 labels
    out/epoch-0000{0,1,2}/               3 epochs, 8 shards (250/251 records), both formats
    variant/images.npy, labels.npy       float16 [203, 64, 64] in [0, 1], int16 labels
    out-variant/epoch-00004/             1 epoch (first_epoch 4), 3 shards, NPY float16,
                                         TFRecord gzip-compressed with PNG images
    rgb/images.npy, labels.npy           uint8 [40, 32, 32, 3] colour images, int64 labels
                                         (core's DemoColour, the Java tests' generator)
    out-rgb/epoch-00000/                 1 epoch, 3 shards, both formats, raw TFRecord
    out-rgb-png/epoch-00000/             the same records, TFRecord images as colour PNGs
    READY                                JSON of the parameters; written last

A DIR that already has READY is reused as is (that is how PREAUG_TEST_EPOCHS works: point it at
a directory this script filled, or at an empty one to fill once and reuse). The Java runs
go in parallel.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[3]
RECIPE_32 = ("recipe.geometry.scale=resize_paste(w=randrange(12, 31), h=randrange(12, 31), "
             "ox=fit, oy=fit)")
PARAMS = {
    "main": {"samples": 1001, "classes": 37, "epochs": 3, "first_epoch": 0, "shards": 8,
             "seed": 7, "name": "pytest", "copies_original": 1, "copies_augmented": 1},
    "variant": {"samples": 203, "classes": 11, "epochs": 1, "first_epoch": 4, "shards": 3,
                "seed": 11, "name": "variant", "copies_original": 1, "copies_augmented": 2,
                "set": ["output.npy.dtype=float16", "output.tfrecord.compression=gzip",
                        "output.tfrecord.image_encoding=png"]},
    # Colour at CIFAR's size; the default recipe's resize_paste is sized for 64x64.
    "rgb": {"samples": 40, "classes": 10, "epochs": 1, "first_epoch": 0, "shards": 3,
            "seed": 13, "name": "rgb", "copies_original": 1, "copies_augmented": 2,
            "set": [RECIPE_32]},
    "rgb_png": {"samples": 40, "classes": 10, "epochs": 1, "first_epoch": 0, "shards": 3,
                "seed": 13, "name": "rgb", "copies_original": 1, "copies_augmented": 2,
                "set": [RECIPE_32, "output.tfrecord.image_encoding=png"]},
}
MARKER = ".preaug-test-epochs"


def glyphs(n: int, seed: int) -> np.ndarray:
    """Deterministic glyph-like uint8 images: a few bright strokes on black."""
    rng = np.random.default_rng(seed)
    img = np.zeros((n, 64, 64), np.uint8)
    yy, xx = np.mgrid[0:64, 0:64]
    for _ in range(4):
        x0, y0 = rng.integers(8, 56, (2, n))
        x1, y1 = rng.integers(8, 56, (2, n))
        val = rng.integers(120, 256, n)
        for i in range(n):
            # a thick line segment from (x0, y0) to (x1, y1)
            dx, dy = x1[i] - x0[i], y1[i] - y0[i]
            t = np.clip(((xx - x0[i]) * dx + (yy - y0[i]) * dy) / max(dx * dx + dy * dy, 1), 0, 1)
            d2 = (xx - (x0[i] + t * dx)) ** 2 + (yy - (y0[i] + t * dy)) ** 2
            img[i][d2 <= 4.0] = val[i]
    return img


def _job_jar() -> Path:
    version = re.search(r"^  <version>(.*)</version>", (REPO / "pom.xml").read_text(),
                        re.M).group(1)
    return REPO / "spark-job" / "target" / f"preaug-spark-job-{version}.jar"


def demo_colour(images: Path, labels: Path, n: int, classes: int, w: int, h: int,
                seed: int) -> None:
    """Writes core's DemoColour set (uint8 [n, h, w, 3], int64 labels) with the job's jar."""
    subprocess.run(["java", "-cp", str(_job_jar()), str(HERE / "DemoColourInput.java"),
                    str(images), str(labels), str(n), str(classes), str(w), str(h), str(seed)],
                   check=True)


def _run_args(p, images, labels, out):
    args = [str(REPO / "submit.sh"), "run", "--images", str(images), "--labels", str(labels),
            "--output", str(out), "--epochs", str(p["epochs"]),
            "--first-epoch", str(p["first_epoch"]), "--shards", str(p["shards"]),
            "--format", "both", "--seed", str(p["seed"]), "--name", p["name"],
            "--copies-original", str(p["copies_original"]),
            "--copies-augmented", str(p["copies_augmented"])]
    for kv in p.get("set", []):
        args += ["--set", kv]
    return args


def make(root: Path) -> dict:
    root = Path(root)
    ready = root / "READY"
    if ready.is_file():
        info = json.loads(ready.read_text())
        if {k: v for k, v in info.items() if k != "seconds"} != json.loads(json.dumps(PARAMS)):
            raise RuntimeError(f"{root}: made by an older make_epochs.py (other epochs); "
                               f"remove {root} and rerun")
        return info
    root.mkdir(parents=True, exist_ok=True)
    others = [p.name for p in root.iterdir() if p.name != MARKER]
    if others and not (root / MARKER).exists():
        raise RuntimeError(f"{root}: not empty and not made by make_epochs.py; "
                           "point PREAUG_TEST_EPOCHS at an empty or a READY directory")
    (root / MARKER).write_text("made by clients/python/tests/make_epochs.py\n")
    for sub in ("out", "out-variant", "out-rgb", "out-rgb-png"):
        if (root / sub).exists():
            raise RuntimeError(f"{root / sub}: left by an interrupted run; remove {root} and rerun")

    m, v, c, cp = PARAMS["main"], PARAMS["variant"], PARAMS["rgb"], PARAMS["rgb_png"]
    for sub in ("input", "variant", "rgb"):
        (root / sub).mkdir(exist_ok=True)
    x = glyphs(m["samples"], 1)
    y = (np.arange(m["samples"]) % m["classes"]).astype(np.int32)
    np.save(root / "input" / "images.npy", x)
    np.save(root / "input" / "labels.npy", y)
    xv = (glyphs(v["samples"], 2).astype(np.float32) / 255.0).astype(np.float16)
    yv = (np.arange(v["samples"]) % v["classes"]).astype(np.int16)
    np.save(root / "variant" / "images.npy", xv)
    np.save(root / "variant" / "labels.npy", yv)

    env = dict(os.environ, PREAUG_EMBEDDED="1")
    env.setdefault("PREAUG_JAVA_OPTS", "-Xmx1g")
    # Build once (submit.sh builds when the jar is stale), then run the jobs in parallel.
    subprocess.run([str(REPO / "submit.sh"), "help", "run"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    demo_colour(root / "rgb" / "images.npy", root / "rgb" / "labels.npy", c["samples"],
                c["classes"], 32, 32, 5)
    t0 = time.time()
    procs = []
    for p, images, labels, out in (
            (m, root / "input" / "images.npy", root / "input" / "labels.npy", root / "out"),
            (v, root / "variant" / "images.npy", root / "variant" / "labels.npy",
             root / "out-variant"),
            (c, root / "rgb" / "images.npy", root / "rgb" / "labels.npy", root / "out-rgb"),
            (cp, root / "rgb" / "images.npy", root / "rgb" / "labels.npy",
             root / "out-rgb-png")):
        log = open(root / f"{out.name}.log", "w")
        procs.append((subprocess.Popen(_run_args(p, images, labels, out), cwd=REPO, env=env,
                                       stdout=log, stderr=subprocess.STDOUT), log, out))
    failed = []
    for proc, log, out in procs:
        rc = proc.wait()
        log.close()
        if rc != 0:
            failed.append(f"{out.name}: exit {rc}; log: {root / (out.name + '.log')}")
    if failed:
        raise RuntimeError("./submit.sh run failed: " + "; ".join(failed))
    info = dict(PARAMS, seconds=round(time.time() - t0, 1))
    ready.write_text(json.dumps(info, indent=1) + "\n")
    return info


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(json.dumps(make(Path(sys.argv[1])), indent=1))
