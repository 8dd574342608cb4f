"""TensorFlow: a ``tf.data`` pipeline over an epoch's TFRecord shards.

Written against the documented ``tf.data`` / ``tf.io`` API (TensorFlow 2.x); TensorFlow is not
installed where preaug is tested, so this module is not executed by the test suite. What it
relies on that *is* tested: the shard plan (:func:`preaug.sharding.plan`), the manifest, and the
feature spec (:data:`FEATURE_SPEC` names, checked against real records with protobuf).

Pipeline: the rank's ``(file, first record, count)`` list -> ``interleave`` of
``TFRecordDataset(file).skip(first).take(count)`` -> ``batch`` -> ``tf.io.parse_example`` on
the whole batch (one vectorised parse instead of one per record) -> ``decode_raw`` + reshape
-> ``prefetch``. PNG epochs decode per record before batching.
"""

from __future__ import annotations

from typing import Optional, Sequence, Union

from .epochs import Manifest, PathLike, open_epoch
from .sharding import plan

__all__ = ["tf_dataset", "FEATURE_SPEC", "tf_file_plan"]

#: feature name -> (kind, dtype) of ``tf.io.FixedLenFeature([], dtype)``
FEATURE_SPEC = {
    "image": "string",
    "label": "int64",
    "index": "int64",
    "augmented": "int64",
    "ops": "string",
    "height": "int64",
    "width": "int64",
    "channels": "int64",
}


def tf_file_plan(man: Manifest, rank: int = 0, world_size: int = 1, *, split: str = "shards",
                 shuffle_shards: bool = False, seed: int = 0, even: bool = False):
    """``(files, starts, counts)`` lists this rank reads (framework-free; tested)."""
    segs = plan(man.shard_records, rank, world_size, split=split,
                shuffle_shards=shuffle_shards, seed=seed, epoch=man.epoch, even=even)
    files = [str(man.file(s.shard, "tfrecord")) for s in segs]
    return files, [s.start for s in segs], [s.records for s in segs]


def _tf():
    try:
        import tensorflow as tf
    except ImportError as e:
        raise ImportError("preaug.tf_dataset needs TensorFlow (pip install tensorflow); "
                          "without it use preaug.TFRecordEpochReader or the NPY reader") from e
    return tf


def tf_dataset(epoch: Union[Manifest, PathLike], batch_size: int, *, rank: int = 0,
               world_size: int = 1, split: str = "shards", even: bool = False,
               shuffle_shards: bool = False, seed: int = 0, drop_last: bool = False,
               fields: Sequence[str] = ("image", "label"), cycle_length: Optional[int] = None,
               deterministic: bool = True, read_buffer_bytes: int = 8 << 20,
               prefetch: Optional[int] = None):
    """A ``tf.data.Dataset`` of batches from one published epoch's TFRecord shards.

    Yields ``(images, labels)`` -- uint8 ``[B, H, W, C]`` and int32 ``[B]`` -- for the default
    ``fields``; with other fields (names as in :data:`FEATURE_SPEC`) a dict of them.

    ``rank``/``world_size``: this replica's share (whole shards round-robin with
    ``split="shards"``; contiguous record ranges with ``split="records"``, read with
    ``skip``/``take``). tf.distribute's own auto-sharding is switched off, since the split is
    done here. ``drop_last`` maps to ``drop_remainder``.
    """
    tf = _tf()
    man = epoch if isinstance(epoch, Manifest) else open_epoch(epoch)
    if not man.has_format("tfrecord"):
        raise ValueError(f"{man.path}: epoch has no TFRecord shards")
    # the NPY readers' plural names are accepted too
    fields = tuple({"images": "image", "labels": "label"}.get(f, f) for f in fields)
    bad = [f for f in fields if f not in FEATURE_SPEC]
    if bad:
        raise ValueError(f"unknown fields {bad}; choose from {sorted(FEATURE_SPEC)}")
    files, starts, counts = tf_file_plan(man, rank, world_size, split=split,
                                         shuffle_shards=shuffle_shards, seed=seed, even=even)
    if not files:
        raise ValueError(f"rank {rank} of {world_size} gets no shards of {man.path} "
                         f"({man.shards} shards); use split='records' or fewer ranks")
    h, w, c = man.image_shape
    compression = "GZIP" if man.tfrecord_compression == "gzip" else ""
    png = man.tfrecord_encoding == "png"
    autotune = tf.data.AUTOTUNE
    dtypes = {"string": tf.string, "int64": tf.int64}
    spec = {k: tf.io.FixedLenFeature([], dtypes[v]) for k, v in FEATURE_SPEC.items()
            if k in fields or k == "image" and png}

    def read_file(path, start, count):
        ds = tf.data.TFRecordDataset(path, compression_type=compression,
                                     buffer_size=read_buffer_bytes)
        return ds.skip(start).take(count)

    plan_ds = tf.data.Dataset.from_tensor_slices(
        (tf.constant(files, tf.string), tf.constant(starts, tf.int64),
         tf.constant(counts, tf.int64)))
    ds = plan_ds.interleave(read_file, cycle_length=cycle_length or min(len(files), 8),
                            block_length=1, num_parallel_calls=autotune,
                            deterministic=deterministic)

    def to_output(ex):
        out = {k: (tf.cast(ex[k], tf.int32) if k == "label" else ex[k]) for k in fields}
        if fields == ("image", "label"):
            return out["image"], out["label"]
        return out

    if png:
        # decode each PNG before batching (decode_png works on one image at a time)
        def parse_one(rec):
            ex = tf.io.parse_single_example(rec, spec)
            ex["image"] = tf.ensure_shape(tf.io.decode_png(ex["image"], channels=c), [h, w, c])
            return ex

        ds = ds.map(parse_one, num_parallel_calls=autotune, deterministic=deterministic)
        ds = ds.batch(batch_size, drop_remainder=drop_last)
        ds = ds.map(to_output, num_parallel_calls=autotune, deterministic=deterministic)
    else:
        # batch the serialized records, then one vectorised parse per batch
        def parse_batch(recs):
            ex = tf.io.parse_example(recs, spec)
            if "image" in ex:
                ex["image"] = tf.reshape(tf.io.decode_raw(ex["image"], tf.uint8), [-1, h, w, c])
            return to_output(ex)

        ds = ds.batch(batch_size, drop_remainder=drop_last)
        ds = ds.map(parse_batch, num_parallel_calls=autotune, deterministic=deterministic)
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.OFF
    options.deterministic = deterministic
    ds = ds.with_options(options)
    return ds.prefetch(prefetch if prefetch is not None else autotune)
