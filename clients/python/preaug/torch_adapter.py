"""PyTorch: an ``IterableDataset`` of ready batches from NPY shards.

Use it with ``DataLoader(ds, batch_size=None, num_workers=W, pin_memory=True)`` -- the dataset
yields whole batches, so the loader must not batch again. Each loader worker of each rank
reads its own slot of the epoch (:func:`preaug.sharding.plan` with
``(rank, world_size, worker_id, num_workers)`` from ``torch.distributed`` and
``torch.utils.data.get_worker_info()``), so every record is read exactly once per epoch across
all ranks and workers (``even=True`` for DDP: equal batch counts on every rank).

Everything except the last conversion to tensors lives in :class:`TorchEpochCore`, which has
no PyTorch dependency (and is what the tests exercise where PyTorch is not installed).
"""

from __future__ import annotations

import os
from typing import Iterator, Optional, Tuple

import numpy as np

from .epochs import Manifest, PathLike, open_epoch, wait_for_epoch
from .npy import NpyEpochReader

__all__ = ["TorchEpochCore", "torch_dataset", "resolve_rank", "to_channels_first"]


def to_channels_first(images: np.ndarray) -> np.ndarray:
    """``[B, H, W, C]`` -> ``[B, C, H, W]``; a free reshape when ``C == 1``."""
    b, h, w, c = images.shape
    if c == 1:
        return images.reshape(b, 1, h, w)
    return np.ascontiguousarray(images.transpose(0, 3, 1, 2))


def resolve_rank(rank: Optional[int], world_size: Optional[int], dist=None) -> Tuple[int, int]:
    """``(rank, world_size)``: as given; else from an initialised ``torch.distributed``
    (pass the module as ``dist``); else from the ``RANK`` / ``WORLD_SIZE`` environment
    variables that ``torchrun`` sets; else ``(0, 1)``."""
    if rank is not None and world_size is not None:
        return int(rank), int(world_size)
    r = w = None
    if dist is not None and dist.is_available() and dist.is_initialized():
        r, w = dist.get_rank(), dist.get_world_size()
    elif "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        r, w = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    r = int(rank) if rank is not None else (r if r is not None else 0)
    w = int(world_size) if world_size is not None else (w if w is not None else 1)
    return r, w


class TorchEpochCore:
    """Framework-free part of the PyTorch dataset.

    Args:
        source: the output root (then ``epoch`` says which epoch, and :meth:`set_epoch` moves
            on) or one epoch directory (``epoch=None``).
        batch_size: records per batch.
        epoch: epoch number under ``source``.
        rank, world_size: default :func:`resolve_rank`.
        num_workers: the DataLoader's ``num_workers`` -- only needed for ``len()``.
        wait, timeout, poll: wait for an unpublished epoch (see ``wait_for_epoch``).
        channels_first: yield images as ``[B, C, H, W]`` (PyTorch's convention).
        labels_int64: yield labels as int64 (what ``cross_entropy`` wants) instead of int32.
        reader_kwargs: for :class:`preaug.npy.NpyEpochReader` (``even``, ``drop_last``,
            ``shuffle_shards``, ``seed``, ``split``, ``fields``, ``io``).
    """

    def __init__(self, source: PathLike, batch_size: int, *, epoch: Optional[int] = None,
                 rank: Optional[int] = None, world_size: Optional[int] = None,
                 num_workers: Optional[int] = None, wait: bool = True,
                 timeout: Optional[float] = None, poll: float = 2.0,
                 channels_first: bool = True, labels_int64: bool = True, **reader_kwargs):
        for k in ("rank", "world_size", "worker_id", "num_workers"):
            reader_kwargs.pop(k, None)
        self.source = source
        self.batch_size = batch_size
        self.epoch = epoch
        self.rank, self.world_size = rank, world_size
        self.num_workers = num_workers
        self.wait, self.timeout, self.poll = wait, timeout, poll
        self.channels_first = channels_first
        self.labels_int64 = labels_int64
        self.reader_kwargs = reader_kwargs
        self.fields = tuple(reader_kwargs.get("fields", ("images", "labels")))

    def set_epoch(self, epoch: int) -> None:
        """Read ``epoch`` next (call before each ``iter(loader)``, like DistributedSampler's)."""
        self.epoch = int(epoch)

    def manifest(self) -> Manifest:
        if self.epoch is None:
            return open_epoch(self.source)
        if self.wait:
            return wait_for_epoch(self.source, self.epoch, timeout=self.timeout, poll=self.poll)
        return open_epoch(self.source, self.epoch)

    def _rank(self, dist=None) -> Tuple[int, int]:
        return resolve_rank(self.rank, self.world_size, dist)

    def reader(self, worker_id: int = 0, num_workers: int = 1, dist=None) -> NpyEpochReader:
        rank, world = self._rank(dist)
        return NpyEpochReader(self.manifest(), self.batch_size, rank=rank, world_size=world,
                              worker_id=worker_id, num_workers=num_workers,
                              **self.reader_kwargs)

    def _convert(self, batch):
        one = len(self.fields) == 1
        items = (batch,) if one else batch
        out = []
        for name, a in zip(self.fields, items):
            if name == "images" and self.channels_first:
                a = to_channels_first(a)
            elif name == "labels" and self.labels_int64:
                a = a.astype(np.int64)
            out.append(a)
        return out[0] if one else tuple(out)

    def numpy_batches(self, worker_id: int = 0, num_workers: int = 1, dist=None) -> Iterator:
        """This worker's batches as numpy arrays, converted as configured."""
        r = self.reader(worker_id, num_workers, dist)
        try:
            for b in r:
                yield self._convert(b)
        finally:
            r.close()

    def num_batches(self, num_workers: Optional[int] = None, dist=None) -> int:
        """Batches this rank yields per epoch over all its loader workers."""
        w = num_workers if num_workers is not None else self.num_workers
        if w is None:
            raise TypeError("len() of a preaug torch dataset needs num_workers=<the "
                            "DataLoader's num_workers> (0 counts as 1)")
        w = max(1, int(w))
        return sum(len(self.reader(k, w, dist)) for k in range(w))


_cls = None


def _torch_class():
    global _cls
    if _cls is None:
        try:
            import torch
            import torch.distributed as dist
            from torch.utils.data import IterableDataset, get_worker_info
        except ImportError as e:
            raise ImportError("preaug.torch_dataset needs PyTorch (pip install torch); the "
                              "framework-free readers (preaug.NpyEpochReader) do not") from e

        class PreaugTorchDataset(TorchEpochCore, IterableDataset):
            """``IterableDataset`` of ready batches; see :class:`TorchEpochCore`."""

            def __init__(self, *args, **kwargs):
                TorchEpochCore.__init__(self, *args, **kwargs)
                IterableDataset.__init__(self)
                # Resolve now, in the main process, where the process group lives.
                self.rank, self.world_size = resolve_rank(self.rank, self.world_size, dist)

            def __iter__(self):
                info = get_worker_info()
                wid, nw = (0, 1) if info is None else (info.id, info.num_workers)
                for b in self.numpy_batches(wid, nw, dist):
                    if isinstance(b, tuple):
                        yield tuple(torch.from_numpy(a) if isinstance(a, np.ndarray) else a
                                    for a in b)
                    else:
                        yield torch.from_numpy(b)

            def __len__(self):
                return self.num_batches(dist=dist)

        # importable by name, so DataLoader workers started with "spawn" can unpickle it
        PreaugTorchDataset.__module__ = __name__
        PreaugTorchDataset.__qualname__ = "PreaugTorchDataset"
        _cls = PreaugTorchDataset
    return _cls


def __getattr__(name):
    if name == "PreaugTorchDataset":
        return _torch_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def torch_dataset(source: PathLike, batch_size: int, **kwargs):
    """A ``torch.utils.data.IterableDataset`` of batches; arguments of :class:`TorchEpochCore`.

    ::

        ds = preaug.torch_dataset("OUT", 256, epoch=0, num_workers=4, even=True)
        loader = DataLoader(ds, batch_size=None, num_workers=4, pin_memory=True)
        for epoch in range(E):
            ds.set_epoch(epoch)
            for images, labels in loader: ...
    """
    return _torch_class()(source, batch_size, **kwargs)
