"""preaug's trainer-side reader: stream published epochs into training.

numpy is the only hard dependency. TFRecord parsing needs protobuf; ``tf_dataset``,
``keras_dataset`` and ``torch_dataset`` import TensorFlow / Keras / PyTorch only when called.
See docs/training.md for recipes and docs/formats.md for the on-disk contract.
"""

from .epochs import (EpochNotFoundError, FileEntry, Manifest, ManifestError, ShardEntry,
                     consumed_epochs, consumed_info, epoch_dir, epoch_dir_name, is_published,
                     latest_epoch, list_epochs, mark_consumed, open_epoch, read_manifest,
                     wait_for_epoch)
from .loop import EpochSequence, epochs, first_unconsumed_epoch
from .npy import NpyEpochReader
from .sharding import Segment, plan, shard_order
from .tfrecord import (TFRecordEpochReader, TFRecordError, decode_example, iter_tfrecords,
                       parse_example)

__version__ = "0.1.0"

__all__ = [
    "EpochNotFoundError", "EpochSequence", "FileEntry", "Manifest", "ManifestError",
    "NpyEpochReader", "Segment", "ShardEntry", "TFRecordEpochReader", "TFRecordError",
    "consumed_epochs", "consumed_info", "decode_example", "epoch_dir", "epoch_dir_name",
    "epochs", "first_unconsumed_epoch", "is_published", "iter_tfrecords", "keras_dataset",
    "latest_epoch", "list_epochs", "mark_consumed", "open_epoch", "parse_example", "plan",
    "read_manifest", "shard_order", "tf_dataset", "torch_dataset", "wait_for_epoch",
]


def tf_dataset(*args, **kwargs):
    """``tf.data`` pipeline over TFRecord shards; see :func:`preaug.tf_data.tf_dataset`."""
    from .tf_data import tf_dataset as f
    return f(*args, **kwargs)


def keras_dataset(*args, **kwargs):
    """Keras 3 ``PyDataset``; see :func:`preaug.keras_adapter.keras_dataset`."""
    from .keras_adapter import keras_dataset as f
    return f(*args, **kwargs)


def torch_dataset(*args, **kwargs):
    """PyTorch ``IterableDataset``; see :func:`preaug.torch_adapter.torch_dataset`."""
    from .torch_adapter import torch_dataset as f
    return f(*args, **kwargs)
