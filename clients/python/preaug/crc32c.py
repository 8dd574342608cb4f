"""CRC32C (Castagnoli) in pure Python and numpy, plus TFRecord's masked form.

Two implementations with the same answers:

* :func:`crc32c` -- a plain byte-at-a-time table loop. Slow (a few MB/s) but obviously right;
  used for single values and as the reference in tests.
* :func:`crc32c_many` -- numpy, for many messages at once. CRC is linear over GF(2), which
  gives three facts it relies on:

  1. the *raw* CRC (register starts at 0, no final xor) ignores leading zero bytes, so
     messages of different lengths can be left-padded with zeros to one common length;
  2. the standard CRC of a message of length ``n`` is the raw CRC xor a constant that
     depends only on ``n`` (the effect of the initial ``0xFFFFFFFF`` pushed through ``n``
     bytes, and the final xor), cached per length;
  3. ``raw(A || B) = shift_len(B)(raw(A)) xor raw(B)`` with ``shift`` a linear map, so a
     message can be cut into equal chunks whose raw CRCs are computed side by side and then
     folded together.

  The per-chunk loop consumes four bytes per step using two 65,536-entry tables (the effect
  of the low and high halves of the register after four bytes), so each numpy operation works
  on one 32-bit word of every chunk of every message at once. It checks a few hundred MB/s
  on one core, which is what makes CRC checking affordable in a pure-Python TFRecord reader.
"""

from __future__ import annotations

import functools
from typing import Sequence

import numpy as np

__all__ = ["crc32c", "crc32c_many", "masked_crc32c", "mask", "unmask"]

_POLY = 0x82F63B78  # Castagnoli, reflected


def _byte_table() -> np.ndarray:
    t = np.zeros(256, dtype=np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        t[i] = c
    return t


_T8 = _byte_table()
_T8_LIST = [int(v) for v in _T8]


def crc32c(data, value: int = 0) -> int:
    """CRC32C of ``data`` (bytes-like), continuing from a previous ``value`` (0 to start)."""
    c = value ^ 0xFFFFFFFF
    t = _T8_LIST
    for b in bytes(data):
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def mask(crc: int) -> int:
    """TFRecord's masking of a CRC: rotate right by 15 bits and add a constant."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def unmask(masked: int) -> int:
    rot = (masked - 0xA282EAD8) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


def masked_crc32c(data) -> int:
    return mask(crc32c(data))


# --- vectorised implementation --------------------------------------------------------------

def _advance_zero_bytes(state: int, nbytes: int) -> int:
    """Raw-CRC register ``state`` after ``nbytes`` zero bytes."""
    t = _T8_LIST
    for _ in range(nbytes):
        state = t[state & 0xFF] ^ (state >> 8)
    return state


def _half_tables(nbytes: int):
    """Tables giving the register after ``nbytes`` zero bytes from its low / high 16 bits.

    The map is linear, so each table is built from the images of its 16 basis bits.
    """
    tables = []
    for base in (0, 16):
        t = np.zeros(1, dtype=np.uint32)
        for bit in range(16):
            img = np.uint32(_advance_zero_bytes(1 << (base + bit), nbytes))
            t = np.concatenate([t, t ^ img])
        tables.append(t)
    return tables[0], tables[1]


_CHUNK = 256  # bytes per chunk in crc32c_many; a multiple of 4
_BLOCK = 256  # messages per vectorised pass (keeps the working set in cache)
_tables = {}


def _tables_for(nbytes: int):
    t = _tables.get(nbytes)
    if t is None:
        t = _tables[nbytes] = _half_tables(nbytes)
    return t


@functools.lru_cache(maxsize=4096)
def _length_constant(n: int) -> int:
    """crc32c(m) == raw0(m) ^ _length_constant(len(m))."""
    return _advance_zero_bytes(0xFFFFFFFF, n) ^ 0xFFFFFFFF


def _raw_crc_padded(words: np.ndarray) -> np.ndarray:
    """Raw CRCs (start 0, no final xor) of rows of a [lanes, nwords] uint32 array, walked
    column by column; rows are little-endian byte strings viewed as words."""
    lanes, nwords = words.shape
    w_lo, w_hi = _tables_for(4)
    cols = np.ascontiguousarray(words.T)  # [nwords, lanes]: each step reads one row
    s = np.zeros(lanes, dtype=np.uint32)
    x = np.empty(lanes, dtype=np.uint32)
    lo_idx = np.empty(lanes, dtype=np.intp)
    hi_idx = np.empty(lanes, dtype=np.intp)
    a = np.empty(lanes, dtype=np.uint32)
    for j in range(nwords):
        np.bitwise_xor(s, cols[j], out=x)
        np.bitwise_and(x, 0xFFFF, out=lo_idx, casting="unsafe")
        np.right_shift(x, 16, out=hi_idx, casting="unsafe")
        np.take(w_lo, lo_idx, out=a)
        np.take(w_hi, hi_idx, out=s)
        np.bitwise_xor(s, a, out=s)
    return s


def crc32c_many(messages: Sequence) -> np.ndarray:
    """CRC32C of every message (bytes-like) in ``messages``; returns uint32 [len(messages)]."""
    k_all = len(messages)
    out = np.zeros(k_all, dtype=np.uint32)
    if k_all == 0:
        return out
    lengths = [len(m) for m in messages]
    c_lo, c_hi = _tables_for(_CHUNK)
    for b0 in range(0, k_all, _BLOCK):
        blk_len = lengths[b0:b0 + _BLOCK]
        k = len(blk_len)
        chunks = max(1, -(-max(blk_len) // _CHUNK))
        padded = chunks * _CHUNK
        buf = np.zeros((k, padded), dtype=np.uint8)
        flat = memoryview(buf.reshape(-1))
        for i in range(k):
            n = blk_len[i]
            if n:
                flat[(i + 1) * padded - n:(i + 1) * padded] = memoryview(messages[b0 + i]).cast("B")
        # [k * chunks, _CHUNK/4] little-endian words, as CRC32C's reflected form wants
        words = buf.view("<u4").reshape(k * chunks, _CHUNK // 4)
        raw = _raw_crc_padded(words).reshape(k, chunks)
        acc = raw[:, 0].copy()
        for c in range(1, chunks):
            acc = c_lo[acc & 0xFFFF] ^ c_hi[acc >> 16] ^ raw[:, c]
        out[b0:b0 + k] = acc
    consts = np.fromiter((_length_constant(n) for n in lengths), dtype=np.uint32, count=k_all)
    return out ^ consts


def mask_many(crcs: np.ndarray) -> np.ndarray:
    c = crcs.astype(np.uint32)
    return (((c >> np.uint32(15)) | (c << np.uint32(17))) + np.uint32(0xA282EAD8)).astype(np.uint32)
