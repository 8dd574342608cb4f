"""Which records each reader reads: the framework-free core of every adapter.

A *reader slot* is one (rank, loader worker) pair. With ``world_size`` ranks of
``num_workers`` workers each there are ``T = world_size * num_workers`` slots, numbered
``slot = rank * num_workers + worker_id``. :func:`plan` gives each slot a list of
:class:`Segment` (shard, first row, end row) so that, for ``even=False``, the slots together
read every record of the epoch exactly once, whatever the shard count and sizes.

Two ways to split:

``split="records"`` (default)
    The shards, in shard order (optionally shuffled per epoch, see :func:`shard_order`), are
    seen as one sequence of ``N`` records; slot ``s`` reads positions
    ``[floor(s*N/T), floor((s+1)*N/T))``. Every slot gets ``N//T`` or ``N//T + 1`` records,
    read as one or a few contiguous row ranges (a range may cross shard boundaries). Works for
    any ``T``, including more slots than shards.

``split="shards"``
    Whole shards, round-robin: the ``j``-th shard in shard order goes to slot ``j % T``.
    Slots get ``ceil(S/T)`` or ``floor(S/T)`` shards; with ``T > S`` some slots get nothing.
    This is the natural split for TFRecord files (``tf.data`` reads whole files).

``even=True`` trims every slot to the smallest slot's record count, so all ranks (and all
workers) yield the same number of records and batches, as DDP's collective ops require. With
``split="records"`` that drops at most ``T - 1`` records of the epoch (different ones each
epoch, as the producer reshuffles every epoch); with ``split="shards"`` it may drop far more.
Exactly-once coverage holds only for ``even=False``; with ``even=True`` it is at-most-once.

Shard order shuffle (:func:`shard_order`) is a pure function of ``(seed, epoch, shard)``
computed with 64-bit integer arithmetic (no numpy RNG), so every rank and worker, on any host
and numpy version, agrees on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence

__all__ = ["Segment", "plan", "shard_order", "slot_of", "num_slots"]

_M64 = (1 << 64) - 1


@dataclass(frozen=True)
class Segment:
    """Rows ``[start, stop)`` of shard ``shard``."""

    shard: int
    start: int
    stop: int

    @property
    def records(self) -> int:
        return self.stop - self.start


def _mix64(z: int) -> int:
    """SplitMix64's step and finaliser: a strong 64-bit mixing function."""
    z = (z + 0x9E3779B97F4A7C15) & _M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


def shard_order(num_shards: int, shuffle: bool = False, seed: int = 0,
                epoch: int = 0) -> List[int]:
    """The order in which shards are read.

    Unshuffled: ``0..S-1``. Shuffled: shards sorted by the key
    ``mix(mix(mix(seed) ^ epoch) ^ shard)`` (ties by shard number), where ``mix`` is
    SplitMix64 (add ``0x9E3779B97F4A7C15``, then the two xor-shift-multiply rounds and the final
    xor-shift) on unsigned 64-bit integers; ``seed`` and ``epoch`` are taken modulo 2**64.
    Different per epoch, identical for the same ``(seed, epoch)`` everywhere.
    """
    if num_shards < 0:
        raise ValueError("num_shards must be >= 0")
    order = list(range(num_shards))
    if shuffle:
        base = _mix64(_mix64(seed & _M64) ^ (epoch & _M64))
        order.sort(key=lambda k: (_mix64(base ^ k), k))
    return order


def num_slots(world_size: int = 1, num_workers: int = 1) -> int:
    return world_size * num_workers


def slot_of(rank: int = 0, world_size: int = 1, worker_id: int = 0, num_workers: int = 1) -> int:
    if world_size < 1 or num_workers < 1:
        raise ValueError(f"world_size ({world_size}) and num_workers ({num_workers}) must be >= 1")
    if not 0 <= rank < world_size:
        raise ValueError(f"rank {rank} is outside 0..{world_size - 1}")
    if not 0 <= worker_id < num_workers:
        raise ValueError(f"worker_id {worker_id} is outside 0..{num_workers - 1}")
    return rank * num_workers + worker_id


def _records_range(counts: Sequence[int], order: Sequence[int], lo: int, hi: int) -> List[Segment]:
    out = []
    pos = 0
    for k in order:
        n = counts[k]
        a, b = max(lo, pos), min(hi, pos + n)
        if a < b:
            out.append(Segment(k, a - pos, b - pos))
        pos += n
        if pos >= hi:
            break
    return out


def _truncate(segs: List[Segment], keep: int) -> List[Segment]:
    out = []
    for s in segs:
        if keep <= 0:
            break
        take = min(keep, s.records)
        out.append(Segment(s.shard, s.start, s.start + take))
        keep -= take
    return out


def plan(shard_records: Sequence[int], rank: int = 0, world_size: int = 1, worker_id: int = 0,
         num_workers: int = 1, *, split: str = "records", shuffle_shards: bool = False,
         seed: int = 0, epoch: int = 0, even: bool = False) -> List[Segment]:
    """Segments read by slot ``(rank, worker_id)``; see the module documentation.

    ``shard_records``: records per shard, from the manifest (``Manifest.shard_records``).
    """
    counts = [int(c) for c in shard_records]
    if any(c < 0 for c in counts):
        raise ValueError("shard record counts must be >= 0")
    slot = slot_of(rank, world_size, worker_id, num_workers)
    t = num_slots(world_size, num_workers)
    order = shard_order(len(counts), shuffle_shards, seed, epoch)
    n = sum(counts)
    if split == "records":
        lo, hi = slot * n // t, (slot + 1) * n // t
        if even:
            hi = lo + n // t
        return _records_range(counts, order, lo, hi)
    if split == "shards":
        mine = [Segment(k, 0, counts[k]) for j, k in enumerate(order) if j % t == slot]
        if even:
            per_slot = [sum(counts[k] for j, k in enumerate(order) if j % t == s) for s in range(t)]
            mine = _truncate(mine, min(per_slot))
        return [s for s in mine if s.records > 0]
    raise ValueError(f"split must be 'records' or 'shards', got {split!r}")


def planned_records(shard_records: Sequence[int], rank: int = 0, world_size: int = 1,
                    worker_id: int = 0, num_workers: int = 1, **kw) -> int:
    return sum(s.records for s in plan(shard_records, rank, world_size, worker_id, num_workers, **kw))


def num_batches(records: int, batch_size: int, drop_last: bool) -> int:
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    return records // batch_size if drop_last else -(-records // batch_size)


def rank_batches(shard_records: Sequence[int], batch_size: int, rank: int = 0,
                 world_size: int = 1, num_workers: int = 1, drop_last: bool = False,
                 **kw) -> int:
    """Batches one rank yields in an epoch when each of its ``num_workers`` loader workers
    batches its own slot (as the PyTorch adapter does)."""
    return sum(num_batches(planned_records(shard_records, rank, world_size, w, num_workers, **kw),
                           batch_size, drop_last) for w in range(num_workers))
