"""The PyTorch adapter against the real PyTorch (Debian's ``python3-torch``): a DataLoader with
worker processes, a ``torch.distributed`` run over the ``gloo`` backend, and a small CNN."""

import collections
import json
import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader

import preaug

HERE = Path(__file__).resolve().parent
FIELDS = ("images", "labels", "index", "augmented")


def _pairs(loader):
    out, batches = [], 0
    for x, y, idx, aug in loader:
        out += list(zip(idx.tolist(), aug.tolist()))
        batches += 1
    return out, batches


def test_dataloader_with_two_workers_reads_every_record_once(epochs):
    m = epochs.manifest(0)
    ds = preaug.torch_dataset(epochs.root, 64, epoch=0, num_workers=2, fields=FIELDS)
    assert isinstance(ds, torch.utils.data.IterableDataset)
    loader = DataLoader(ds, batch_size=None, num_workers=2)
    seen = collections.Counter()
    batches = 0
    for x, y, idx, aug in loader:
        assert isinstance(x, torch.Tensor) and x.dtype == torch.uint8
        assert tuple(x.shape[1:]) == (1, 64, 64) and y.dtype == torch.int64
        originals = (aug == 0).numpy()
        # an original copy is the input image itself, in channels-first layout
        want = epochs.images[idx.numpy()[originals]]
        assert np.array_equal(x.numpy()[originals][:, 0], want)
        assert np.array_equal(y.numpy(), epochs.labels[idx.numpy()])
        seen.update(zip(idx.tolist(), aug.tolist()))
        batches += 1
    assert batches == len(ds)
    assert sum(seen.values()) == m.records and set(seen.values()) == {1}
    # workers started with "spawn" (macOS, Windows, CUDA users) unpickle the dataset by name
    clone = pickle.loads(pickle.dumps(ds))
    assert type(clone) is type(ds) and (clone.rank, clone.world_size) == (0, 1)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_distributed_gloo_two_ranks_two_workers(epochs, tmp_path):
    world = 2
    port = _free_port()
    procs = []
    for rank in range(world):
        env = dict(os.environ, RANK=str(rank), WORLD_SIZE=str(world), MASTER_ADDR="127.0.0.1",
                   MASTER_PORT=str(port), OMP_NUM_THREADS="1")
        procs.append(subprocess.Popen(
            [sys.executable, str(HERE / "ddp_worker.py"), str(epochs.root),
             str(tmp_path / f"rank{rank}.json")], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True))
    for p in procs:
        try:
            out, _ = p.communicate(timeout=240)
            print(out)
        except subprocess.TimeoutExpired:
            for q in procs:
                q.kill()
            pytest.fail("a DDP rank hung (unequal step counts deadlock the all-reduce)")
        assert p.returncode == 0, out
    results = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(world)]
    m = epochs.manifest(1)
    # even=False: every record exactly once over 2 ranks x 2 loader workers
    seen = collections.Counter()
    for r in results:
        assert r["world"] == world and r["batches"] == r["len"]
        seen.update(map(tuple, r["pairs"]))
    assert sum(seen.values()) == m.records and set(seen.values()) == {1}
    # even=True: the same number of steps on every rank (DDP trained through all of them),
    # each record at most once
    steps = [r["even_steps"] for r in results]
    assert len(set(steps)) == 1 and steps == results[0]["all_even_steps"]
    assert all(r["even_len"] == r["even_steps"] for r in results)
    even = collections.Counter()
    for r in results:
        even.update(map(tuple, r["even_pairs"]))
    assert set(even.values()) == {1} and m.records - sum(even.values()) < world * 2 * 64


def test_a_small_cnn_trains_from_the_batches(epochs):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 5, stride=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(8 * 15 * 15, 37))
    opt = torch.optim.Adam(net.parameters(), lr=3e-3)
    ds = preaug.torch_dataset(epochs.root, 128, epoch=0, num_workers=2)
    loader = DataLoader(ds, batch_size=None, num_workers=2)
    x0, y0 = next(iter(loader))

    def loss_on(x, y):
        return torch.nn.functional.cross_entropy(net(x.float() / 255), y)

    with torch.no_grad():
        before = loss_on(x0, y0).item()
    steps = 0
    for epoch in (0, 1):
        ds.set_epoch(epoch)
        for x, y in loader:
            loss = loss_on(x, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            steps += 1
    with torch.no_grad():
        after = loss_on(x0, y0).item()
    assert steps == 2 * len(ds)
    assert np.isfinite(after) and after < before * 0.9, (before, after)


def _order(loader):
    return [tuple(i.tolist()) for _, _, i, _ in loader]


def test_set_epoch_switches_epochs_and_persistent_workers_do_not_see_it(private_root):
    def fresh(epoch):
        ds = preaug.torch_dataset(private_root, 100, epoch=epoch, num_workers=2, fields=FIELDS)
        return _order(DataLoader(ds, batch_size=None, num_workers=2))

    want0, want2 = fresh(0), fresh(2)
    assert want0 != want2
    # persistent_workers=False (what docs/training.md says to use): the workers are started
    # again for every iter(loader) and see set_epoch()
    ds = preaug.torch_dataset(private_root, 100, epoch=0, num_workers=2, fields=FIELDS)
    loader = DataLoader(ds, batch_size=None, num_workers=2, persistent_workers=False)
    assert _order(loader) == want0
    ds.set_epoch(2)
    assert _order(loader) == want2
    # persistent_workers=True: the workers keep the copy of the dataset they were started
    # with, so set_epoch() in the main process does not reach them (the documented pitfall)
    ds = preaug.torch_dataset(private_root, 100, epoch=0, num_workers=2, fields=FIELDS)
    loader = DataLoader(ds, batch_size=None, num_workers=2, persistent_workers=True)
    assert _order(loader) == want0
    ds.set_epoch(2)
    assert _order(loader) == want0


def test_pin_memory_gives_the_same_batches(epochs):
    ds = preaug.torch_dataset(epochs.root, 200, epoch=0, num_workers=2)
    plain = list(DataLoader(ds, batch_size=None, num_workers=2))
    pinned = list(DataLoader(ds, batch_size=None, num_workers=2, pin_memory=True))
    assert len(plain) == len(pinned) == len(ds)
    for (a, ya), (b, yb) in zip(plain, pinned):
        assert torch.equal(a, b) and torch.equal(ya, yb)
    # without CUDA, PyTorch leaves pin_memory off (nothing to pin for): same tensors, no error
    assert not torch.cuda.is_available()
