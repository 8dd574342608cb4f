"""Colour epochs (``channels = 3``) the Java job wrote from an RGB ``[N, 32, 32, 3]`` NPY: every
reader of this package delivers them in the documented layout with the shards' values."""

import collections
import json
import struct
import zlib

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader

import preaug
from conftest import clone_epoch

FIELDS = ("images", "labels", "index", "augmented")


def shard_records(m: preaug.Manifest):
    """The epoch's NPY shards read with plain np.load, in shard order."""
    x = np.concatenate([np.load(m.file(k, "images")) for k in range(m.shards)])
    y = np.concatenate([np.load(m.file(k, "labels")) for k in range(m.shards)])
    i = np.concatenate([np.load(m.file(k, "index")) for k in range(m.shards)])
    return x, y, i


def test_the_job_wrote_a_colour_epoch(epochs):
    p = epochs.params["rgb"]
    assert epochs.rgb_images.shape == (p["samples"], 32, 32, 3)
    for root, enc in ((epochs.rgb_root, "raw"), (epochs.rgb_png_root, "png")):
        m = preaug.open_epoch(root, 0)
        assert m.image_shape == (32, 32, 3) and m.tfrecord_encoding == enc
        assert m.records == p["samples"] * (p["copies_original"] + p["copies_augmented"])
        assert all(np.load(m.file(k, "images"), mmap_mode="r").shape
                   == (m.shard_list[k].records, 32, 32, 3) for k in range(m.shards))
    # The TFRecord encoding changes no record: the NPY shards are the same bytes.
    a, b = preaug.open_epoch(epochs.rgb_root, 0), preaug.open_epoch(epochs.rgb_png_root, 0)
    for k in range(a.shards):
        assert a.file(k, "images").read_bytes() == b.file(k, "images").read_bytes()


def test_npy_reader_gives_nhwc_colour_equal_to_the_shards_and_the_input(epochs):
    m = preaug.open_epoch(epochs.rgb_root, 0)
    x, y, i = shard_records(m)
    got = list(preaug.NpyEpochReader(m, 16, fields=FIELDS))
    gx = np.concatenate([b[0] for b in got])
    assert gx.dtype == np.uint8 and gx.shape == (m.records, 32, 32, 3)
    assert all(b[0].shape[1:] == (32, 32, 3) for b in got)
    assert np.array_equal(gx, x)
    gi = np.concatenate([b[2] for b in got])
    assert np.array_equal(gi, i)
    assert np.array_equal(np.concatenate([b[1] for b in got]), y)
    assert np.array_equal(y, epochs.rgb_labels[i])
    aug = np.concatenate([b[3] for b in got]) == 1
    # originals are the input's colour pixels (band order kept); augmented copies are not
    assert np.array_equal(gx[~aug], epochs.rgb_images[i[~aug]])
    assert not np.array_equal(gx[aug], epochs.rgb_images[i[aug]])
    # every (sample, copy) once: 1 original and 2 augmented per sample
    assert collections.Counter(zip(gi.tolist(), aug.tolist())) == collections.Counter(
        {(s, a): (2 if a else 1) for s in range(len(epochs.rgb_images)) for a in (0, 1)})
    # random access too
    r = preaug.NpyEpochReader(m, 16)
    assert np.array_equal(r[1][0], x[16:32])


@pytest.mark.parametrize("which", ["raw", "png"])
def test_tfrecord_reader_gives_the_npy_records(epochs, which):
    root = epochs.rgb_root if which == "raw" else epochs.rgb_png_root
    m = preaug.open_epoch(root, 0)
    x, y, i = shard_records(m)
    got = list(preaug.TFRecordEpochReader(m, 16, fields=FIELDS))
    gx = np.concatenate([b[0] for b in got])
    assert gx.dtype == np.uint8 and gx.shape == (m.records, 32, 32, 3)
    assert np.array_equal(gx, x)
    assert np.array_equal(np.concatenate([b[1] for b in got]), y)
    assert np.array_equal(np.concatenate([b[2] for b in got]), i)
    rec = preaug.decode_example(next(preaug.iter_tfrecords(m.file(0, "tfrecord"))))
    assert (rec["height"], rec["width"], rec["channels"]) == (32, 32, 3)
    if which == "raw":
        assert len(rec["image"]) == 32 * 32 * 3
        # row-major HWC: the bytes are the NPY row as is
        assert np.array_equal(np.frombuffer(rec["image"], np.uint8).reshape(32, 32, 3), x[0])
    else:
        png = rec["image"]
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
        w, h, depth, colour = struct.unpack(">IIBB", png[16:26])
        assert (w, h, depth, colour) == (32, 32, 8, 2), "8-bit truecolour (colour type 2)"
        assert np.array_equal(_png_rgb_with_zlib(png), x[0])


def _png_rgb_with_zlib(png: bytes) -> np.ndarray:
    """An 8-bit colour type 2 PNG decoded here with zlib alone (PNG spec, filters 0-4), a
    second opinion next to the reader's Pillow."""
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", png[pos + 8 + n:pos + 12 + n])[0]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    bpp, stride = 3, w * 3
    out = np.zeros((h, stride), np.uint8)
    prev = [0] * stride
    for r in range(h):
        f = raw[r * (stride + 1)]
        line = list(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for k in range(stride):
            a = line[k - bpp] if k >= bpp else 0
            b = prev[k]
            c = prev[k - bpp] if k >= bpp else 0
            if f == 1:
                line[k] = (line[k] + a) & 255
            elif f == 2:
                line[k] = (line[k] + b) & 255
            elif f == 3:
                line[k] = (line[k] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[k] = (line[k] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            else:
                assert f == 0, f"filter type {f}"
        out[r] = line
        prev = line
    return out.reshape(h, w, 3)


def test_a_png_of_the_wrong_shape_is_refused_naming_the_record(epochs, tmp_path):
    """A colour PNG epoch whose manifest says 1 channel: the reader names the mismatch rather
    than reshaping the pixels into something else."""
    src = preaug.epoch_dir(epochs.rgb_png_root, 0)
    d = clone_epoch(src, tmp_path / "epoch-00000", copy=("manifest.json",))
    man = json.loads((d / "manifest.json").read_text())
    man["image"]["channels"] = 1
    (d / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(preaug.TFRecordError, match=r"record 0 of this slot: its PNG is "
                       r"32x32x3 \(HxW\[xC\]\), the manifest's image is 32x32x1"):
        next(iter(preaug.TFRecordEpochReader(d, 4)))


def test_torch_dataloader_gives_bchw_colour_equal_to_the_shards(epochs):
    m = preaug.open_epoch(epochs.rgb_root, 0)
    x, y, i = shard_records(m)
    ds = preaug.torch_dataset(epochs.rgb_root, 16, epoch=0, num_workers=2, fields=FIELDS)
    loader = DataLoader(ds, batch_size=None, num_workers=2)
    conv = torch.nn.Conv2d(3, 4, 3)
    seen = []
    batches = 0
    for xb, yb, ib, ab in loader:
        assert isinstance(xb, torch.Tensor) and xb.dtype == torch.uint8
        assert xb.dim() == 4 and tuple(xb.shape[1:]) == (3, 32, 32)
        assert yb.dtype == torch.int64
        # [B, C, H, W] is the shards' [B, H, W, C] with the channel axis moved
        hwc = xb.permute(0, 2, 3, 1).numpy()
        for n, s in enumerate(ib.tolist()):
            rows = np.nonzero(i == s)[0]
            assert any(np.array_equal(hwc[n], x[r]) for r in rows), f"sample {s}"
        originals = (ab == 0).numpy()
        assert np.array_equal(hwc[originals], epochs.rgb_images[ib.numpy()[originals]])
        assert np.array_equal(yb.numpy(), epochs.rgb_labels[ib.numpy()])
        # the documented conversion gives float input a colour conv layer takes
        f = xb.float().div_(255)
        assert f.dtype == torch.float32 and 0 <= float(f.min()) and float(f.max()) <= 1
        assert tuple(conv(f).shape) == (len(xb), 4, 30, 30)
        seen += ib.tolist()
        batches += 1
    assert batches == len(ds)
    assert sorted(seen) == sorted(i.tolist())


def test_torch_batches_are_the_npy_rows_in_order(epochs):
    """One process, no workers: batch k is rows 16k..16k+15 of the shards, channels first."""
    m = preaug.open_epoch(epochs.rgb_root, 0)
    x, _, _ = shard_records(m)
    ds = preaug.torch_dataset(epochs.rgb_root, 16, epoch=0, num_workers=0)
    got = torch.cat([xb for xb, _ in DataLoader(ds, batch_size=None, num_workers=0)])
    assert tuple(got.shape) == (m.records, 3, 32, 32) and got.is_contiguous()
    assert np.array_equal(got.numpy(), x.transpose(0, 3, 1, 2))
    assert np.array_equal(got[:, 1].numpy(), x[..., 1])  # channel 1 is the green band


@pytest.mark.parametrize("which", ["raw", "png"])
def test_tf_dataset_glue_shapes_colour_batches(epochs, monkeypatch, which):
    """tf_dataset's own code over tests/tf_standin.py (the glue only; interop/tensorflow reads
    these shards with the real TensorFlow): batches are [B, 32, 32, 3], the NPY records."""
    import sys
    import tf_standin
    monkeypatch.setitem(sys.modules, "tensorflow", tf_standin.module())
    m = preaug.open_epoch(epochs.rgb_root if which == "raw" else epochs.rgb_png_root, 0)
    x, _, _ = shard_records(m)
    got = collections.Counter()
    for xb, yb in preaug.tf_dataset(m, 16, fields=("images", "labels")):
        assert xb.dtype == np.uint8 and xb.shape[1:] == (32, 32, 3)
        got.update(map(bytes, xb))
    assert got == collections.Counter(map(bytes, x))
