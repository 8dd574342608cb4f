"""Discovery, manifests, waiting, partial epochs, consumed marks -- on real epochs."""

import json
import os
import threading
import time

import pytest

import preaug
from conftest import clone_epoch


def test_lists_published_epochs_and_reads_manifests(epochs):
    p = epochs.params["main"]
    assert preaug.list_epochs(epochs.root) == [0, 1, 2]
    assert preaug.latest_epoch(epochs.root) == 2
    records = p["samples"] * (p["copies_original"] + p["copies_augmented"])
    for e in (0, 1, 2):
        m = preaug.open_epoch(epochs.root, e)
        assert isinstance(m, preaug.Manifest)
        assert m.epoch == e and m.seed == p["seed"] and m.name == p["name"]
        assert m.records == records and m.samples == p["samples"]
        assert m.shards == p["shards"] == len(m.shard_list)
        assert sum(m.shard_records) == records
        assert max(m.shard_records) - min(m.shard_records) <= 1
        assert m.image_shape == (64, 64, 1) and m.npy_dtype == "uint8"
        assert set(m.formats) == {"tfrecord", "npy"}
        assert m.num_classes == p["classes"]
        assert m.path == preaug.epoch_dir(epochs.root, e)
        for k in range(m.shards):
            for kind in ("tfrecord", "images", "labels", "index", "ops"):
                assert m.file(k, kind).is_file()
        assert m.raw["format"] == "preaug-epoch"
    assert preaug.list_epochs(epochs.variant_root) == [4]


def test_missing_root_lists_nothing(tmp_path):
    assert preaug.list_epochs(tmp_path / "nope") == []
    assert preaug.latest_epoch(tmp_path / "nope") is None
    assert preaug.consumed_epochs(tmp_path / "nope") == []


def test_partial_and_hidden_epochs_are_never_listed_or_read(tmp_path, epochs):
    root = tmp_path / "out"
    root.mkdir()
    src = preaug.epoch_dir(epochs.root, 0)
    clone_epoch(src, root / "epoch-00000")  # published
    no_success = clone_epoch(preaug.epoch_dir(epochs.root, 1), root / "epoch-00001")
    (no_success / "_SUCCESS").unlink()  # a link: the real epoch keeps its _SUCCESS
    clone_epoch(preaug.epoch_dir(epochs.root, 2), root / ".epoch-00002.inprogress")
    clone_epoch(src, root / "epoch-3")  # not the canonical name
    (root / "epoch-00009").write_text("a file, not a directory")
    assert (preaug.epoch_dir(epochs.root, 1) / "_SUCCESS").is_file()

    assert preaug.list_epochs(root) == [0]
    assert preaug.latest_epoch(root) == 0
    assert not preaug.is_published(root, 1) and not preaug.is_published(root, 2)
    with pytest.raises(preaug.EpochNotFoundError, match="_SUCCESS"):
        preaug.open_epoch(root, 1)
    with pytest.raises(preaug.EpochNotFoundError):
        preaug.NpyEpochReader(root / "epoch-00001", 32)
    with pytest.raises(preaug.EpochNotFoundError):
        preaug.TFRecordEpochReader(root / ".epoch-00002.inprogress", 32)
    with pytest.raises(TimeoutError):
        preaug.wait_for_epoch(root, 1, timeout=0.2, poll=0.05)
    # the loop stops at the first unpublished epoch instead of reading a partial one
    seen = [e for e, _ in preaug.epochs(root, start=0, wait=False, batch_size=64)]
    assert seen == [0]


def test_wait_for_epoch_returns_when_the_producer_publishes(private_root):
    root = private_root
    # take epoch 2 back to its in-progress name, as a producer would be holding it
    hidden = root / ".epoch-00002.inprogress"
    os.rename(root / "epoch-00002", hidden)
    assert preaug.list_epochs(root) == [0, 1]

    def publish():
        time.sleep(0.6)
        os.rename(hidden, root / "epoch-00002")

    t = threading.Thread(target=publish)
    t0 = time.monotonic()
    t.start()
    try:
        m = preaug.wait_for_epoch(root, 2, timeout=20, poll=0.05)
    finally:
        t.join()
    waited = time.monotonic() - t0
    assert m.epoch == 2 and m.path == root / "epoch-00002"
    assert 0.5 <= waited < 10
    assert preaug.list_epochs(root) == [0, 1, 2]


def test_wait_times_out_with_a_clear_message(private_root):
    t0 = time.monotonic()
    with pytest.raises(TimeoutError) as ei:
        preaug.wait_for_epoch(private_root, 7, timeout=0.4, poll=0.1)
    assert 0.35 <= time.monotonic() - t0 < 5
    msg = str(ei.value)
    assert "epoch 7" in msg and "epoch-00007" in msg and "0, 1, 2" in msg
    # timeout=0 checks once
    assert preaug.wait_for_epoch(private_root, 1, timeout=0).epoch == 1


def test_mark_consumed_round_trip(private_root):
    root = private_root
    assert preaug.consumed_epochs(root) == []
    assert preaug.first_unconsumed_epoch(root) == 0
    p = preaug.mark_consumed(root, 1, consumer="job-a")
    assert p == root / "_consumed" / "epoch-00001"
    preaug.mark_consumed(root, 0)
    preaug.mark_consumed(root, 1)  # idempotent
    # temp files and unrelated names are ignored by readers of the marks
    (root / "_consumed" / ".epoch-00002.123.abc.tmp").write_text("{}")
    (root / "_consumed" / "notes.txt").write_text("x")
    assert preaug.consumed_epochs(root) == [0, 1]
    info = preaug.consumed_info(root, 1)
    assert info["epoch"] == 1 and info["pid"] == os.getpid() and "time" in info
    assert json.loads((root / "_consumed" / "epoch-00000").read_text())["epoch"] == 0
    assert preaug.consumed_info(root, 2) is None
    assert preaug.first_unconsumed_epoch(root) == 2
    # no temp file is left behind by mark_consumed itself
    leftovers = [n for n in os.listdir(root / "_consumed") if n.endswith(".tmp")]
    assert leftovers == [".epoch-00002.123.abc.tmp"]
    # marks do not disturb epoch discovery
    assert preaug.list_epochs(root) == [0, 1, 2]


def test_first_unconsumed_epoch_without_marks_starts_at_lowest_published(tmp_path, epochs):
    root = tmp_path / "out"
    root.mkdir()
    clone_epoch(preaug.epoch_dir(epochs.root, 2), preaug.epoch_dir(root, 2))
    assert preaug.first_unconsumed_epoch(root) == 2
    assert preaug.first_unconsumed_epoch(tmp_path / "empty") == 0


def test_bad_manifests_are_refused_with_the_file_named(tmp_path, epochs):
    src = preaug.epoch_dir(epochs.root, 0)
    d = clone_epoch(src, tmp_path / "epoch-00000", copy=("manifest.json",))
    m = json.loads((d / "manifest.json").read_text())

    def write(obj):
        (d / "manifest.json").write_text(json.dumps(obj))

    write(dict(m, format_version=99))
    with pytest.raises(preaug.ManifestError, match="format_version"):
        preaug.read_manifest(d)
    write(dict(m, format="something-else"))
    with pytest.raises(preaug.ManifestError, match="not a preaug"):
        preaug.read_manifest(d)
    write(dict(m, records=m["records"] + 1))
    with pytest.raises(preaug.ManifestError, match="records="):
        preaug.read_manifest(d)
    (d / "manifest.json").write_text("{ truncated")
    with pytest.raises(preaug.ManifestError, match="manifest.json"):
        preaug.read_manifest(d)
    (d / "manifest.json").unlink()
    with pytest.raises(preaug.ManifestError, match="no manifest"):
        preaug.read_manifest(d)
    # the epoch number in the manifest must match the directory it is read as
    other = clone_epoch(src, tmp_path / "out" / "epoch-00005")
    assert other.is_dir()
    with pytest.raises(preaug.ManifestError, match="epoch 0"):
        preaug.read_manifest(tmp_path / "out", 5)
