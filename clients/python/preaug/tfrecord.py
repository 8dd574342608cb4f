"""TFRecord shards without TensorFlow: framing, CRC checks, tf.train.Example parsing, batches.

Framing (TensorFlow's): per record ``uint64 length`` (little-endian), ``uint32`` masked CRC32C
of those 8 bytes, ``length`` bytes of data, ``uint32`` masked CRC32C of the data. A gzip
file (``output.tfrecord.compression = gzip``) is one gzip stream of the same framing.

Records are serialized ``tf.train.Example`` messages. The message classes are made at import
time from a ``FileDescriptorProto`` built in code (:func:`example_file_descriptor`) in a private
descriptor pool: same messages, field numbers and types as TensorFlow's ``example.proto`` /
``feature.proto`` and as preaug's ``core/src/main/proto/preaug_example.proto`` (a test compares
it with the descriptor set the Java build writes). Needs ``protobuf`` (python3-protobuf), not
TensorFlow; imported lazily, so the NPY path works without protobuf installed.
"""

from __future__ import annotations

import gzip
import struct
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import crc32c as _crc
from .epochs import SCHEMA, Manifest, ManifestError, PathLike, open_epoch
from .sharding import Segment, num_batches, plan

__all__ = [
    "TFRecordError",
    "TFRecordEpochReader",
    "decode_example",
    "example_classes",
    "example_file_descriptor",
    "iter_tfrecords",
    "parse_example",
    "write_tfrecords",
]

_HEADER = struct.Struct("<QI")
_U32 = struct.Struct("<I")
_GZIP_MAGIC = b"\x1f\x8b"
_CHECK_BATCH = 512  # records whose CRCs are checked in one vectorised call


class TFRecordError(ValueError):
    """A TFRecord file breaks the framing: truncated, or a CRC does not match."""


def _open(path: PathLike, compression: str):
    if compression not in ("auto", "none", "gzip", "", None):
        raise ValueError(f"compression must be 'auto', 'none' or 'gzip', got {compression!r}")
    f = open(path, "rb")
    if compression == "auto":
        head = f.read(2)
        f.seek(0)
        compression = "gzip" if head == _GZIP_MAGIC else "none"
    if compression == "gzip":
        return gzip.GzipFile(fileobj=f, mode="rb"), f
    return f, f


def _read_full(f, n: int) -> bytes:
    data = f.read(n)
    if len(data) == n or not data:
        return data
    parts = [data]
    got = len(data)
    while got < n:
        more = f.read(n - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def iter_tfrecords(path: PathLike, check_crc: bool = True, compression: str = "auto",
                   start: int = 0, stop: Optional[int] = None) -> Iterator[bytes]:
    """Yields the data of records ``start`` .. ``stop-1`` of a TFRecord file, in order.

    ``check_crc``: verify both CRCs of every yielded record (vectorised over blocks of records;
    the length CRC of skipped records is checked too). Raises :class:`TFRecordError` naming the
    file, record number and byte offset on any framing error. ``compression``: ``auto``
    (gzip when the file starts with gzip's magic), ``none`` or ``gzip``.
    """
    f, raw = _open(path, compression)
    try:
        pending: List[Tuple[int, int, bytes, int]] = []
        i = 0
        offset = 0
        while stop is None or i < stop:
            head = _read_full(f, 12)
            if not head:
                break
            if len(head) < 12:
                raise TFRecordError(f"{path}: record {i} at byte {offset}: file ends inside the "
                                    f"12-byte length header ({len(head)} bytes left)")
            length, len_crc = _HEADER.unpack(head)
            if check_crc and _crc.mask(_crc.crc32c(head[:8])) != len_crc:
                raise TFRecordError(
                    f"{path}: record {i} at byte {offset}: length CRC mismatch (stored "
                    f"{len_crc:#010x}, computed {_crc.mask(_crc.crc32c(head[:8])):#010x}); "
                    "not a TFRecord file, or corrupt")
            if i < start:
                if f is raw:
                    f.seek(length + 4, 1)
                else:
                    _read_full(f, length + 4)
                offset += 16 + length
                i += 1
                continue
            body = _read_full(f, length + 4)
            if len(body) < length + 4:
                raise TFRecordError(f"{path}: record {i} at byte {offset}: record of {length} "
                                    f"bytes runs past the end of the file")
            data = body[:length]
            if check_crc:
                pending.append((i, offset, data, _U32.unpack_from(body, length)[0]))
                if len(pending) >= _CHECK_BATCH:
                    yield from _checked(path, pending)
                    pending = []
            else:
                yield data
            offset += 16 + length
            i += 1
        if pending:
            yield from _checked(path, pending)
        if stop is not None and i < stop:
            raise TFRecordError(f"{path}: holds {i} records, {stop} expected")
    finally:
        f.close()
        if raw is not f:
            raw.close()


def _checked(path, pending) -> Iterator[bytes]:
    crcs = _crc.mask_many(_crc.crc32c_many([p[2] for p in pending]))
    stored = np.fromiter((p[3] for p in pending), dtype=np.uint32, count=len(pending))
    bad = np.nonzero(crcs != stored)[0]
    if len(bad):
        i, off, data, st = pending[bad[0]]
        raise TFRecordError(f"{path}: record {i} at byte {off}: data CRC mismatch (stored "
                            f"{st:#010x}, computed {int(crcs[bad[0]]):#010x}); corrupt record")
    for p in pending:
        yield p[2]


def frame_record(data: bytes) -> bytes:
    """One record in TFRecord framing (used by tests and tools)."""
    head = struct.pack("<Q", len(data))
    return head + _U32.pack(_crc.masked_crc32c(head)) + data + _U32.pack(_crc.masked_crc32c(data))


def write_tfrecords(path: PathLike, records: Sequence[bytes]) -> None:
    with open(path, "wb") as f:
        for r in records:
            f.write(frame_record(r))


# --- tf.train.Example -----------------------------------------------------------------------

_PACKAGE = "preaug.tfexample"
_classes = None


def example_file_descriptor():
    """The FileDescriptorProto of preaug's tf.train.Example copy (``preaug_example.proto``)."""
    from google.protobuf import descriptor_pb2 as d

    F = d.FieldDescriptorProto
    fdp = d.FileDescriptorProto(name="preaug_example.proto", package=_PACKAGE, syntax="proto3")

    def field(msg, name, number, ftype, label=F.LABEL_OPTIONAL, type_name=None, json=None,
              packed=False, oneof=None):
        f = msg.field.add(name=name, number=number, type=ftype, label=label,
                          json_name=json or name)
        if type_name:
            f.type_name = f".{_PACKAGE}.{type_name}"
        if packed:
            f.options.packed = True
        if oneof is not None:
            f.oneof_index = oneof
        return f

    m = fdp.message_type.add(name="BytesList")
    field(m, "value", 1, F.TYPE_BYTES, F.LABEL_REPEATED)
    m = fdp.message_type.add(name="FloatList")
    field(m, "value", 1, F.TYPE_FLOAT, F.LABEL_REPEATED, packed=True)
    m = fdp.message_type.add(name="Int64List")
    field(m, "value", 1, F.TYPE_INT64, F.LABEL_REPEATED, packed=True)
    m = fdp.message_type.add(name="Feature")
    field(m, "bytes_list", 1, F.TYPE_MESSAGE, type_name="BytesList", json="bytesList", oneof=0)
    field(m, "float_list", 2, F.TYPE_MESSAGE, type_name="FloatList", json="floatList", oneof=0)
    field(m, "int64_list", 3, F.TYPE_MESSAGE, type_name="Int64List", json="int64List", oneof=0)
    m.oneof_decl.add(name="kind")
    m = fdp.message_type.add(name="Features")
    field(m, "feature", 1, F.TYPE_MESSAGE, F.LABEL_REPEATED, type_name="Features.FeatureEntry")
    e = m.nested_type.add(name="FeatureEntry")
    field(e, "key", 1, F.TYPE_STRING)
    field(e, "value", 2, F.TYPE_MESSAGE, type_name="Feature")
    e.options.map_entry = True
    m = fdp.message_type.add(name="Example")
    field(m, "features", 1, F.TYPE_MESSAGE, type_name="Features")
    return fdp


def example_classes() -> Dict[str, type]:
    """Message classes ``Example``, ``Features``, ``Feature``, ``BytesList``, ``Int64List``,
    ``FloatList`` (made once, in a private descriptor pool)."""
    global _classes
    if _classes is None:
        try:
            from google.protobuf import descriptor_pool, message_factory
        except ImportError as e:  # pragma: no cover - depends on the host
            raise ImportError("preaug's TFRecord parser needs protobuf (Debian: apt-get install "
                              "python3-protobuf; pip: protobuf)") from e
        pool = descriptor_pool.DescriptorPool()
        pool.Add(example_file_descriptor())
        out = {}
        for name in ("Example", "Features", "Feature", "BytesList", "Int64List", "FloatList"):
            desc = pool.FindMessageTypeByName(f"{_PACKAGE}.{name}")
            get = getattr(message_factory, "GetMessageClass", None)
            if get is not None:
                out[name] = get(desc)
            else:
                out[name] = message_factory.MessageFactory(pool).GetPrototype(desc)
        _classes = out
    return _classes


def parse_example(data: bytes) -> Dict[str, list]:
    """A serialized tf.train.Example as ``{feature: list of values}`` (bytes, int or float)."""
    ex = example_classes()["Example"].FromString(data)
    out = {}
    for key, feat in ex.features.feature.items():
        kind = feat.WhichOneof("kind")
        out[key] = list(getattr(feat, kind).value) if kind else []
    return out


# The int64 features, as epoch_format.json lists them.
_SCALARS = tuple(f["name"] for f in SCHEMA["example_features"] if f["type"] == "int64")


def decode_example(data: bytes) -> Dict[str, Union[bytes, int, str]]:
    """A preaug record as plain values: ``image`` (bytes), ``label``, ``index``, ``augmented``,
    ``height``, ``width``, ``channels`` (int) and ``ops`` (str)."""
    ex = example_classes()["Example"].FromString(data)
    feat = ex.features.feature
    out: Dict[str, Union[bytes, int, str]] = {"image": feat["image"].bytes_list.value[0]}
    for k in _SCALARS:
        out[k] = feat[k].int64_list.value[0]
    out["ops"] = feat["ops"].bytes_list.value[0].decode("utf-8")
    return out


def _png_decoder():
    try:
        from PIL import Image
    except ImportError as e:
        raise ImportError("this epoch stores PNG images in its TFRecords; decoding them "
                          "without TensorFlow needs Pillow (python3-pil)") from e
    import io

    def decode(b: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(b)))

    return decode


class TFRecordEpochReader:
    """Batches from an epoch's TFRecord shards in pure Python (protobuf, no TensorFlow).

    Same arguments and the same batches as :class:`preaug.npy.NpyEpochReader` (same slot
    plan, same record order), so either format can feed the same loop; this one streams only
    (no random access). ``check_crc`` verifies every record's CRCs.
    """

    def __init__(self, epoch: Union[Manifest, PathLike], batch_size: int, *, rank: int = 0,
                 world_size: int = 1, worker_id: int = 0, num_workers: int = 1,
                 split: str = "records", even: bool = False, shuffle_shards: bool = False,
                 seed: int = 0, drop_last: bool = False,
                 fields: Sequence[str] = ("images", "labels"), check_crc: bool = True):
        man = epoch if isinstance(epoch, Manifest) else open_epoch(epoch)
        if not man.has_format("tfrecord"):
            raise ManifestError(f"{man.path}: epoch has no TFRecord shards (formats: "
                                f"{', '.join(man.formats)})")
        from .npy import FIELDS
        fields = tuple(fields)
        if not fields or any(f not in FIELDS for f in fields):
            raise ValueError(f"fields must be a non-empty subset of {FIELDS}, got {fields}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.manifest = man
        self.batch_size = int(batch_size)
        self.drop_last = bool(drop_last)
        self.fields = fields
        self.check_crc = check_crc
        self.segments: List[Segment] = plan(
            man.shard_records, rank, world_size, worker_id, num_workers, split=split,
            shuffle_shards=shuffle_shards, seed=seed, epoch=man.epoch, even=even)
        self.num_records = sum(s.records for s in self.segments)
        self._compression = "gzip" if man.tfrecord_compression == "gzip" else "none"

    @property
    def epoch(self) -> int:
        return self.manifest.epoch

    def __len__(self) -> int:
        return num_batches(self.num_records, self.batch_size, self.drop_last)

    def records(self) -> Iterator[bytes]:
        """Serialized records of this slot, in order."""
        for seg in self.segments:
            yield from iter_tfrecords(self.manifest.file(seg.shard, "tfrecord"), self.check_crc,
                                      self._compression, seg.start, seg.stop)

    def __iter__(self):
        man = self.manifest
        shape = man.image_shape
        row = int(np.prod(shape))
        png = _png_decoder() if man.tfrecord_encoding == "png" else None
        Example = example_classes()["Example"]
        f = self.fields
        B = self.batch_size
        total = self.num_records
        done = 0
        it = self.records()
        while done < total:
            b = min(B, total - done)
            if b < B and self.drop_last:
                return
            images = np.empty((b,) + shape, dtype=np.uint8) if "images" in f else None
            flat = images.reshape(b, row) if images is not None else None
            labels = np.empty(b, dtype=np.int32) if "labels" in f else None
            index = np.empty(b, dtype=np.int64) if "index" in f else None
            augmented = np.empty(b, dtype=np.uint8) if "augmented" in f else None
            ops = [] if "ops" in f else None
            for j in range(b):
                feat = Example.FromString(next(it)).features.feature
                if flat is not None:
                    img = feat["image"].bytes_list.value[0]
                    if png is None:
                        if len(img) != row:
                            raise TFRecordError(f"{man.path}: record {done + j} of this slot has "
                                                f"{len(img)} image bytes, expected {row}")
                        flat[j] = np.frombuffer(img, dtype=np.uint8)
                    else:
                        px = png(img)
                        if px.reshape(px.shape[0], px.shape[1], -1).shape != shape:
                            raise TFRecordError(
                                f"{man.path}: record {done + j} of this slot: its PNG is "
                                f"{'x'.join(map(str, px.shape))} (HxW[xC]), the manifest's "
                                f"image is {'x'.join(map(str, shape))}")
                        flat[j] = px.reshape(row)
                if labels is not None:
                    labels[j] = feat["label"].int64_list.value[0]
                if index is not None:
                    index[j] = feat["index"].int64_list.value[0]
                if augmented is not None:
                    augmented[j] = feat["augmented"].int64_list.value[0]
                if ops is not None:
                    ops.append(feat["ops"].bytes_list.value[0].decode("utf-8"))
            done += b
            out = {"images": images, "labels": labels, "index": index,
                   "augmented": augmented, "ops": ops}
            yield out[f[0]] if len(f) == 1 else tuple(out[k] for k in f)
