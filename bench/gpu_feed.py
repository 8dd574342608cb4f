#!/usr/bin/python3
"""Is the GPU fed? Trains a small kanji-sized CNN three ways and reports images/s and the
fraction of wall time the training loop waited for data.

  (a) ceiling : batches already on the GPU (no input pipeline at all)
  (b) seed    : the seed's own pipeline: Pillow + mp.Pool over shared memory (--processes),
                its DataGenerator from bench/seed_baseline.py, batches copied to the GPU
  (c) preaug  : epochs written by preaug, read with the preaug package (NPY shards, one
                background thread pinning and copying batches ahead of the GPU)

usage (on the GPU host, from the repo root; epochs generated elsewhere and copied along):
  python3 bench/gpu_feed.py --epochs-dir DIR --images X.npy --labels Y.npy \
      [--classes 3036] [--steps 400] [--batch 256] [--processes 16] [--json out.json]

Model: 64x64x1 -> conv(32,32) pool conv(64,64) pool conv(128,128) pool conv(256) -> global
average -> linear(classes), bf16 autocast, channels_last, SGD with momentum. An "image" is one
64x64 sample through forward and backward. Wait time is measured on the host as the time spent
obtaining the next batch; GPU work of the previous step overlaps with it, so a fed loop shows a
wait fraction near 0. Needs PyTorch with CUDA, numpy and Pillow; no TensorFlow.
"""
import argparse
import importlib.util
import json
import os
import pathlib
import queue
import sys
import threading
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "clients" / "python"))


def model(classes):
    import torch.nn as nn

    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                nn.ReLU(inplace=True)]
    layers = (block(1, 32) + block(32, 32) + [nn.MaxPool2d(2)] + block(32, 64) + block(64, 64)
              + [nn.MaxPool2d(2)] + block(64, 128) + block(128, 128) + [nn.MaxPool2d(2)]
              + block(128, 256) + [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(256, classes)])
    return nn.Sequential(*layers)


class Trainer:
    def __init__(self, classes, device, compile_model):
        import torch
        self.torch = torch
        self.device = device
        self.net = model(classes).to(device).to(memory_format=torch.channels_last)
        if compile_model:
            self.net = torch.compile(self.net)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.01, momentum=0.9)
        self.loss = torch.nn.CrossEntropyLoss()

    def step(self, images_u8_nhwc, labels):
        """One training step; images uint8 [B,64,64,1] (or float), labels int64, on the GPU."""
        torch = self.torch
        x = images_u8_nhwc.permute(0, 3, 1, 2).float().div_(255.0)
        x = x.contiguous(memory_format=torch.channels_last)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            out = self.net(x)
            loss = self.loss(out.float(), labels)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()


def timed_loop(trainer, next_batch, steps, warmup):
    """Runs warmup + steps; returns (images/s, wait fraction) over the timed steps."""
    torch = trainer.torch
    for _ in range(warmup):
        x, y = next_batch()
        trainer.step(x, y)
    torch.cuda.synchronize()
    waited = 0.0
    images = 0
    t0 = time.perf_counter()
    for _ in range(steps):
        w0 = time.perf_counter()
        x, y = next_batch()
        waited += time.perf_counter() - w0
        trainer.step(x, y)
        images += int(y.shape[0])
    torch.cuda.synchronize()
    wall = time.perf_counter() - t0
    return images / wall, waited / wall, images, wall


def ceiling(args, trainer):
    torch = trainer.torch
    pool = torch.randint(0, 256, (16, args.batch, 64, 64, 1), dtype=torch.uint8,
                         device=trainer.device)
    labels = torch.randint(0, args.classes, (16, args.batch), device=trainer.device)
    i = [0]

    def next_batch():
        k = i[0] % 16
        i[0] += 1
        return pool[k], labels[k]
    return timed_loop(trainer, next_batch, args.steps, args.warmup)


def seed(args, trainer):
    torch = trainer.torch
    spec = importlib.util.spec_from_file_location("seed_baseline", HERE / "seed_baseline.py")
    sb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sb)
    import multiprocessing as mp
    if mp.get_start_method(allow_none=True) is None:
        mp.set_start_method("fork")
    x = np.load(args.images, mmap_mode="r")
    x = np.asarray(x.reshape(x.shape[0], 64, 64, 1), dtype=np.float16)
    y = np.asarray(np.load(args.labels))
    xs, ys, xshape, yshape = sb.to_shared(x, y)
    gen = sb.DataGenerator(num_samples=x.shape[0], batch_size=args.batch, percentage=100,
                           mode="training", x_shared=xs, y_shared=ys, x_np_shape=xshape,
                           y_np_shape=yshape, processes=args.processes)
    n = x.shape[0] // (args.batch // 2)
    i = [0]

    def next_batch():
        xb, yb = gen[i[0] % n]
        i[0] += 1
        # The seed hands Keras float16 images and float16 labels; the model wants class ids.
        xt = torch.from_numpy(xb).pin_memory().to(trainer.device, non_blocking=True)
        yt = torch.from_numpy(yb.astype(np.int64) % args.classes).to(trainer.device)
        return xt, yt
    try:
        return timed_loop(trainer, next_batch, args.steps, args.warmup)
    finally:
        gen.close()


def preaug_feed(args, trainer):
    torch = trainer.torch
    import preaug
    q = queue.Queue(maxsize=args.prefetch)
    stop = threading.Event()

    def producer():
        # Pin and copy on a side stream ahead of the training loop, epoch after epoch.
        stream = torch.cuda.Stream()
        epoch_ids = preaug.list_epochs(args.epochs_dir)
        k = 0
        while not stop.is_set():
            man = preaug.open_epoch(args.epochs_dir, epoch_ids[k % len(epoch_ids)])
            k += 1
            for images, labels in preaug.NpyEpochReader(man, batch_size=args.batch,
                                                        drop_last=True):
                if stop.is_set():
                    return
                xi = torch.from_numpy(images).pin_memory()
                yi = torch.from_numpy(labels.astype(np.int64)).pin_memory()
                with torch.cuda.stream(stream):
                    xg = xi.to(trainer.device, non_blocking=True)
                    yg = yi.to(trainer.device, non_blocking=True)
                    ev = torch.cuda.Event()
                    ev.record(stream)
                q.put((xg, yg, ev))

    t = threading.Thread(target=producer, daemon=True)
    t.start()

    def next_batch():
        xg, yg, ev = q.get()
        torch.cuda.current_stream().wait_event(ev)
        return xg, yg
    try:
        return timed_loop(trainer, next_batch, args.steps, args.warmup)
    finally:
        stop.set()
        while not q.empty():
            q.get_nowait()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs-dir", required=True, help="preaug output dir (epoch-NNNNN inside)")
    p.add_argument("--images", required=True, help="the seed's float16 images .npy")
    p.add_argument("--labels", required=True, help="labels .npy")
    p.add_argument("--classes", type=int, default=3036)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--warmup", type=int, default=30)
    p.add_argument("--processes", type=int, default=os.cpu_count())
    p.add_argument("--prefetch", type=int, default=8)
    p.add_argument("--compile", action="store_true", help="torch.compile the model")
    p.add_argument("--modes", default="ceiling,seed,preaug")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()
    import torch
    if not torch.cuda.is_available():
        sys.exit("gpu_feed.py: needs a CUDA GPU")
    torch.backends.cudnn.benchmark = True
    device = torch.device("cuda")
    results = {}
    runs = {"ceiling": ceiling, "seed": seed, "preaug": preaug_feed}
    for mode in args.modes.split(","):
        trainer = Trainer(args.classes, device, args.compile)
        ips, wait, images, wall = runs[mode](args, trainer)
        results[mode] = {"images_per_s": ips, "wait_fraction": wait, "images": images,
                         "seconds": wall}
        print(f"{mode:<8} {ips:>10,.0f} img/s   waiting for data {100 * wait:5.1f}% of the time",
              flush=True)
    if "ceiling" in results:
        for mode in ("seed", "preaug"):
            if mode in results:
                r = results[mode]["images_per_s"] / results["ceiling"]["images_per_s"]
                results[mode]["of_ceiling"] = r
                print(f"{mode:<8} reaches {100 * r:5.1f}% of the ceiling")
    results["hardware"] = {"gpu": torch.cuda.get_device_name(0), "cpus": os.cpu_count(),
                           "torch": torch.__version__}
    print(json.dumps(results))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
