"""Streaming batches from an epoch's NPY shards.

:class:`NpyEpochReader` is the whole fast path: it works out its records with
:func:`preaug.sharding.plan`, and delivers batches as freshly allocated, contiguous numpy
arrays (``images`` uint8 ``[B, H, W, C]`` -- or float16 for float16 epochs -- and ``labels``
int32 ``[B]``; optionally ``index`` int64, ``augmented`` uint8, ``ops`` list of str).

Speed: the rows of one batch are contiguous in a shard file (the producer writes shards in
position order), so a batch is one or two bulk copies, never a per-record loop. Two ways to
read the rows, same results:

``io="pread"`` (default)
    ``os.preadv`` straight into the batch array (one system call per piece, no page faults in
    this process). Sequential reads let the kernel's own readahead keep the disk busy.
``io="mmap"``
    ``np.load(mmap_mode="r")`` and a slice copy out of the map (also used where the
    platform has no ``os.preadv``).

Labels, indexes and ops of a shard are small and read whole when the shard is first touched.
The reader is thread-safe for :meth:`batch` (Keras uses a thread pool) and picklable (open files
are not pickled; they reopen lazily in the new process).
"""

from __future__ import annotations

import bisect
import collections
import os
import threading
from typing import Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from .epochs import Manifest, ManifestError, PathLike, open_epoch
from .sharding import Segment, num_batches, plan

__all__ = ["NpyEpochReader", "FIELDS", "read_npy_header"]

FIELDS = ("images", "labels", "index", "augmented", "ops")
_DTYPES = {"uint8": np.dtype(np.uint8), "float16": np.dtype("<f2")}


def read_npy_header(path: PathLike) -> Tuple[Tuple[int, ...], np.dtype, bool, int]:
    """(shape, dtype, fortran_order, data offset) of an NPY file, without reading its data."""
    with open(path, "rb") as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise ValueError(f"{path}: unsupported NPY version {version}")
        return tuple(shape), np.dtype(dtype), bool(fortran), f.tell()


class _Shard:
    """Open files of one shard. Closed when the last reference goes (LRU eviction + GC)."""

    def __init__(self, man: Manifest, k: int, want: Sequence[str], io: str):
        self.k = k
        n = man.shard_list[k].records
        path = man.file(k, "images")
        shape, dtype, fortran, offset = read_npy_header(path)
        want_dtype = _DTYPES.get(man.npy_dtype)
        expect = (n, man.height, man.width, man.channels)
        if tuple(shape) != expect or fortran or (want_dtype is not None and dtype != want_dtype):
            raise ManifestError(
                f"{path}: NPY header says shape {shape} dtype {dtype} fortran={fortran}, "
                f"manifest expects {expect} {man.npy_dtype} C order")
        self.path = path
        self.dtype = dtype
        self.offset = offset
        self.row_bytes = int(np.prod(expect[1:])) * dtype.itemsize
        self.fd = None
        self.mm = None
        size = os.path.getsize(path)
        if size < offset + n * self.row_bytes:
            raise ManifestError(f"{path}: file is {size} bytes, its header and {n} rows need "
                                f"{offset + n * self.row_bytes} (truncated?)")
        if io == "pread" and hasattr(os, "preadv"):
            self.fd = os.open(path, os.O_RDONLY)
        else:
            self.mm = np.load(path, mmap_mode="r")
        self.labels = self._small(man, k, "labels", n, np.int32) if "labels" in want else None
        self.index = self._small(man, k, "index", n, np.int64) if "index" in want else None
        self.ops = None
        self.augmented = None
        if "ops" in want or "augmented" in want:
            p = man.file(k, "ops")
            lines = p.read_text(encoding="utf-8").split("\n")
            if lines and lines[-1] == "" and len(lines) == n + 1:
                lines.pop()
            if len(lines) != n:
                raise ManifestError(f"{p}: {len(lines)} lines, manifest says {n} records")
            self.ops = lines
            self.augmented = np.fromiter((1 if s else 0 for s in lines), dtype=np.uint8, count=n)

    @staticmethod
    def _small(man: Manifest, k: int, kind: str, n: int, dtype) -> np.ndarray:
        p = man.file(k, kind)
        a = np.load(p)
        if a.shape != (n,) or a.dtype != np.dtype(dtype).newbyteorder("<"):
            raise ManifestError(f"{p}: NPY holds {a.dtype} {a.shape}, manifest expects "
                                f"{np.dtype(dtype)} ({n},)")
        return a

    def close(self):
        if getattr(self, "fd", None) is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None
        self.mm = None

    def __del__(self):
        self.close()

    def advise(self, start: int, stop: int):
        """Asks the kernel to start reading rows [start, stop) into the page cache."""
        fd = self.fd
        own = fd is None
        try:
            if own:
                fd = os.open(self.path, os.O_RDONLY)
            os.posix_fadvise(fd, self.offset + start * self.row_bytes,
                             (stop - start) * self.row_bytes, os.POSIX_FADV_WILLNEED)
        except (OSError, AttributeError):
            pass  # advisory only (no posix_fadvise on this platform)
        finally:
            if own and fd is not None:
                os.close(fd)

    def read_rows(self, start: int, stop: int, out: np.ndarray):
        """Copies rows [start, stop) into ``out`` (a C-contiguous array of stop-start rows)."""
        if self.mm is not None:
            out[...] = self.mm[start:stop]
            return
        buf = memoryview(out.reshape(-1).view(np.uint8))
        pos = self.offset + start * self.row_bytes
        want = (stop - start) * self.row_bytes
        got = 0
        while got < want:
            n = os.preadv(self.fd, [buf[got:]], pos + got)
            if n <= 0:
                raise ManifestError(f"{self.path}: file ends at byte {pos + got}, "
                                    f"rows {start}..{stop} need {pos + want}")
            got += n


class NpyEpochReader:
    """Batches of one published epoch's NPY shards, for one reader slot.

    Args:
        epoch: a :class:`Manifest`, or the path of a published epoch directory
            (``ROOT/epoch-00003``); an unpublished directory (no ``_SUCCESS``) is refused.
        batch_size: records per batch.
        rank, world_size: this process's place among data-parallel ranks.
        worker_id, num_workers: this reader's place among the rank's loader workers.
        split, even, shuffle_shards, seed: see :func:`preaug.sharding.plan`. The shard-order
            shuffle is keyed by ``(seed, manifest.epoch)``.
        drop_last: drop this slot's last batch when it is short.
        fields: what each batch holds, in order: any of ``images``, ``labels``, ``index``
            (int64 source sample), ``augmented`` (uint8 0/1), ``ops`` (list of str).
            A single field yields the array itself rather than a 1-tuple.
        io: ``"pread"`` or ``"mmap"`` (see the module documentation).
        readahead: also ask the kernel to read the current and next segment ahead
            (``posix_fadvise(WILLNEED)``). Off by default: with the kernel's readahead it was
            slower from a local disk (bench/reader_bench.py); it may help on storage with a
            small readahead window.
        cache_shards: shards kept open at once.

    Iterating yields ``len(self)`` batches in order; :meth:`batch` gives batch ``i`` directly
    (random access, as Keras' ``PyDataset`` needs).
    """

    def __init__(self, epoch: Union[Manifest, PathLike], batch_size: int, *, rank: int = 0,
                 world_size: int = 1, worker_id: int = 0, num_workers: int = 1,
                 split: str = "records", even: bool = False, shuffle_shards: bool = False,
                 seed: int = 0, drop_last: bool = False,
                 fields: Sequence[str] = ("images", "labels"), io: str = "pread",
                 readahead: bool = False, cache_shards: int = 4):
        man = epoch if isinstance(epoch, Manifest) else open_epoch(epoch)
        if not man.has_format("npy"):
            raise ManifestError(f"{man.path}: epoch has no NPY shards (formats: "
                                f"{', '.join(man.formats)}); use the TFRecord reader")
        fields = tuple(fields)
        bad = [f for f in fields if f not in FIELDS]
        if bad or not fields:
            raise ValueError(f"fields must be a non-empty subset of {FIELDS}, got {fields}")
        if io not in ("pread", "mmap"):
            raise ValueError(f"io must be 'pread' or 'mmap', got {io!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.manifest = man
        self.batch_size = int(batch_size)
        self.drop_last = bool(drop_last)
        self.fields = fields
        self.io = io
        self.readahead = readahead
        self.cache_shards = max(1, int(cache_shards))
        self.rank, self.world_size = rank, world_size
        self.worker_id, self.num_workers = worker_id, num_workers
        self.segments: List[Segment] = plan(
            man.shard_records, rank, world_size, worker_id, num_workers, split=split,
            shuffle_shards=shuffle_shards, seed=seed, epoch=man.epoch, even=even)
        self._starts = [0]
        for s in self.segments:
            self._starts.append(self._starts[-1] + s.records)
        self.num_records = self._starts[-1]
        self._dtype = _DTYPES.get(man.npy_dtype, np.dtype(np.uint8))
        self._shape = man.image_shape
        self._init_runtime()

    def _init_runtime(self):
        self._lock = threading.Lock()
        self._open: "collections.OrderedDict[int, _Shard]" = collections.OrderedDict()
        self._advised = set()

    def __getstate__(self):
        st = self.__dict__.copy()
        for k in ("_lock", "_open", "_advised"):
            st.pop(k, None)
        return st

    def __setstate__(self, st):
        self.__dict__.update(st)
        self._init_runtime()

    @property
    def epoch(self) -> int:
        return self.manifest.epoch

    def __len__(self) -> int:
        return num_batches(self.num_records, self.batch_size, self.drop_last)

    def close(self):
        with self._lock:
            shards = list(self._open.values())
            self._open.clear()
        for s in shards:
            s.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _shard(self, k: int) -> _Shard:
        with self._lock:
            s = self._open.get(k)
            if s is not None:
                self._open.move_to_end(k)
                return s
        s = _Shard(self.manifest, k, self.fields, self.io)
        with self._lock:
            have = self._open.get(k)
            if have is not None:
                return have  # another thread opened it meanwhile; ours closes on GC
            self._open[k] = s
            while len(self._open) > self.cache_shards:
                self._open.popitem(last=False)  # closed when no batch uses it any more
        return s

    def _advise(self, seg_no: int):
        """Read-ahead hints for segment ``seg_no`` and the one after it (once each)."""
        for j in (seg_no, seg_no + 1):
            if j < len(self.segments) and j not in self._advised:
                self._advised.add(j)
                seg = self.segments[j]
                self._shard(seg.shard).advise(seg.start, seg.stop)

    def batch(self, i: int):
        """Batch ``i`` (0 <= i < len(self)) as a tuple of ``fields`` (or one array)."""
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"batch {i} out of range (this reader has {n} batches)")
        lo = i * self.batch_size
        hi = min(lo + self.batch_size, self.num_records)
        b = hi - lo
        f = self.fields
        images = np.empty((b,) + self._shape, dtype=self._dtype) if "images" in f else None
        labels = np.empty(b, dtype=np.int32) if "labels" in f else None
        index = np.empty(b, dtype=np.int64) if "index" in f else None
        augmented = np.empty(b, dtype=np.uint8) if "augmented" in f else None
        ops: Optional[list] = [] if "ops" in f else None
        j = bisect.bisect_right(self._starts, lo) - 1
        pos = lo
        while pos < hi:
            seg = self.segments[j]
            seg_lo = self._starts[j]
            take = min(hi, self._starts[j + 1]) - pos
            r0 = seg.start + (pos - seg_lo)
            r1 = r0 + take
            o0 = pos - lo
            o1 = o0 + take
            if self.readahead:
                self._advise(j)
            sh = self._shard(seg.shard)
            if images is not None:
                sh.read_rows(r0, r1, images[o0:o1])
            if labels is not None:
                labels[o0:o1] = sh.labels[r0:r1]
            if index is not None:
                index[o0:o1] = sh.index[r0:r1]
            if augmented is not None:
                augmented[o0:o1] = sh.augmented[r0:r1]
            if ops is not None:
                ops.extend(sh.ops[r0:r1])
            pos += take
            j += 1
        out = {"images": images, "labels": labels, "index": index, "augmented": augmented,
               "ops": ops}
        if len(f) == 1:
            return out[f[0]]
        return tuple(out[k] for k in f)

    __getitem__ = batch

    def __iter__(self) -> Iterator:
        for i in range(len(self)):
            yield self.batch(i)

    def __repr__(self):
        return (f"NpyEpochReader(epoch={self.epoch}, slot=({self.rank}/{self.world_size}, "
                f"{self.worker_id}/{self.num_workers}), records={self.num_records}, "
                f"batches={len(self)}, batch_size={self.batch_size})")
