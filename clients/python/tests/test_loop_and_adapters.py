"""The multi-epoch loop, and the framework-free cores of the Keras / PyTorch / tf.data adapters.

PyTorch is tested for real in ``test_torch.py``. TensorFlow and Keras cannot be installed for
Debian's python3 on the build machine (Debian packages neither; there is no PyPI), so their
glue is run here against stand-ins that provide exactly the API it calls -- ``tf_standin.py``
and a stand-in ``keras.utils.PyDataset``. The TensorFlow runtime itself reads the shards from
Java (see docs/training.md).
"""

import collections
import os
import pickle
import sys
import threading
import types

import numpy as np
import pytest

import preaug
from preaug import keras_adapter, torch_adapter
from preaug.tf_data import FEATURE_SPEC, tf_file_plan
from preaug.torch_adapter import TorchEpochCore, resolve_rank, to_channels_first


# --- the loop helper ----------------------------------------------------------------------

def test_epochs_loop_reads_each_epoch_from_its_directory_and_marks_it(private_root):
    root = private_root
    seen = []
    for epoch, batches in preaug.epochs(root, count=3, batch_size=500, fields=("index",)):
        assert batches.manifest.path == preaug.epoch_dir(root, epoch)
        # the previous epoch is marked only once the loop moves on
        assert preaug.consumed_epochs(root) == list(range(epoch))
        seen.append((epoch, np.concatenate(list(batches))))
    assert [e for e, _ in seen] == [0, 1, 2]
    assert preaug.consumed_epochs(root) == [0, 1, 2]
    assert not np.array_equal(seen[0][1], seen[1][1])  # different epochs, different order
    # resuming starts after the last consumed epoch; nothing more is published
    assert preaug.first_unconsumed_epoch(root) == 3
    assert list(preaug.epochs(root, wait=False, batch_size=8)) == []


def test_epochs_loop_waits_for_the_producer(private_root):
    root = private_root
    hidden = root / ".epoch-00002.inprogress"
    os.rename(root / "epoch-00002", hidden)
    timer = threading.Timer(0.5, os.rename, (hidden, root / "epoch-00002"))
    timer.start()
    try:
        got = [(e, b.num_records) for e, b in preaug.epochs(
            root, start=1, count=2, batch_size=64, timeout=20, poll=0.05)]
    finally:
        timer.join()
    assert [e for e, _ in got] == [1, 2]


def test_epochs_loop_times_out(private_root):
    it = preaug.epochs(private_root, start=2, batch_size=64, timeout=0.3, poll=0.05)
    assert next(it)[0] == 2
    with pytest.raises(TimeoutError, match="epoch 3"):
        next(it)
    assert preaug.consumed_epochs(private_root) == [2]


def test_epochs_loop_marks_only_on_rank0_and_accepts_a_reader_factory(private_root):
    root = private_root
    out = list(preaug.epochs(root, start=0, count=2, batch_size=64, rank=1, world_size=2))
    assert [e for e, _ in out] == [0, 1]
    assert out[0][1].rank == 1 and out[0][1].world_size == 2
    assert preaug.consumed_epochs(root) == []
    made = list(preaug.epochs(root, start=1, count=1,
                              reader=lambda m: preaug.TFRecordEpochReader(m, 100)))
    assert isinstance(made[0][1], preaug.TFRecordEpochReader)
    assert preaug.consumed_epochs(root) == [1]
    with pytest.raises(TypeError, match="batch_size"):
        next(preaug.epochs(root))


# --- Keras core -----------------------------------------------------------------------------

def test_epoch_sequence_moves_to_the_next_epoch_lazily(private_root):
    root = private_root
    seq = preaug.EpochSequence(root, 256, start=0, timeout=0.3, poll=0.05)
    per_epoch = []
    for keras_epoch in range(3):
        n = len(seq)
        idx = np.concatenate([seq[i][1] for i in range(n)])  # (images, labels)
        per_epoch.append((seq.epoch, n, idx))
        assert seq[0][0].shape == (256, 64, 64, 1)
        seq.on_epoch_end()
    assert [p[0] for p in per_epoch] == [0, 1, 2]
    assert len({p[1] for p in per_epoch}) == 1
    assert preaug.consumed_epochs(root) == [0, 1, 2]
    # after the last epoch nothing was opened: no wait for an epoch nobody reads
    assert seq.epoch == 3 and seq._reader is None
    with pytest.raises(TimeoutError):
        len(seq)


def test_epoch_sequence_refuses_a_changed_batch_count(tmp_path, epochs):
    root = tmp_path / "out"
    root.mkdir()
    from conftest import clone_epoch
    clone_epoch(preaug.epoch_dir(epochs.root, 0), preaug.epoch_dir(root, 0))
    # epoch 4 of the variant run has a different record count
    clone_epoch(preaug.epoch_dir(epochs.variant_root, 4), preaug.epoch_dir(root, 1),
                copy=("manifest.json",))
    import json
    p = preaug.epoch_dir(root, 1) / "manifest.json"
    man = json.loads(p.read_text())
    man["epoch"] = 1
    p.write_text(json.dumps(man))
    seq = preaug.EpochSequence(root, 256, start=0, wait=False)
    len(seq)
    seq.on_epoch_end()
    with pytest.raises(ValueError, match="same record count"):
        len(seq)


def test_keras_class_over_a_stand_in_pydataset(private_root, monkeypatch):
    """Runs the real PreaugPyDataset class with a stand-in ``keras.utils.PyDataset`` that
    has the Keras 3 constructor, ``num_batches`` and ``on_epoch_end`` behaviour."""

    class PyDataset:
        def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
            self._workers, self._mp, self._q = workers, use_multiprocessing, max_queue_size

        @property
        def num_batches(self):
            return len(self)

        def __getitem__(self, index):
            raise NotImplementedError

        def on_epoch_end(self):
            pass

    keras = types.ModuleType("keras")
    keras.utils = types.SimpleNamespace(PyDataset=PyDataset)
    monkeypatch.setitem(sys.modules, "keras", keras)
    monkeypatch.setattr(keras_adapter, "_cls", None)
    ds = preaug.keras_dataset(private_root, 300, start=1, workers=2, timeout=1)
    assert isinstance(ds, PyDataset) and ds._workers == 2
    total = collections.Counter()
    for _ in range(2):  # what fit() does: num_batches, then each index, then on_epoch_end
        for i in range(ds.num_batches):
            x, y = ds[i]
            assert x.dtype == np.uint8 and y.dtype == np.int32
            total[ds.epoch] += len(y)
        ds.on_epoch_end()
    m = preaug.open_epoch(private_root, 1)
    assert total == {1: m.records, 2: m.records}
    assert preaug.consumed_epochs(private_root) == [1, 2]
    # Keras' process pool pickles the dataset: the class must be importable by name
    blob = pickle.dumps(ds)
    monkeypatch.setattr(keras_adapter, "_cls", None)  # as in a fresh worker process
    clone = pickle.loads(blob)
    assert type(clone).__name__ == "PreaugPyDataset" and clone.epoch == ds.epoch == 3


def test_keras_missing_gives_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "keras", None)
    monkeypatch.setattr(keras_adapter, "_cls", None)
    with pytest.raises(ImportError, match="Keras 3"):
        preaug.keras_dataset("OUT", 8)


# --- PyTorch core ---------------------------------------------------------------------------

def test_torch_core_exactly_once_over_ranks_and_workers(epochs):
    m = epochs.manifest(1)
    for world, workers in [(1, 1), (1, 4), (2, 3), (3, 2)]:
        seen = collections.Counter()
        per_rank = []
        for rank in range(world):
            core = TorchEpochCore(epochs.root, 64, epoch=1, rank=rank, world_size=world,
                                  num_workers=workers, even=True, drop_last=True,
                                  fields=("images", "labels", "index", "augmented"))
            nb = 0
            for w in range(workers):
                for x, y, idx, aug in core.numpy_batches(w, workers):
                    assert x.shape == (64, 1, 64, 64) and y.dtype == np.int64
                    seen.update(zip(idx.tolist(), aug.tolist()))
                    nb += 1
            assert nb == core.num_batches()
            per_rank.append(nb)
        assert len(set(per_rank)) == 1  # DDP: equal batch counts on every rank
        assert set(seen.values()) == {1}
        assert m.records - sum(seen.values()) < world * workers * 64
    core = TorchEpochCore(epochs.root, 64, epoch=1, rank=0, world_size=1)
    with pytest.raises(TypeError, match="num_workers"):
        core.num_batches()
    full = TorchEpochCore(epochs.root, 500, epoch=0, rank=0, world_size=1)
    assert sum(len(y) for _, y in full.numpy_batches()) == epochs.manifest(0).records


def test_torch_core_set_epoch_waits_and_reads_that_epoch(private_root):
    core = TorchEpochCore(private_root, 100, epoch=0, rank=0, world_size=1, timeout=0.2,
                          poll=0.05, fields=("index",))
    a = np.concatenate(list(core.numpy_batches()))
    core.set_epoch(2)
    b = np.concatenate(list(core.numpy_batches()))
    assert core.manifest().epoch == 2 and not np.array_equal(a, b)
    core.set_epoch(9)
    with pytest.raises(TimeoutError):
        core.manifest()
    one = TorchEpochCore(preaug.epoch_dir(private_root, 1), 100)  # an epoch directory
    assert one.manifest().epoch == 1


def test_channels_first_and_rank_resolution(monkeypatch):
    x = np.arange(2 * 3 * 4 * 1, dtype=np.uint8).reshape(2, 3, 4, 1)
    y = to_channels_first(x)
    assert y.shape == (2, 1, 3, 4) and np.shares_memory(x, y)
    x3 = np.arange(2 * 3 * 4 * 3, dtype=np.uint8).reshape(2, 3, 4, 3)
    y3 = to_channels_first(x3)
    assert y3.shape == (2, 3, 3, 4) and y3.flags.c_contiguous and y3[1, 2, 0, 3] == x3[1, 0, 3, 2]
    monkeypatch.delenv("RANK", raising=False)
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    assert resolve_rank(None, None) == (0, 1)
    assert resolve_rank(2, 4) == (2, 4)
    monkeypatch.setenv("RANK", "3")
    monkeypatch.setenv("WORLD_SIZE", "8")
    assert resolve_rank(None, None) == (3, 8)
    dist = types.SimpleNamespace(is_available=lambda: True, is_initialized=lambda: True,
                                 get_rank=lambda: 1, get_world_size=lambda: 2)
    assert resolve_rank(None, None, dist) == (1, 2)


def test_torch_missing_gives_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    monkeypatch.setattr(torch_adapter, "_cls", None)
    with pytest.raises(ImportError, match="PyTorch"):
        preaug.torch_dataset("OUT", 8)


# --- tf.data core ---------------------------------------------------------------------------

def test_tf_file_plan_covers_every_record_once(epochs):
    m = epochs.manifest(0)
    for split in ("shards", "records"):
        for world in (1, 2, 3, 5):
            cover = collections.Counter()
            for rank in range(world):
                files, starts, counts = tf_file_plan(m, rank, world, split=split,
                                                     shuffle_shards=True, seed=1)
                for f, s, c in zip(files, starts, counts):
                    assert os.path.isfile(f)
                    cover.update((f, r) for r in range(s, s + c))
            assert sum(cover.values()) == m.records and set(cover.values()) == {1}


def test_feature_spec_matches_the_records(epochs):
    rec = next(preaug.iter_tfrecords(epochs.manifest(0).file(0, "tfrecord")))
    feats = preaug.parse_example(rec)
    from preaug.tfrecord import example_classes
    ex = example_classes()["Example"].FromString(rec)
    for name, kind in FEATURE_SPEC.items():
        which = ex.features.feature[name].WhichOneof("kind")
        assert which == {"string": "bytes_list", "int64": "int64_list"}[kind], name
        assert len(feats[name]) == 1  # FixedLenFeature([]) needs exactly one value
    assert set(FEATURE_SPEC) == set(feats)


def test_tf_missing_gives_a_clear_import_error(monkeypatch, epochs):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    with pytest.raises(ImportError, match="TensorFlow"):
        preaug.tf_dataset(preaug.epoch_dir(epochs.root, 0), 8)


@pytest.mark.parametrize("split", ["shards", "records"])
def test_tf_dataset_pipeline_over_a_stand_in_tensorflow(epochs, monkeypatch, split):
    """Runs the real tf_dataset code against tests/tf_standin.py (an eager numpy imitation of
    the tf.data / tf.io calls it makes -- not TensorFlow): every rank's batches together are
    the epoch, with the pixels and labels of the NPY shards."""
    import tf_standin
    monkeypatch.setitem(sys.modules, "tensorflow", tf_standin.module())
    m = epochs.manifest(1)
    x_all = np.concatenate([np.load(m.file(k, "images")) for k in range(m.shards)])
    y_all = np.concatenate([np.load(m.file(k, "labels")) for k in range(m.shards)])
    want = collections.Counter(zip(map(bytes, x_all), y_all.tolist()))
    for world in (1, 3):
        got = collections.Counter()
        for rank in range(world):
            ds = preaug.tf_dataset(m, 100, rank=rank, world_size=world, split=split,
                                   shuffle_shards=True, seed=2)
            assert ds.options.experimental_distribute.auto_shard_policy == "OFF"
            for x, y in ds:
                assert x.dtype == np.uint8 and x.shape[1:] == (64, 64, 1) and len(x) <= 100
                assert y.dtype == np.int32 and y.shape == (len(x),)
                got.update(zip(map(bytes, x), y.tolist()))
        assert got == want
    # drop_last, extra fields as a dict
    batches = list(preaug.tf_dataset(m, 256, drop_last=True, fields=("image", "label", "index",
                                                                     "ops")))
    assert len(batches) == m.records // 256
    b = batches[0]
    assert set(b) == {"image", "label", "index", "ops"} and b["index"].dtype == np.int64


def test_tf_dataset_png_gzip_epoch_over_a_stand_in_tensorflow(epochs, monkeypatch):
    import tf_standin
    monkeypatch.setitem(sys.modules, "tensorflow", tf_standin.module())
    m = preaug.open_epoch(epochs.variant_root, 4)
    npy = np.concatenate([np.load(m.file(k, "images")) for k in range(m.shards)])
    u8 = np.round(npy.astype(np.float64) * 255).astype(np.uint8)  # float16 NPY back to 0..255
    want = collections.Counter(map(bytes, u8))
    got = collections.Counter()
    for x, y in preaug.tf_dataset(m, 64, fields=("images", "labels")):
        assert x.shape[1:] == (64, 64, 1) and y.dtype == np.int32
        got.update(map(bytes, x))
    assert got == want
