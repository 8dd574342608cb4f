"""Training epoch after epoch, each from its own published directory.

::

    for epoch, batches in preaug.epochs("OUT", count=30, batch_size=256):
        for images, labels in batches:
            ...

waits for each epoch's ``_SUCCESS`` (the producer may still be writing it) and marks the
previous epoch consumed (``OUT/_consumed/epoch-NNNNN``) when the loop asks for the next one.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional, Tuple

from .epochs import (Manifest, PathLike, consumed_epochs, is_published, list_epochs,
                     mark_consumed, open_epoch, wait_for_epoch)

__all__ = ["epochs", "first_unconsumed_epoch", "EpochSequence"]


def first_unconsumed_epoch(root: PathLike) -> int:
    """Where to resume: one past the highest consumed mark; else the lowest published epoch;
    else 0."""
    done = consumed_epochs(root)
    if done:
        return done[-1] + 1
    have = list_epochs(root)
    return have[0] if have else 0


def _npy_reader(**kw) -> Callable[[Manifest], Any]:
    from .npy import NpyEpochReader

    def make(man: Manifest):
        return NpyEpochReader(man, **kw)

    return make


def epochs(root: PathLike, start: Optional[int] = None, count: Optional[int] = None, *,
           wait: bool = True, timeout: Optional[float] = None, poll: float = 5.0,
           mark: Optional[bool] = None, consumer: Optional[str] = None,
           reader: Optional[Callable[[Manifest], Any]] = None,
           **reader_kwargs) -> Iterator[Tuple[int, Any]]:
    """Yields ``(epoch, batches)`` for epochs ``start, start+1, ...``.

    Args:
        root: the producer's output directory (holds ``epoch-NNNNN``).
        start: first epoch; default :func:`first_unconsumed_epoch`.
        count: how many epochs; None = until stopped (or, with ``wait=False``, until the next
            epoch is not published).
        wait: wait for an epoch that is not published yet (``timeout`` seconds per epoch,
            None = forever, polling every ``poll`` seconds); raises ``TimeoutError`` when it
            runs out. With ``wait=False`` the loop ends at the first unpublished epoch.
        mark: write the consumed mark of an epoch when the loop moves past it (also after the
            last one when ``count`` ends the loop; not when the caller breaks out). Default:
            only on rank 0 (``reader_kwargs["rank"]``), so one mark per epoch.
        reader: ``Manifest -> batches`` factory; default
            ``NpyEpochReader(manifest, **reader_kwargs)`` (so pass ``batch_size=...`` etc.).
            Use it for the TFRecord reader, ``tf_dataset`` or a framework adapter.
    """
    if reader is None:
        if "batch_size" not in reader_kwargs:
            raise TypeError("epochs() needs batch_size=... for the default NPY reader "
                            "(or a reader= factory)")
        reader = _npy_reader(**reader_kwargs)
    elif reader_kwargs:
        raise TypeError(f"reader_kwargs {sorted(reader_kwargs)} are for the default reader; "
                        "bind them in your reader= factory")
    if mark is None:
        mark = int(reader_kwargs.get("rank", 0)) == 0
    e = first_unconsumed_epoch(root) if start is None else int(start)
    n = 0
    while count is None or n < count:
        if wait:
            man = wait_for_epoch(root, e, timeout=timeout, poll=poll)
        elif is_published(root, e):
            man = open_epoch(root, e)
        else:
            return
        yield e, reader(man)
        if mark:
            mark_consumed(root, e, consumer)
        e += 1
        n += 1


class EpochSequence:
    """Index-addressable batches that move to the next published epoch at each epoch end.

    The framework-free core of the Keras ``PyDataset`` adapter: ``len()`` is the batch count
    of the current epoch, ``seq[i]`` is batch ``i`` of it, and :meth:`on_epoch_end` marks the
    epoch consumed and moves to the next one. The next epoch is opened lazily (on the next
    ``len()``/``seq[i]``), waiting for it when ``wait``, so the end of the last training epoch
    never waits for an epoch nobody will read.

    Every epoch must have the same number of batches (Keras fixes steps per epoch once);
    a different count raises ``ValueError``.
    """

    def __init__(self, root: PathLike, batch_size: int, *, start: Optional[int] = None,
                 wait: bool = True, timeout: Optional[float] = None, poll: float = 5.0,
                 mark: Optional[bool] = None, consumer: Optional[str] = None,
                 **reader_kwargs):
        self.root = root
        self.batch_size = batch_size
        self.epoch = first_unconsumed_epoch(root) if start is None else int(start)
        self.wait = wait
        self.timeout = timeout
        self.poll = poll
        self.mark = (int(reader_kwargs.get("rank", 0)) == 0) if mark is None else mark
        self.consumer = consumer
        self.reader_kwargs = reader_kwargs
        self._reader = None
        self._batches = None  # the count fixed by the first epoch

    def _current(self):
        if self._reader is None:
            from .npy import NpyEpochReader
            if self.wait:
                man = wait_for_epoch(self.root, self.epoch, timeout=self.timeout, poll=self.poll)
            else:
                man = open_epoch(self.root, self.epoch)
            r = NpyEpochReader(man, self.batch_size, **self.reader_kwargs)
            if self._batches is not None and len(r) != self._batches:
                raise ValueError(
                    f"epoch {self.epoch} has {len(r)} batches but earlier epochs had "
                    f"{self._batches}; all epochs read by one fit() must have the same record "
                    "count (same producer config)")
            self._batches = len(r)
            self._reader = r
        return self._reader

    def __len__(self) -> int:
        return len(self._current())

    def __getitem__(self, i: int):
        return self._current().batch(i)

    def on_epoch_end(self):
        if self.mark:
            mark_consumed(self.root, self.epoch, self.consumer)
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self.epoch += 1
