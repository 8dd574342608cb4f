"""Published epochs: discovery, manifests, waiting for the producer, consumed marks.

Rules (docs/formats.md): an epoch is readable only as ``ROOT/epoch-NNNNN`` holding ``_SUCCESS``.
Hidden ``.epoch-NNNNN.inprogress`` directories, directories without ``_SUCCESS``, and anything
else in ``ROOT`` are ignored. Paths are local (``os``/``pathlib``); an HDFS or S3 output is read
through a mount (FUSE, NFS gateway) or after copying the epoch directory.

Consumed marks (read by the producer's rolling mode, docs/training.md): consuming epoch ``e``
creates ``ROOT/_consumed/epoch-NNNNN`` (same zero-padded name as the epoch directory),
atomically: the content is written to a hidden temp file in ``ROOT/_consumed`` first and
renamed into place. The file's presence is the mark; its one-line JSON content is informational.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple, Union

__all__ = [
    "EpochNotFoundError",
    "FileEntry",
    "Manifest",
    "ManifestError",
    "ShardEntry",
    "consumed_epochs",
    "epoch_dir",
    "epoch_dir_name",
    "is_published",
    "latest_epoch",
    "list_epochs",
    "mark_consumed",
    "read_manifest",
    "wait_for_epoch",
]

PathLike = Union[str, os.PathLike]

# The epoch format's one definition, shared with the Java job (which loads this same file).
SCHEMA = json.loads((Path(__file__).parent / "epoch_format.json").read_text(encoding="utf-8"))
_DIR = SCHEMA["epoch_dir"]
_FIELDS = SCHEMA["manifest"]
SUCCESS = _DIR["success"]
MANIFEST = _DIR["manifest"]
CONSUMED_DIR = _DIR["consumed_dir"]
_EPOCH_RE = re.compile(r"^%s(\d{%d,%d})$" % (re.escape(_DIR["prefix"]), _DIR["min_digits"],
                                             _DIR["max_digits"]))
FORMAT = _FIELDS["format"]
FORMAT_VERSIONS = tuple(_FIELDS["format_versions"])


class ManifestError(ValueError):
    """A manifest is missing, unreadable, or not a preaug epoch manifest we understand."""


class EpochNotFoundError(FileNotFoundError):
    """The epoch is not published (no directory, or no ``_SUCCESS``)."""


def epoch_dir_name(epoch: int) -> str:
    if epoch < 0:
        raise ValueError(f"epoch must be >= 0, got {epoch}")
    return f"{_DIR['prefix']}{epoch:0{_DIR['min_digits']}d}"


def parse_epoch_dir_name(name: str) -> Optional[int]:
    """The epoch number of a canonical ``epoch-NNNNN`` name, else None."""
    m = _EPOCH_RE.match(name)
    if not m:
        return None
    e = int(m.group(1))
    return e if name == epoch_dir_name(e) else None


def epoch_dir(root: PathLike, epoch: int) -> Path:
    return Path(root) / epoch_dir_name(epoch)


def is_published(root: PathLike, epoch: int) -> bool:
    d = epoch_dir(root, epoch)
    return d.is_dir() and (d / SUCCESS).is_file()


def list_epochs(root: PathLike) -> List[int]:
    """Published epoch numbers under ``root``, ascending. A missing root lists nothing."""
    out = []
    try:
        entries = os.scandir(root)
    except FileNotFoundError:
        return out
    with entries:
        for ent in entries:
            e = parse_epoch_dir_name(ent.name)
            if e is None:
                continue
            if ent.is_dir() and os.path.isfile(os.path.join(ent.path, SUCCESS)):
                out.append(e)
    out.sort()
    return out


def latest_epoch(root: PathLike) -> Optional[int]:
    """The highest published epoch, or None when there is none."""
    eps = list_epochs(root)
    return eps[-1] if eps else None


# --- manifest ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileEntry:
    file: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class ShardEntry:
    shard: int
    records: int
    first_position: int
    augmented: int
    files: Mapping[str, FileEntry]  # kind ("tfrecord", "images", "labels", "index", "ops")
    label_histogram: Mapping[str, int] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Manifest:
    """The parts of ``manifest.json`` a reader needs; ``raw`` holds the whole object."""

    path: Path  # the epoch directory
    epoch: int
    seed: int
    name: str
    split: str
    samples: int
    records: int
    augmented_records: int
    shards: int
    height: int
    width: int
    channels: int
    npy_dtype: str  # "uint8" or "float16"
    tfrecord_encoding: str  # "raw" or "png"
    tfrecord_compression: str  # "none" or "gzip"
    formats: Tuple[str, ...]
    num_classes: int
    config_hash: str
    input_fingerprint: str
    run_id: str
    tool_version: str
    shard_list: Tuple[ShardEntry, ...]
    raw: Mapping = field(repr=False, compare=False, default_factory=dict)

    @property
    def image_shape(self) -> Tuple[int, int, int]:
        return (self.height, self.width, self.channels)

    @property
    def shard_records(self) -> List[int]:
        return [s.records for s in self.shard_list]

    def has_format(self, fmt: str) -> bool:
        return fmt in self.formats

    def file(self, shard: int, kind: str) -> Path:
        """Path of one shard file, ``kind`` in tfrecord/images/labels/index/ops."""
        s = self.shard_list[shard]
        try:
            return self.path / s.files[kind].file
        except KeyError:
            raise ManifestError(
                f"{self.path / MANIFEST}: shard {shard} has no '{kind}' file "
                f"(formats: {', '.join(self.formats)})") from None

    def files(self, kind: str) -> List[Path]:
        return [self.file(k, kind) for k in range(self.shards)]

    def class_names(self) -> Optional[List[str]]:
        """Class names from ``labels.txt`` when the epoch has one (string-labelled inputs)."""
        name = self.raw.get("class_names")
        if not name:
            return None
        return (self.path / name).read_text(encoding="utf-8").splitlines()


def _field(obj: Mapping, section: str, key: str, where: str):
    """A manifest field as epoch_format.json defines it: required ones must be there, optional
    ones fall back to the documented default (the Java reader assumes the same)."""
    spec = _FIELDS[section][key]
    if obj.get(key) is not None:
        return obj[key]
    if spec.get("required"):
        raise ManifestError(f"{where}: missing field '{key}'")
    return spec.get("default")


def read_manifest(path: PathLike, epoch: Optional[int] = None) -> Manifest:
    """Reads the manifest of an epoch directory, or of ``epoch`` under root ``path``.

    Does not require ``_SUCCESS`` (use :func:`wait_for_epoch` or :func:`is_published` for
    that); the readers in this package check it before reading data.
    """
    d = Path(path) if epoch is None else epoch_dir(path, epoch)
    mpath = d / MANIFEST
    where = str(mpath)
    try:
        text = mpath.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(f"{where}: no manifest (not a preaug epoch directory)") from None
    try:
        m = json.loads(text)
    except json.JSONDecodeError as e:
        raise ManifestError(f"{where}: not valid JSON ({e})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise ManifestError(f"{where}: not a preaug epoch manifest (format != '{FORMAT}')")
    if m.get("format_version") not in FORMAT_VERSIONS:
        raise ManifestError(
            f"{where}: format_version {m.get('format_version')!r} is not supported by this "
            f"reader (supports {FORMAT_VERSIONS})")
    def top(key):
        return _field(m, "fields", key, where)

    for key, spec in _FIELDS["fields"].items():
        if spec.get("required"):
            top(key)
    img = top("image")

    def image(key):
        return _field(img, "image_fields", key, where)

    shards = []
    for i, s in enumerate(top("shard_list")):
        def shard(key, s=s):
            return _field(s, "shard_fields", key, where)

        files = {k: FileEntry(file=_field(v, "file_fields", "file", where),
                              bytes=int(_field(v, "file_fields", "bytes", where)),
                              sha256=_field(v, "file_fields", "sha256", where))
                 for k, v in shard("files").items()}
        shards.append(ShardEntry(
            shard=int(shard("shard")), records=int(shard("records")),
            first_position=int(shard("first_position")), augmented=int(shard("augmented")),
            files=files, label_histogram=dict(shard("label_histogram"))))
    if [s.shard for s in shards] != list(range(len(shards))):
        raise ManifestError(f"{where}: shard_list is not shards 0..{len(shards) - 1} in order")
    nshards = int(top("shards"))
    if nshards != len(shards):
        raise ManifestError(f"{where}: shards={nshards} but shard_list has {len(shards)} entries")
    records = int(top("records"))
    if sum(s.records for s in shards) != records:
        raise ManifestError(f"{where}: records={records} but the shards hold "
                            f"{sum(s.records for s in shards)}")
    man = Manifest(
        path=d,
        epoch=int(top("epoch")),
        seed=int(top("seed")),
        name=str(top("name")),
        split=str(top("split")),
        samples=int(top("samples")),
        records=records,
        augmented_records=int(top("augmented_records")),
        shards=nshards,
        height=int(image("height")),
        width=int(image("width")),
        channels=int(image("channels")),
        npy_dtype=str(image("npy_dtype")),
        tfrecord_encoding=str(image("tfrecord_encoding")),
        tfrecord_compression=str(top("tfrecord_compression")),
        formats=tuple(top("formats")),
        num_classes=int(top("num_classes")),
        config_hash=str(top("config_hash")),
        input_fingerprint=str(top("input_fingerprint")),
        run_id=str(top("run_id")),
        tool_version=str(top("tool_version")),
        shard_list=tuple(shards),
        raw=m,
    )
    if epoch is not None and man.epoch != epoch:
        raise ManifestError(f"{where}: manifest says epoch {man.epoch}, directory is {epoch}")
    return man


def open_epoch(root: PathLike, epoch: Optional[int] = None) -> Manifest:
    """Manifest of a *published* epoch: ``open_epoch(ROOT, 3)`` or ``open_epoch(EPOCH_DIR)``.

    Raises :class:`EpochNotFoundError` if the directory has no ``_SUCCESS`` or is hidden
    (a ``.epoch-NNNNN.inprogress`` directory may already hold ``_SUCCESS`` just before the
    producer renames it; it is still not published).
    """
    d = Path(root) if epoch is None else epoch_dir(root, epoch)
    if d.resolve().name.startswith("."):
        raise EpochNotFoundError(f"{d}: a hidden (in-progress) directory, not a published "
                                 "epoch; in-progress or partial epochs are never read")
    if not (d / SUCCESS).is_file():
        raise EpochNotFoundError(f"{d}: not a published epoch (no {SUCCESS}); "
                                 "in-progress or partial epochs are never read")
    return read_manifest(d)


def wait_for_epoch(root: PathLike, epoch: int, timeout: Optional[float] = None,
                   poll: float = 2.0) -> Manifest:
    """Blocks until ``ROOT/epoch-NNNNN/_SUCCESS`` exists, then returns its manifest.

    ``timeout`` in seconds (None waits forever; 0 checks once). Raises ``TimeoutError``
    naming the directory and the epochs that are published when it runs out.
    """
    if poll <= 0:
        raise ValueError("poll must be > 0")
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        if is_published(root, epoch):
            return read_manifest(epoch_dir(root, epoch))
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            have = list_epochs(root)
            shown = (", ".join(str(e) for e in have[-5:]) if have else "none")
            raise TimeoutError(
                f"epoch {epoch} not published under {root} after {timeout:g} s "
                f"(waiting for {epoch_dir(root, epoch) / SUCCESS}; published epochs: {shown})")
        time.sleep(poll if deadline is None else max(0.0, min(poll, deadline - now)))


# --- consumed marks -----------------------------------------------------------------------

def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def mark_consumed(root: PathLike, epoch: int, consumer: Optional[str] = None) -> Path:
    """Marks ``epoch`` consumed: writes ``ROOT/_consumed/epoch-NNNNN`` atomically.

    Idempotent (a second mark replaces the first). The producer's rolling mode reads these
    marks to decide how far ahead to write; see docs/training.md.
    """
    d = Path(root) / CONSUMED_DIR
    d.mkdir(parents=True, exist_ok=True)
    name = epoch_dir_name(epoch)
    body = json.dumps({
        "epoch": epoch,
        "consumer": consumer or "",
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }, sort_keys=True) + "\n"
    tmp = d / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, d / name)
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_dir(d)
    return d / name


def consumed_epochs(root: PathLike) -> List[int]:
    """Epochs marked consumed under ``root``, ascending (temp files are ignored)."""
    out = []
    try:
        entries = os.scandir(Path(root) / CONSUMED_DIR)
    except FileNotFoundError:
        return out
    with entries:
        for ent in entries:
            e = parse_epoch_dir_name(ent.name)
            if e is not None and ent.is_file():
                out.append(e)
    out.sort()
    return out


def consumed_info(root: PathLike, epoch: int) -> Optional[Dict]:
    """The JSON content of a consumed mark, or None when the epoch is not marked."""
    p = Path(root) / CONSUMED_DIR / epoch_dir_name(epoch)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
