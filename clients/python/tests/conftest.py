"""Fixtures: real epochs written by the Java job in this test run (or reused, see below).

``PREAUG_TEST_EPOCHS=DIR``: use the epochs under DIR, made by ``make_epochs.py`` (DIR/READY
present); if DIR is empty or missing they are made there first and kept for later runs.
Unset: they are made in pytest's temporary directory for this session (four job runs side by
side, plus the Maven build when the jar is stale).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the package: clients/python/preaug
sys.path.insert(0, str(HERE))

import make_epochs  # noqa: E402
import preaug  # noqa: E402


@dataclass
class Epochs:
    dir: Path
    root: Path  # OUT with epochs 0..2
    variant_root: Path  # OUT with epoch 4 (float16 NPY, gzip + PNG TFRecords)
    images: np.ndarray  # the input the Java job read (uint8 [N, 64, 64])
    labels: np.ndarray
    variant_images: np.ndarray  # float16 [M, 64, 64]
    variant_labels: np.ndarray
    rgb_root: Path  # OUT with epoch 0 of colour 32x32 images, raw TFRecords
    rgb_png_root: Path  # the same epoch with colour PNGs in its TFRecords
    rgb_images: np.ndarray  # uint8 [K, 32, 32, 3]
    rgb_labels: np.ndarray
    params: dict

    def manifest(self, epoch: int = 0) -> preaug.Manifest:
        return preaug.open_epoch(self.root, epoch)


@pytest.fixture(scope="session")
def epochs(tmp_path_factory) -> Epochs:
    d = os.environ.get("PREAUG_TEST_EPOCHS")
    base = Path(d) if d else tmp_path_factory.mktemp("preaug-epochs")
    params = make_epochs.make(base)
    return Epochs(
        dir=base, root=base / "out", variant_root=base / "out-variant",
        images=np.load(base / "input" / "images.npy"),
        labels=np.load(base / "input" / "labels.npy"),
        variant_images=np.load(base / "variant" / "images.npy"),
        variant_labels=np.load(base / "variant" / "labels.npy"),
        rgb_root=base / "out-rgb", rgb_png_root=base / "out-rgb-png",
        rgb_images=np.load(base / "rgb" / "images.npy"),
        rgb_labels=np.load(base / "rgb" / "labels.npy"),
        params=params)


def clone_epoch(src: Path, dst: Path, copy=()) -> Path:
    """A private copy of an epoch directory: hard links (cheap), real copies for the files
    named in ``copy`` (those a test will modify). Never modifies ``src``."""
    dst.mkdir(parents=True)
    for p in src.iterdir():
        if p.name in copy:
            shutil.copy2(p, dst / p.name)
        else:
            try:
                os.link(p, dst / p.name)
            except OSError:
                shutil.copy2(p, dst / p.name)
    return dst


@pytest.fixture
def private_root(tmp_path, epochs):
    """A fresh OUT directory holding links to the real epochs 0..2 (safe to mark, rename)."""
    root = tmp_path / "out"
    root.mkdir()
    for e in preaug.list_epochs(epochs.root):
        clone_epoch(preaug.epoch_dir(epochs.root, e), preaug.epoch_dir(root, e))
    return root
