"""TFRecord path without TensorFlow: CRC32C, framing, protobuf parse, batches == NPY."""

import os
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

import preaug
from preaug import crc32c as C
from preaug.tfrecord import (example_classes, example_file_descriptor, frame_record,
                             write_tfrecords)
from conftest import clone_epoch

REPO = Path(__file__).resolve().parents[3]
DESC = REPO / "core/target/classes/dev/preaug/core/proto/preaug_example.desc"
ALL = ("images", "labels", "index", "augmented", "ops")


def test_crc32c_known_values():
    # check value of the CRC-32C catalogue entry, and RFC 3720 (iSCSI) B.4 vectors
    assert C.crc32c(b"123456789") == 0xE3069283
    assert C.crc32c(b"") == 0
    assert C.crc32c(bytes(32)) == 0x8A9136AA
    assert C.crc32c(b"\xff" * 32) == 0x62A8AB43
    assert C.crc32c(bytes(range(32))) == 0x46DD794E
    assert C.crc32c(bytes(range(31, -1, -1))) == 0x113FDB5C
    assert C.crc32c(b"6789", C.crc32c(b"12345")) == 0xE3069283
    for v in (0, 1, 0xDEADBEEF, 0xFFFFFFFF):
        assert C.unmask(C.mask(v)) == v


def test_vectorised_crc_equals_the_reference():
    rng = np.random.default_rng(0)
    lengths = [0, 1, 2, 3, 4, 5, 7, 8, 255, 256, 257, 511, 512, 1000, 4096, 4173, 9000]
    lengths += rng.integers(0, 6000, 600).tolist()  # more than one block of 256
    msgs = [rng.integers(0, 256, n, dtype=np.uint8).tobytes() for n in lengths]
    got = C.crc32c_many(msgs)
    assert got.dtype == np.uint32 and len(got) == len(msgs)
    assert [int(v) for v in got] == [C.crc32c(m) for m in msgs]
    assert list(C.crc32c_many([b"123456789", memoryview(b"123456789")])) == [0xE3069283] * 2
    assert len(C.crc32c_many([])) == 0


def test_framing_of_the_real_files_and_records_equal_npy(epochs):
    m = epochs.manifest(0)
    for k in range(m.shards):
        recs = list(preaug.iter_tfrecords(m.file(k, "tfrecord"), check_crc=True))
        assert len(recs) == m.shard_list[k].records
        x = np.load(m.file(k, "images"))
        y = np.load(m.file(k, "labels"))
        idx = np.load(m.file(k, "index"))
        ops = m.file(k, "ops").read_text().split("\n")
        for j, rec in enumerate(recs):
            ex = preaug.decode_example(rec)
            assert ex["image"] == x[j].tobytes()
            assert (ex["label"], ex["index"]) == (int(y[j]), int(idx[j]))
            assert ex["ops"] == ops[j] and ex["augmented"] == (1 if ops[j] else 0)
            assert (ex["height"], ex["width"], ex["channels"]) == (64, 64, 1)
        # the generic parser sees the documented feature set
        feats = preaug.parse_example(recs[0])
        assert set(feats) == {"image", "label", "index", "augmented", "ops", "height", "width",
                              "channels"}
        assert all(len(v) == 1 for v in feats.values())


def test_file_size_and_offsets_match_the_framing(epochs):
    m = epochs.manifest(1)
    path = m.file(2, "tfrecord")
    recs = list(preaug.iter_tfrecords(path))
    assert sum(16 + len(r) for r in recs) == os.path.getsize(path) == \
        m.shard_list[2].files["tfrecord"].bytes
    # writing the records again gives the same bytes (framing + masked CRCs agree with Java)
    assert b"".join(frame_record(r) for r in recs) == path.read_bytes()


def test_start_stop_select_records(epochs):
    path = epochs.manifest(0).file(0, "tfrecord")
    allr = list(preaug.iter_tfrecords(path))
    assert list(preaug.iter_tfrecords(path, start=10, stop=25)) == allr[10:25]
    assert list(preaug.iter_tfrecords(path, start=len(allr) - 1)) == allr[-1:]
    with pytest.raises(preaug.TFRecordError, match="records"):
        list(preaug.iter_tfrecords(path, stop=len(allr) + 1))


def test_corruption_is_detected_and_located(tmp_path, epochs):
    path = epochs.manifest(0).file(1, "tfrecord")
    data = bytearray(path.read_bytes())
    n0 = struct.unpack_from("<Q", data, 0)[0]
    second = 16 + n0  # byte offset of record 1

    flipped = bytearray(data)
    flipped[second + 12 + 100] ^= 0x01  # a pixel of record 1
    p = tmp_path / "flipped"
    p.write_bytes(bytes(flipped))
    with pytest.raises(preaug.TFRecordError, match=rf"record 1 at byte {second}: data CRC"):
        list(preaug.iter_tfrecords(p))
    assert len(list(preaug.iter_tfrecords(p, check_crc=False))) > 1  # unchecked: read anyway

    bad_len = bytearray(data)
    bad_len[second + 2] ^= 0x40
    p.write_bytes(bytes(bad_len))
    with pytest.raises(preaug.TFRecordError, match="length CRC"):
        list(preaug.iter_tfrecords(p))

    p.write_bytes(bytes(data[:second + 12 + 50]))
    with pytest.raises(preaug.TFRecordError, match="runs past the end"):
        list(preaug.iter_tfrecords(p))
    p.write_bytes(bytes(data[:second + 5]))
    with pytest.raises(preaug.TFRecordError, match="inside the 12-byte length header"):
        list(preaug.iter_tfrecords(p))


def test_write_and_read_back(tmp_path):
    recs = [b"", b"a", os.urandom(5000), b"xyz" * 77]
    p = tmp_path / "t.tfrecord"
    write_tfrecords(p, recs)
    assert list(preaug.iter_tfrecords(p)) == recs
    assert list(preaug.iter_tfrecords(p, compression="none")) == recs


@pytest.mark.parametrize("split", ["records", "shards"])
def test_tfrecord_batches_equal_npy_batches(epochs, split):
    m = epochs.manifest(2)
    for rank, world, worker, workers in [(0, 1, 0, 1), (1, 3, 0, 2), (2, 3, 1, 2)]:
        kw = dict(rank=rank, world_size=world, worker_id=worker, num_workers=workers,
                  split=split, shuffle_shards=True, seed=4, fields=ALL)
        t = preaug.TFRecordEpochReader(m, 100, **kw)
        n = preaug.NpyEpochReader(m, 100, **kw)
        assert len(t) == len(n)
        k = 0
        for bt, bn in zip(t, n):
            for a, b in zip(bt, bn):
                if isinstance(a, np.ndarray):
                    assert a.dtype == b.dtype and np.array_equal(a, b)
                else:
                    assert a == b
            k += 1
        assert k == len(n)
    d = list(preaug.TFRecordEpochReader(m, 256, drop_last=True))
    assert len(d) == m.records // 256 and all(x.shape == (256, 64, 64, 1) for x, _ in d)


def test_gzip_and_png_epoch(epochs):
    m = preaug.open_epoch(epochs.variant_root, 4)
    assert m.tfrecord_compression == "gzip" and m.tfrecord_encoding == "png"
    head = m.file(0, "tfrecord").read_bytes()[:2]
    assert head == b"\x1f\x8b"
    u8 = (epochs.variant_images * 255).astype(np.uint8)
    got = 0
    for x, y, idx, aug in preaug.TFRecordEpochReader(m, 64, fields=("images", "labels",
                                                                    "index", "augmented")):
        assert x.dtype == np.uint8
        assert np.array_equal(y, epochs.variant_labels[idx])
        o = aug == 0
        assert np.array_equal(x[o][..., 0], u8[idx[o]])
        got += len(y)
    assert got == m.records
    # the PNG bytes are PNGs
    rec = next(preaug.iter_tfrecords(m.file(0, "tfrecord")))
    assert preaug.decode_example(rec)["image"][:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(preaug.TFRecordError):
        list(preaug.iter_tfrecords(m.file(0, "tfrecord"), compression="none"))


def _java_descriptor_set():
    if not DESC.is_file():
        # built by the Maven build (submit.sh builds it); make sure it exists
        subprocess.run(["./mvnw", "-q", "-B", "-pl", "core", "generate-sources"], cwd=REPO,
                       check=True)
    from google.protobuf import descriptor_pb2
    return descriptor_pb2.FileDescriptorSet.FromString(DESC.read_bytes())


def test_embedded_descriptor_equals_the_java_builds(epochs):
    java = _java_descriptor_set()
    assert len(java.file) == 1
    ours = example_file_descriptor()
    j = java.file[0]
    assert (ours.name, ours.package, ours.syntax) == (j.name, j.package, j.syntax)
    assert list(ours.message_type) == list(j.message_type)


def test_generated_classes_round_trip():
    cls = example_classes()
    ex = cls["Example"]()
    ex.features.feature["label"].int64_list.value.append(-5)
    ex.features.feature["image"].bytes_list.value.append(b"\x00\x01")
    ex.features.feature["w"].float_list.value.extend([0.5, 2.0])
    data = ex.SerializeToString()
    assert preaug.parse_example(data) == {"label": [-5], "image": [b"\x00\x01"],
                                          "w": [0.5, 2.0]}
    # wire format of a map<string, Feature> entry with an int64 list: field 1 (features)
    assert data[0] == 0x0A


def test_unpublished_or_npy_only_epochs_are_refused(tmp_path, epochs):
    src = preaug.epoch_dir(epochs.root, 0)
    d = clone_epoch(src, tmp_path / "epoch-00000", copy=("manifest.json",))
    import json
    man = json.loads((d / "manifest.json").read_text())
    man["formats"] = ["npy"]
    (d / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(preaug.ManifestError, match="no TFRecord"):
        preaug.TFRecordEpochReader(d, 8)
