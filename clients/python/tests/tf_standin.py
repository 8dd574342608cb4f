"""A minimal stand-in for the part of TensorFlow that ``preaug.tf_data`` calls.

Not TensorFlow: an eager, numpy-backed imitation of the documented behaviour of the calls
``tf_dataset`` makes (same names and keyword arguments), so its pipeline wiring -- file plan,
interleave, skip/take, batch, parse, decode, reshape, cast -- can be checked end to end against
real epochs where TensorFlow is not installed. Records are read with preaug's own TFRecord
reader and parsed with protobuf.
"""

from __future__ import annotations

import io as _io
import types
from collections import namedtuple

import numpy as np

import preaug

int32, int64, uint8 = np.int32, np.int64, np.uint8
string = object


def constant(value, dtype=None, shape=None, name="Const"):
    return np.array(value, dtype=object if dtype is string else dtype)


def reshape(tensor, shape, name=None):
    return np.reshape(tensor, shape)


def cast(x, dtype, name=None):
    return np.asarray(x).astype(dtype)


def ensure_shape(x, shape, name=None):
    assert tuple(np.shape(x)) == tuple(shape), (np.shape(x), shape)
    return x


def _text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def _stack(items):
    first = items[0]
    if isinstance(first, dict):
        return {k: _stack([it[k] for it in items]) for k in first}
    if isinstance(first, tuple):
        return tuple(_stack([it[i] for it in items]) for i in range(len(first)))
    if isinstance(first, (bytes, str)):
        return np.array(items, dtype=object)
    return np.stack([np.asarray(it) for it in items])


def _call(fn, element):
    return fn(*element) if isinstance(element, tuple) else fn(element)


class Dataset:
    def __init__(self, gen):
        self._gen = gen

    def __iter__(self):
        return iter(self._gen())

    @staticmethod
    def from_tensor_slices(tensors, name=None):
        cols = tensors if isinstance(tensors, tuple) else (tensors,)

        def gen():
            for i in range(len(cols[0])):
                row = tuple(c[i] for c in cols)
                yield row if isinstance(tensors, tuple) else row[0]
        return Dataset(gen)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None, name=None):
        cycle, block = cycle_length or 1, block_length or 1

        def gen():
            inputs = iter(self)
            slots = []
            for e in inputs:
                slots.append(iter(_call(map_func, e)))
                if len(slots) == cycle:
                    break
            k = 0
            while slots:
                k %= len(slots)
                out = []
                for _ in range(block):
                    try:
                        out.append(next(slots[k]))
                    except StopIteration:
                        break
                yield from out
                if len(out) < block:  # exhausted: the next input takes its place
                    nxt = next(inputs, None)
                    if nxt is None:
                        slots.pop(k)
                        continue
                    slots[k] = iter(_call(map_func, nxt))
                    continue
                k += 1
        return Dataset(gen)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        return Dataset(lambda: (_call(map_func, e) for e in self))

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        def gen():
            buf = []
            for e in self:
                buf.append(e)
                if len(buf) == batch_size:
                    yield _stack(buf)
                    buf = []
            if buf and not drop_remainder:
                yield _stack(buf)
        return Dataset(gen)

    def skip(self, count, name=None):
        return Dataset(lambda: (e for i, e in enumerate(self) if i >= int(count)))

    def take(self, count, name=None):
        def gen():
            for i, e in enumerate(self):
                if i >= int(count):
                    return
                yield e
        return Dataset(gen)

    def prefetch(self, buffer_size, name=None):
        return self

    def with_options(self, options, name=None):
        assert isinstance(options, Options)
        self.options = options
        return self


def TFRecordDataset(filenames, compression_type=None, buffer_size=None,
                     num_parallel_reads=None, name=None):
    comp = {"GZIP": "gzip", "": "none", None: "none"}[compression_type]
    path = _text(filenames.item() if isinstance(filenames, np.ndarray) else filenames)
    return Dataset(lambda: preaug.iter_tfrecords(path, check_crc=True, compression=comp))


class Options:
    def __init__(self):
        self.experimental_distribute = types.SimpleNamespace(auto_shard_policy=None)
        self.deterministic = None


FixedLenFeature = namedtuple("FixedLenFeature", "shape dtype default_value",
                             defaults=(None,))


def _parse_one(serialized, features):
    got = preaug.parse_example(serialized)
    out = {}
    for k, spec in features.items():
        assert list(spec.shape) == [] and len(got[k]) == 1, k
        v = got[k][0]
        out[k] = v if spec.dtype is string else np.int64(v)
    return out


def parse_single_example(serialized, features, example_names=None, name=None):
    return _parse_one(serialized, features)


def parse_example(serialized, features, example_names=None, name=None):
    return _stack([_parse_one(s, features) for s in serialized])


def decode_raw(input_bytes, out_type, little_endian=True, fixed_length=None, name=None):
    if isinstance(input_bytes, np.ndarray):
        return np.stack([np.frombuffer(b, dtype=out_type) for b in input_bytes])
    return np.frombuffer(input_bytes, dtype=out_type)


def decode_png(contents, channels=0, dtype=uint8, name=None):
    from PIL import Image
    a = np.asarray(Image.open(_io.BytesIO(contents)))
    return a.reshape(a.shape[0], a.shape[1], -1)


def module():
    """The stand-in as a module object, for ``sys.modules["tensorflow"]``."""
    tf = types.ModuleType("tensorflow")
    for k in ("int32", "int64", "uint8", "string", "constant", "reshape", "cast",
              "ensure_shape"):
        setattr(tf, k, globals()[k])
    tf.io = types.SimpleNamespace(FixedLenFeature=FixedLenFeature, parse_example=parse_example,
                                  parse_single_example=parse_single_example,
                                  decode_raw=decode_raw, decode_png=decode_png)
    tf.data = types.SimpleNamespace(
        Dataset=Dataset, TFRecordDataset=TFRecordDataset, Options=Options, AUTOTUNE=-1,
        experimental=types.SimpleNamespace(AutoShardPolicy=types.SimpleNamespace(OFF="OFF")))
    return tf
