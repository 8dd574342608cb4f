"""Keras 3: a ``keras.utils.PyDataset`` over NPY shards, one preaug epoch per Keras epoch.

::

    ds = preaug.keras_dataset("OUT", batch_size=256, workers=2)
    model.fit(ds, epochs=30)           # Keras epoch k reads OUT/epoch-(start+k)

All logic is in :class:`preaug.loop.EpochSequence` (no Keras dependency, tested here); the
class below only mixes it into ``PyDataset``. Keras calls ``on_epoch_end`` after each epoch:
the epoch is marked consumed and the next one is opened (waiting for the producer if needed)
when Keras first asks for its length or a batch. With ``use_multiprocessing=True`` Keras sends
the dataset to a fresh worker pool every epoch; the reader pickles without open files.
"""

from __future__ import annotations

from typing import Optional

from .epochs import PathLike
from .loop import EpochSequence

__all__ = ["keras_dataset"]

_cls = None


def _keras_class():
    global _cls
    if _cls is None:
        try:
            import keras
        except ImportError as e:
            raise ImportError("preaug.keras_dataset needs Keras 3 (pip install keras, or "
                              "tensorflow>=2.16 which brings it)") from e
        base = getattr(getattr(keras, "utils", None), "PyDataset", None)
        if base is None:
            raise ImportError(f"keras {getattr(keras, '__version__', '?')} has no "
                              "keras.utils.PyDataset; preaug.keras_dataset needs Keras 3")

        class PreaugPyDataset(EpochSequence, base):
            def __init__(self, root, batch_size, *, workers=1, use_multiprocessing=False,
                         max_queue_size=10, **kwargs):
                EpochSequence.__init__(self, root, batch_size, **kwargs)
                base.__init__(self, workers=workers, use_multiprocessing=use_multiprocessing,
                              max_queue_size=max_queue_size)

            def on_epoch_end(self):
                EpochSequence.on_epoch_end(self)

        # importable by name, so Keras' multiprocessing workers can unpickle it
        PreaugPyDataset.__module__ = __name__
        PreaugPyDataset.__qualname__ = "PreaugPyDataset"
        _cls = PreaugPyDataset
    return _cls


def __getattr__(name):
    if name == "PreaugPyDataset":
        return _keras_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def keras_dataset(root: PathLike, batch_size: int, *, start: Optional[int] = None,
                  workers: int = 1, use_multiprocessing: bool = False, max_queue_size: int = 10,
                  **kwargs):
    """A ``keras.utils.PyDataset`` yielding ``(images, labels)`` batches (uint8
    ``[B, H, W, C]``, int32 ``[B]``) from epoch ``start`` (default: the first unconsumed one),
    moving to the next published epoch at each Keras epoch end.

    Other arguments: those of :class:`preaug.loop.EpochSequence` (``wait``, ``timeout``,
    ``poll``, ``mark``, ``consumer``) and of :class:`preaug.npy.NpyEpochReader` (``rank``,
    ``world_size``, ``drop_last``, ``shuffle_shards``, ``seed``, ``fields``, ...).
    ``workers``/``use_multiprocessing``/``max_queue_size`` are ``PyDataset``'s: reading is
    cheap, so 1 or 2 threads are enough.
    """
    return _keras_class()(root, batch_size, start=start, workers=workers,
                          use_multiprocessing=use_multiprocessing,
                          max_queue_size=max_queue_size, **kwargs)
