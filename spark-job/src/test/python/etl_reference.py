#!/usr/bin/python3
"""Synthetic ETL9G trees and the seed's reference pipeline, for the Java tests.

make ROOT FILES RECORDS SEED   writes ROOT/ETL9G/ETL9G_01.. (record layout >H2s8sI4B4H2B34x8128s7x,
                               128x127 4-bit pixels) and ROOT/ETL9G/ETL9GINFO with their counts.
check ROOT EPOCH GROUP         recomputes, with numpy alone, what the seed's pipeline fed its model
                               for every kept record (nearest resize with floor((i+0.5)*src/64),
                               /15 as float16, np.uint8(x*255)) and compares it with the original
                               copies in a published epoch's NPY shards; class ids by sorted label.
Written from the published layout, independent of preaug's Java decoder.
"""
import json
import pathlib
import struct
import sys

import numpy as np

KANJI = [(0x30, 0x21 + k) for k in range(40)]           # 亜 唖 娃 ...
HIRAGANA = [(0x24, 0x22 + 2 * k) for k in range(6)]     # あ い う ...


def make(root, files, records, seed):
    rng = np.random.default_rng(seed)
    d = pathlib.Path(root) / "ETL9G"
    d.mkdir(parents=True, exist_ok=True)
    codes = KANJI + HIRAGANA
    info = []
    for f in range(1, files + 1):
        out = bytearray()
        for r in range(records):
            c = codes[rng.integers(len(codes))]
            levels = rng.integers(0, 16, size=(127, 128), dtype=np.uint8)
            levels[rng.random((127, 128)) < 0.6] = 0
            packed = (levels[:, 0::2] << 4) | levels[:, 1::2]
            rec = struct.pack(">H2s8sI4B4H2B34x8128s7x", r + 1, bytes(c), b"TEST9G  ", 1,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, packed.tobytes())
            assert len(rec) == 8199
            out += rec
        name = f"ETL9G_{f:02d}"
        (d / name).write_bytes(bytes(out))
        info.append(f"{name} (F,8199,8199,9G) ({records}record) ({len(out)}byte)")
    (d / "ETL9GINFO").write_text("\n".join(info) + "\n")


def label_of(b1, b2):
    return bytes([0x1B, 0x24, 0x42, b1, b2, 0x1B, 0x28, 0x42]).decode("iso2022_jp")


def reference(root, group):
    files = sorted((pathlib.Path(root) / "ETL9G").glob("ETL9G_[0-9]*"))
    ys = np.floor((np.arange(64) + 0.5) * 127 / 64).astype(int)
    xs = np.floor((np.arange(64) + 0.5) * 128 / 64).astype(int)
    images, labels = [], []
    for f in files:
        raw = f.read_bytes()
        for off in range(0, len(raw), 8199):
            _, jis, *_ = struct.unpack(">H2s8sI4B4H2B34x8128s7x", raw[off:off + 8199])[:3]
            label = label_of(jis[0], jis[1])
            if group == "kanji" and not ("\u4e00" <= label <= "\u9faf"):
                continue
            img = np.frombuffer(raw[off + 64:off + 64 + 8128], dtype=np.uint8)
            levels = np.empty(128 * 127, dtype=np.uint8)
            levels[0::2] = img >> 4
            levels[1::2] = img & 15
            levels = levels.reshape(127, 128)[ys][:, xs]
            x = (levels / 15).astype(np.float16)
            images.append(np.uint8(x * 255))
            labels.append(label)
    return images, labels


def check(root, epoch, group):
    images, labels = reference(root, group)
    vocab = sorted(set(labels))
    ep = pathlib.Path(epoch)
    written = (ep / "labels.txt").read_text(encoding="utf-8").split("\n")[:-1]
    if written != vocab:
        sys.exit(f"labels.txt differs from sorted labels: {written[:5]} vs {vocab[:5]}")
    m = json.loads((ep / "manifest.json").read_text())
    if m["samples"] != len(images):
        sys.exit(f"manifest samples {m['samples']} != reference {len(images)}")
    seen = 0
    for s in m["shard_list"]:
        fs = s["files"]
        x = np.load(ep / fs["images"]["file"], mmap_mode="r")
        y = np.load(ep / fs["labels"]["file"], mmap_mode="r")
        idx = np.load(ep / fs["index"]["file"], mmap_mode="r")
        ops = (ep / fs["ops"]["file"]).read_text(encoding="utf-8").split("\n")[:-1]
        for j in range(len(ops)):
            if ops[j]:
                continue
            i = int(idx[j])
            if int(y[j]) != vocab.index(labels[i]):
                sys.exit(f"sample {i}: label id {int(y[j])}, reference {vocab.index(labels[i])}")
            if not np.array_equal(x[j, :, :, 0], images[i]):
                diff = np.argwhere(x[j, :, :, 0] != images[i])[0]
                sys.exit(f"sample {i}: pixel {tuple(diff)} is {x[j, :, :, 0][tuple(diff)]},"
                         f" reference {images[i][tuple(diff)]}")
            seen += 1
    if seen != len(images):
        sys.exit(f"{seen} originals checked, reference has {len(images)}")
    print(json.dumps({"samples": len(images), "classes": len(vocab)}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4])
