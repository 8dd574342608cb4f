#!/usr/bin/python3
"""An independent reader of one preaug epoch, used by the Java tests.

It shares no code with preaug: NPY shards are opened with numpy (memory-mapped), TFRecord
framing and CRC32C are implemented here from the published format, and examples are parsed by
python3-protobuf from the descriptor set of preaug's .proto. It prints one JSON object
describing what it read and exits non-zero (with the reason on stderr) on any disagreement.

usage: read_epoch.py EPOCH_DIR DESCRIPTOR_SET
"""
import gzip
import json
import pathlib
import struct
import sys

import numpy as np
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(crc):
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def tfrecords(raw, name):
    pos = 0
    n = 0
    while pos < len(raw):
        if pos + 12 > len(raw):
            raise ValueError(f"{name}: truncated header at byte {pos}")
        (length,) = struct.unpack_from("<Q", raw, pos)
        (len_crc,) = struct.unpack_from("<I", raw, pos + 8)
        if masked(crc32c(raw[pos:pos + 8])) != len_crc:
            raise ValueError(f"{name}: record {n}: length CRC mismatch")
        data = raw[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack_from("<I", raw, pos + 12 + length)
        if masked(crc32c(data)) != data_crc:
            raise ValueError(f"{name}: record {n}: data CRC mismatch")
        yield data
        pos += 12 + length + 4
        n += 1


def example_class(desc_path):
    fds = descriptor_pb2.FileDescriptorSet.FromString(pathlib.Path(desc_path).read_bytes())
    pool = descriptor_pool.DescriptorPool()
    for f in fds.file:
        pool.Add(f)
    desc = pool.FindMessageTypeByName("preaug.tfexample.Example")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def main(epoch_dir, desc_path):
    ep = pathlib.Path(epoch_dir)
    if not (ep / "_SUCCESS").exists():
        fail(f"{ep}: no _SUCCESS")
    m = json.loads((ep / "manifest.json").read_text())
    Example = example_class(desc_path)
    h, w, c = m["image"]["height"], m["image"]["width"], m["image"]["channels"]
    copies = (m["copies_original"], m["copies_augmented"])
    seen = {}
    total = 0
    tf_records = 0
    for s in m["shard_list"]:
        n = s["records"]
        files = s["files"]
        rows = None
        if "images" in files:
            x = np.load(ep / files["images"]["file"], mmap_mode="r")
            y = np.load(ep / files["labels"]["file"], mmap_mode="r")
            idx = np.load(ep / files["index"]["file"], mmap_mode="r")
            ops = (ep / files["ops"]["file"]).read_text(encoding="utf-8").split("\n")[:-1]
            want = np.float16 if m["image"]["npy_dtype"] == "float16" else np.uint8
            if x.dtype != want or x.shape != (n, h, w, c):
                fail(f"{files['images']['file']}: {x.dtype} {x.shape}")
            if y.dtype != np.int32 or y.shape != (n,):
                fail(f"{files['labels']['file']}: {y.dtype} {y.shape}")
            if idx.dtype != np.int64 or idx.shape != (n,):
                fail(f"{files['index']['file']}: {idx.dtype} {idx.shape}")
            if len(ops) != n:
                fail(f"{files['ops']['file']}: {len(ops)} lines for {n} records")
            if want == np.float16:
                pixels = np.rint(np.asarray(x, dtype=np.float32) * 255).astype(np.uint8)
                back = (pixels.astype(np.float64) / 255).astype(np.float16)
                if not np.array_equal(back.view(np.uint16), np.asarray(x).view(np.uint16)):
                    fail(f"{files['images']['file']}: float16 values are not v/255")
            else:
                pixels = np.asarray(x)
            rows = [(pixels[j].tobytes(), int(y[j]), int(idx[j]), ops[j]) for j in range(n)]
        if "tfrecord" in files:
            raw = (ep / files["tfrecord"]["file"]).read_bytes()
            if m["tfrecord_compression"] == "gzip":
                raw = gzip.decompress(raw)
            recs = []
            for data in tfrecords(raw, files["tfrecord"]["file"]):
                f = Example.FromString(data).features.feature
                img = f["image"].bytes_list.value[0]
                if m["image"]["tfrecord_encoding"] == "png":
                    from PIL import Image
                    import io
                    img = np.array(Image.open(io.BytesIO(img))).tobytes()
                if (f["height"].int64_list.value[0], f["width"].int64_list.value[0],
                        f["channels"].int64_list.value[0]) != (h, w, c):
                    fail("shape features disagree with the manifest")
                aug = f["augmented"].int64_list.value[0]
                op = f["ops"].bytes_list.value[0].decode("utf-8")
                if aug != (1 if op else 0):
                    fail(f"augmented={aug} but ops={op!r}")
                recs.append((img, f["label"].int64_list.value[0], f["index"].int64_list.value[0], op))
            if len(recs) != n:
                fail(f"{files['tfrecord']['file']}: {len(recs)} records, manifest says {n}")
            tf_records += len(recs)
            if rows is not None and rows != recs:
                bad = next(j for j in range(n) if rows[j] != recs[j])
                fail(f"shard {s['shard']} record {bad}: TFRecord and NPY disagree")
            rows = recs
        for img, label, index, op in rows:
            key = (index, bool(op))
            seen[key] = seen.get(key, 0) + 1
        total += n
    if total != m["records"]:
        fail(f"{total} records, manifest says {m['records']}")
    for i in range(m["samples"]):
        if seen.get((i, False), 0) != copies[0] or seen.get((i, True), 0) != copies[1]:
            fail(f"sample {i}: {seen.get((i, False), 0)} originals, {seen.get((i, True), 0)} augmented")
    print(json.dumps({"records": total, "tfrecord_records": tf_records,
                      "shards": len(m["shard_list"]), "samples": m["samples"]}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
