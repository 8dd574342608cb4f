"""The slot plan: exactly-once coverage across ranks x workers, evenness, shard-order shuffle."""

import collections
import itertools

import numpy as np
import pytest

import preaug
from preaug.sharding import plan, rank_batches, shard_order


def coverage(counts, world, workers, **kw):
    """(shard,row) -> times read, over all slots; and records per slot."""
    seen = collections.Counter()
    per_slot = []
    for rank, wid in itertools.product(range(world), range(workers)):
        segs = plan(counts, rank, world, wid, workers, **kw)
        n = 0
        for s in segs:
            assert 0 <= s.start < s.stop <= counts[s.shard]
            for r in range(s.start, s.stop):
                seen[(s.shard, r)] += 1
            n += s.records
        per_slot.append(n)
    return seen, per_slot


COUNTS = [
    [250, 250, 251, 250, 250, 251, 250, 250],  # like the real epochs: uneven by one
    [7, 7, 7, 6, 6],
    [1000],
    [3, 0, 5, 9, 1, 1, 2],
]


@pytest.mark.parametrize("counts", COUNTS)
@pytest.mark.parametrize("split", ["records", "shards"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_every_record_exactly_once(counts, split, shuffle):
    total = sum(counts)
    for world in (1, 2, 3):
        for workers in (1, 2, 3, 4):
            seen, per_slot = coverage(counts, world, workers, split=split,
                                      shuffle_shards=shuffle, seed=5, epoch=3)
            assert sum(per_slot) == total
            assert len(seen) == total and set(seen.values()) == {1}
            if split == "records":
                assert max(per_slot) - min(per_slot) <= 1


@pytest.mark.parametrize("counts", COUNTS)
@pytest.mark.parametrize("split", ["records", "shards"])
def test_even_mode_gives_equal_counts_and_never_repeats(counts, split):
    total = sum(counts)
    for world in (1, 2, 3):
        for workers in (1, 2, 4):
            seen, per_slot = coverage(counts, world, workers, split=split, even=True)
            t = world * workers
            assert len(set(per_slot)) == 1
            assert set(seen.values()) <= {1}
            if split == "records":
                assert per_slot[0] == total // t
                assert total - sum(per_slot) < t  # drops fewer than one record per slot
            # every rank yields the same number of batches (DDP needs that)
            for drop_last in (False, True):
                b = {rank_batches(counts, 64, r, world, workers, drop_last, split=split,
                                  even=True) for r in range(world)}
                assert len(b) == 1


def test_records_split_reads_contiguous_ranges_in_shard_order():
    counts = [250, 251, 250]
    segs = plan(counts, 1, 2, 0, 1)  # slot 1 of 2: positions 375..750
    assert [(s.shard, s.start, s.stop) for s in segs] == [(1, 125, 251), (2, 0, 250)]
    segs = plan(counts, 0, 1)
    assert [(s.shard, s.start, s.stop) for s in segs] == [(0, 0, 250), (1, 0, 251), (2, 0, 250)]


def test_shards_split_is_round_robin_and_leaves_extra_slots_empty():
    counts = [5] * 5
    got = [[s.shard for s in plan(counts, r, 2, w, 2, split="shards")]
           for r in range(2) for w in range(2)]
    assert got == [[0, 4], [1], [2], [3]]
    assert plan([5, 5], 1, 3, split="shards") == [preaug.Segment(1, 0, 5)]
    assert plan([5, 5], 2, 3, split="shards") == []


def test_shard_order_is_a_deterministic_permutation_that_changes_per_epoch():
    for s in (1, 2, 8, 64, 101):
        base = shard_order(s)
        assert base == list(range(s))
        for epoch in range(5):
            a = shard_order(s, True, seed=42, epoch=epoch)
            assert sorted(a) == base
            assert a == shard_order(s, True, seed=42, epoch=epoch)
    orders = {tuple(shard_order(64, True, seed=42, epoch=e)) for e in range(20)}
    assert len(orders) == 20
    assert shard_order(64, True, 1, 0) != shard_order(64, True, 2, 0)
    # seed and epoch are taken modulo 2**64 (docs/training.md)
    assert shard_order(8, True, seed=0, epoch=0) == shard_order(8, True, seed=2**64, epoch=0)


# The documented order (SplitMix64-keyed sort), computed independently with numpy uint64
def _reference_order(s, seed, epoch):
    def mix(z):
        with np.errstate(over="ignore"):
            z = np.uint64(z) + np.uint64(0x9E3779B97F4A7C15)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            return z ^ (z >> np.uint64(31))
    base = mix(mix(np.uint64(seed)) ^ np.uint64(epoch))
    keys = [int(mix(base ^ np.uint64(k))) for k in range(s)]
    return sorted(range(s), key=lambda k: (keys[k], k))


def test_shard_order_matches_an_independent_implementation():
    for s, seed, epoch in [(8, 1, 0), (64, 42, 7), (13, 2**63 + 5, 99)]:
        assert shard_order(s, True, seed, epoch) == _reference_order(s, seed, epoch)


def test_invalid_slots_are_refused():
    with pytest.raises(ValueError, match="rank"):
        plan([10], 2, 2)
    with pytest.raises(ValueError, match="worker_id"):
        plan([10], 0, 1, 3, 2)
    with pytest.raises(ValueError, match="world_size"):
        plan([10], 0, 0)
    with pytest.raises(ValueError, match="split"):
        plan([10], split="files")


def test_plan_on_the_real_manifest_covers_every_npy_row(epochs):
    m = epochs.manifest(1)
    for world, workers in [(1, 1), (2, 4), (3, 3)]:
        seen, per_slot = coverage(m.shard_records, world, workers, shuffle_shards=True, seed=9,
                                  epoch=m.epoch)
        assert sum(per_slot) == m.records == len(seen)
