"""The NPY reader against real epochs: coverage, content, batching, options, errors."""

import collections
import itertools
import pickle
import threading

import numpy as np
import pytest

import preaug
from conftest import clone_epoch

ALL = ("images", "labels", "index", "augmented", "ops")


def shard_arrays(m: preaug.Manifest):
    """Everything in the epoch, read independently with plain np.load, in shard order."""
    x = np.concatenate([np.load(m.file(k, "images")) for k in range(m.shards)])
    y = np.concatenate([np.load(m.file(k, "labels")) for k in range(m.shards)])
    i = np.concatenate([np.load(m.file(k, "index")) for k in range(m.shards)])
    ops = []
    for k in range(m.shards):
        lines = m.file(k, "ops").read_text().split("\n")
        ops += lines[:m.shard_list[k].records]
    return x, y, i, ops


def test_one_reader_yields_the_whole_epoch_in_file_order(epochs):
    m = epochs.manifest(0)
    x, y, i, ops = shard_arrays(m)
    r = preaug.NpyEpochReader(m, 256, fields=ALL)
    assert r.num_records == m.records == len(x)
    assert len(r) == -(-m.records // 256)
    got = list(r)
    assert len(got) == len(r)
    gx = np.concatenate([b[0] for b in got])
    assert np.array_equal(gx, x)
    assert np.array_equal(np.concatenate([b[1] for b in got]), y)
    assert np.array_equal(np.concatenate([b[2] for b in got]), i)
    assert [s for b in got for s in b[4]] == ops
    aug = np.concatenate([b[3] for b in got])
    assert aug.sum() == m.augmented_records
    assert np.array_equal(aug, np.array([1 if s else 0 for s in ops], np.uint8))


def test_content_equals_the_input_the_java_job_read(epochs):
    """Originals are the input pixels; every label is the input label of its source sample;
    every (sample, copy) appears once."""
    p = epochs.params["main"]
    for e in (0, 1, 2):
        m = epochs.manifest(e)
        for images, labels, index, aug in preaug.NpyEpochReader(
                m, 300, fields=("images", "labels", "index", "augmented")):
            assert np.array_equal(labels, epochs.labels[index])
            orig = aug == 0
            assert np.array_equal(images[orig][..., 0], epochs.images[index[orig]])
            # augmented copies differ from their source (the recipe always applies an op)
            assert not np.array_equal(images[~orig][..., 0], epochs.images[index[~orig]])
        idx, aug = zip(*[(b[0], b[1]) for b in preaug.NpyEpochReader(
            m, 512, fields=("index", "augmented"))])
        idx, aug = np.concatenate(idx), np.concatenate(aug)
        assert np.array_equal(np.bincount(idx[aug == 0], minlength=p["samples"]),
                              np.full(p["samples"], p["copies_original"]))
        assert np.array_equal(np.bincount(idx[aug == 1], minlength=p["samples"]),
                              np.full(p["samples"], p["copies_augmented"]))


def test_epochs_differ_in_order_and_augmentation(epochs):
    a = preaug.NpyEpochReader(epochs.manifest(0), 4096, fields=("index",)).batch(0)
    b = preaug.NpyEpochReader(epochs.manifest(1), 4096, fields=("index",)).batch(0)
    assert sorted(a) == sorted(b) and not np.array_equal(a, b)


@pytest.mark.parametrize("split", ["records", "shards"])
def test_exactly_once_across_ranks_and_workers_with_real_reads(epochs, split):
    m = epochs.manifest(2)
    for world, workers in itertools.product((1, 2, 3), (1, 2, 3, 4)):
        seen = collections.Counter()
        for rank in range(world):
            for w in range(workers):
                r = preaug.NpyEpochReader(m, 64, rank=rank, world_size=world, worker_id=w,
                                          num_workers=workers, split=split, fields=("index",
                                          "augmented"), shuffle_shards=True, seed=3)
                for index, aug in r:
                    seen.update(zip(index.tolist(), aug.tolist()))
        # copies 1+1: each (source sample, augmented flag) pair is one record of the epoch
        assert sum(seen.values()) == m.records
        assert set(seen.values()) == {1}, (world, workers)


def test_even_mode_equal_batches_per_rank(epochs):
    m = epochs.manifest(0)
    for world, workers in [(2, 1), (3, 2), (3, 4)]:
        counts = []
        seen = set()
        for rank in range(world):
            n = 0
            for w in range(workers):
                for (idx, aug) in preaug.NpyEpochReader(
                        m, 32, rank=rank, world_size=world, worker_id=w, num_workers=workers,
                        even=True, drop_last=True, fields=("index", "augmented")):
                    n += 1
                    pairs = set(zip(idx.tolist(), aug.tolist()))
                    assert not pairs & seen
                    seen |= pairs
            counts.append(n)
        assert len(set(counts)) == 1 and counts[0] > 0


def test_batch_shapes_dtypes_and_drop_last(epochs):
    m = epochs.manifest(0)
    n = m.records
    r = preaug.NpyEpochReader(m, 256)
    batches = list(r)
    assert len(batches) == -(-n // 256)
    for k, (x, y) in enumerate(batches):
        size = 256 if k < len(batches) - 1 else n - 256 * (len(batches) - 1)
        assert x.shape == (size, 64, 64, 1) and x.dtype == np.uint8 and x.flags.c_contiguous
        assert y.shape == (size,) and y.dtype == np.int32
        assert x.base is None or not isinstance(x.base, np.memmap)
    assert n % 256 != 0  # the short last batch exists ...
    rd = preaug.NpyEpochReader(m, 256, drop_last=True)
    assert len(rd) == n // 256
    assert all(x.shape[0] == 256 for x, _ in rd)  # ... and drop_last drops it
    one = preaug.NpyEpochReader(m, 100, fields=("labels",))
    assert isinstance(one.batch(0), np.ndarray) and one.batch(0).shape == (100,)


def test_random_access_equals_iteration_and_crosses_shard_boundaries(epochs):
    m = epochs.manifest(1)
    r = preaug.NpyEpochReader(m, 97, rank=1, world_size=2, fields=ALL)
    seq = list(r)
    for i in (0, 3, len(r) - 1, 5, 1):
        b = r[i]
        assert np.array_equal(b[0], seq[i][0]) and np.array_equal(b[1], seq[i][1])
        assert b[4] == seq[i][4]
    assert np.array_equal(r[-1][0], seq[-1][0])
    with pytest.raises(IndexError):
        r.batch(len(r))
    # some batch spans two shards (97 does not divide the shard sizes)
    starts = np.cumsum([0] + [s.records for s in r.segments])
    spans = [i for i in range(len(r))
             if np.searchsorted(starts, i * 97, "right") != np.searchsorted(
                 starts, min((i + 1) * 97, r.num_records) - 1, "right")]
    assert spans


def test_pread_and_mmap_give_identical_batches(epochs):
    m = epochs.manifest(2)
    a = preaug.NpyEpochReader(m, 200, io="pread", shuffle_shards=True, seed=1)
    b = preaug.NpyEpochReader(m, 200, io="mmap", shuffle_shards=True, seed=1, readahead=False)
    for (x1, y1), (x2, y2) in zip(a, b):
        assert np.array_equal(x1, x2) and np.array_equal(y1, y2)


def test_shard_shuffle_changes_order_not_content(epochs):
    m = epochs.manifest(0)
    plain = np.concatenate(list(preaug.NpyEpochReader(m, 512, fields=("index",))))
    s1 = np.concatenate(list(preaug.NpyEpochReader(m, 512, fields=("index",),
                                                   shuffle_shards=True, seed=1)))
    s1b = np.concatenate(list(preaug.NpyEpochReader(m, 512, fields=("index",),
                                                    shuffle_shards=True, seed=1)))
    s2 = np.concatenate(list(preaug.NpyEpochReader(m, 512, fields=("index",),
                                                   shuffle_shards=True, seed=2)))
    assert np.array_equal(s1, s1b)
    assert not np.array_equal(s1, plain) and not np.array_equal(s1, s2)
    assert np.array_equal(np.sort(s1), np.sort(plain))


def test_reader_pickles_and_works_from_threads(epochs):
    m = epochs.manifest(0)
    r = preaug.NpyEpochReader(m, 128, cache_shards=2)
    list(r)  # opens (and evicts) shard files
    r2 = pickle.loads(pickle.dumps(r))
    ref = [r.batch(i) for i in range(len(r))]
    out = [None] * len(r)

    def work(k):
        for i in range(k, len(r), 4):
            out[i] = r2.batch(i)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for (x1, y1), (x2, y2) in zip(ref, out):
        assert np.array_equal(x1, x2) and np.array_equal(y1, y2)
    r.close()
    r2.close()


def test_float16_epoch(epochs):
    m = preaug.open_epoch(epochs.variant_root, 4)
    assert m.npy_dtype == "float16" and m.epoch == 4
    u8 = (epochs.variant_images * 255).astype(np.uint8)  # the seed's conversion, in float16
    n = 0
    for x, y, idx, aug in preaug.NpyEpochReader(m, 50, fields=("images", "labels", "index",
                                                             "augmented")):
        assert x.dtype == np.float16 and x.shape[1:] == (64, 64, 1)
        assert float(x.max()) <= 1.0 and float(x.min()) >= 0.0
        assert np.array_equal(y, epochs.variant_labels[idx].astype(np.int32))
        o = aug == 0
        assert np.array_equal(x[o][..., 0], (u8[idx[o]] / 255.0).astype(np.float16))
        n += len(y)
    assert n == m.records == 203 * 3


def test_damaged_shards_are_reported_with_the_file_named(tmp_path, epochs):
    src = preaug.epoch_dir(epochs.root, 0)
    m0 = preaug.open_epoch(src)
    img = m0.file(3, "images").name
    lab = m0.file(5, "labels").name
    d = clone_epoch(src, tmp_path / "epoch-00000", copy=(img, lab))
    # truncate an images file: the header still says n rows
    with open(d / img, "r+b") as f:
        f.truncate(f.seek(0, 2) - 4096 * 10)
    m = preaug.open_epoch(d)
    r = preaug.NpyEpochReader(m, 256)
    with pytest.raises(preaug.ManifestError, match=img):
        list(r)
    # a labels file whose row count disagrees with the manifest
    np.save(d / lab, np.zeros(3, np.int32))
    r = preaug.NpyEpochReader(m, 256, rank=1, world_size=2)
    with pytest.raises(preaug.ManifestError, match=lab):
        list(r)


def test_argument_errors(epochs):
    m = epochs.manifest(0)
    with pytest.raises(ValueError, match="fields"):
        preaug.NpyEpochReader(m, 8, fields=("pixels",))
    with pytest.raises(ValueError, match="io"):
        preaug.NpyEpochReader(m, 8, io="aio")
    with pytest.raises(ValueError, match="batch_size"):
        preaug.NpyEpochReader(m, 0)
