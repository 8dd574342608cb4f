#!/usr/bin/python3
# Run with Debian's interpreter (/usr/bin/python3 + apt python3-torchvision, python3-numpy).
"""The torchvision side of bench/job_vs_torchvision.sh: CIFAR-style augmentation in a DataLoader.

What a torchvision user runs on CIFAR-10, over uint8 ``[N,H,W,3]`` images in memory, the way
``torchvision.datasets.CIFAR10`` holds them (a numpy array; ``__getitem__`` makes a PIL image
with ``Image.fromarray`` and applies the transform):

    T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(),
               T.RandAugment(num_ops=2, magnitude=9), T.PILToTensor()])

in a ``DataLoader(batch_size=256, shuffle=True, num_workers=W)`` (fork, workers use one torch
thread each, as the DataLoader sets them), one full pass. ``--transform colorjitter`` swaps
RandAugment for ``ColorJitter(0.4, 0.4, 0.4, 0.1)``.

What it produces: augmented uint8 tensors ``[256,3,H,W]`` and int64 labels in this process's
memory, batch after batch; nothing is written. It reports images per second for the pass (from
creating the DataLoader, so the workers' start-up is in it, to the last batch) and for the whole
process (from the interpreter's start, imports and loading the arrays included).

    /usr/bin/python3 bench/torchvision_loader.py --images X.npy --labels Y.npy --workers 2 [--json]
"""

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import PIL  # noqa: E402
from PIL import Image  # noqa: E402

import torch  # noqa: E402
import torchvision  # noqa: E402
import torchvision.transforms as T  # noqa: E402


class ArrayImages(torch.utils.data.Dataset):
    """uint8 images and int labels in memory, as torchvision's CIFAR10 dataset keeps them."""

    def __init__(self, images, labels, transform):
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        img = Image.fromarray(self.images[index])
        return self.transform(img), int(self.labels[index])


def transform(name, side):
    if name == "randaugment":
        middle = T.RandAugment(num_ops=2, magnitude=9)
    elif name == "colorjitter":
        middle = T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)
    else:
        raise ValueError(name)
    return T.Compose([T.RandomCrop(side, padding=4), T.RandomHorizontalFlip(), middle,
                      T.PILToTensor()])


def main(argv=None):
    p = argparse.ArgumentParser(description="torchvision CIFAR augmentation in a DataLoader.")
    p.add_argument("--images", required=True, help="uint8 .npy, [N,S,S,3]")
    p.add_argument("--labels", required=True, help="integer .npy, [N]")
    p.add_argument("--workers", type=int, default=os.cpu_count())
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--transform", choices=["randaugment", "colorjitter"], default="randaugment")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="print one JSON line")
    args = p.parse_args(argv)
    x = np.load(args.images)
    y = np.load(args.labels)
    if x.dtype != np.uint8 or x.ndim != 4 or x.shape[3] != 3 or x.shape[1] != x.shape[2]:
        sys.exit(f"torchvision_loader: {args.images}: {x.dtype} {x.shape}, expected uint8 "
                 "[N,S,S,3]")
    if y.shape != (x.shape[0],) or y.dtype.kind not in "iu":
        sys.exit(f"torchvision_loader: {args.labels}: {y.dtype} {y.shape}, expected int [N]")
    torch.manual_seed(args.seed)
    data = ArrayImages(x, y, transform(args.transform, x.shape[1]))
    c0 = time.process_time()
    t0 = time.perf_counter()
    loader = torch.utils.data.DataLoader(data, batch_size=args.batch_size, shuffle=True,
                                         num_workers=args.workers,
                                         multiprocessing_context="fork" if args.workers else None)
    images = 0
    for batch, labels in loader:
        assert batch.dtype == torch.uint8 and batch.shape[1:] == (3, x.shape[1], x.shape[2])
        images += batch.shape[0]
    t1 = time.perf_counter()
    c1 = time.process_time()
    if images != x.shape[0]:
        sys.exit(f"torchvision_loader: the pass gave {images} images, expected {x.shape[0]}")
    out = {"transform": args.transform, "workers": args.workers, "batch_size": args.batch_size,
           "images": images, "shape": list(x.shape[1:]),
           "pass_seconds": round(t1 - t0, 3), "images_per_s": round(images / (t1 - t0), 1),
           "process_seconds": round(t1 - T_START, 3),
           "images_per_s_process": round(images / (t1 - T_START), 1),
           "parent_cpu_seconds": round(c1 - c0, 3),
           "python": platform.python_version(), "torch": torch.__version__,
           "torchvision": torchvision.__version__, "pillow": PIL.__version__,
           "numpy": np.__version__, "cpu_count": os.cpu_count()}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{args.transform}, {args.workers} workers: {images} images in "
              f"{t1 - t0:.2f} s = {images / (t1 - t0):,.0f} img/s (process: "
              f"{t1 - T_START:.2f} s = {images / (t1 - T_START):,.0f} img/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
