"""The Python reader against epoch_format.json, the one definition of the epoch format that the
Java job loads too (its tests check the Java side against the same file). Needs no epochs."""

from __future__ import annotations

import copy
import importlib
import json
from pathlib import Path

import pytest

epochs = importlib.import_module("preaug.epochs")
tfrecord = importlib.import_module("preaug.tfrecord")

SCHEMA_FILE = Path(epochs.__file__).parent / "epoch_format.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
FIELDS = SCHEMA["manifest"]


def test_the_reader_loads_the_shared_file():
    assert epochs.SCHEMA == SCHEMA
    assert epochs.FORMAT == FIELDS["format"]
    assert epochs.FORMAT_VERSIONS == tuple(FIELDS["format_versions"])
    assert epochs.SUCCESS == SCHEMA["epoch_dir"]["success"]
    assert epochs.MANIFEST == SCHEMA["epoch_dir"]["manifest"]
    assert epochs.CONSUMED_DIR == SCHEMA["epoch_dir"]["consumed_dir"]


def test_epoch_directory_names():
    for name, number in SCHEMA["epoch_dir"]["valid"].items():
        assert epochs.parse_epoch_dir_name(name) == number, name
        assert epochs.epoch_dir_name(number) == name
    for name in SCHEMA["epoch_dir"]["invalid"]:
        assert epochs.parse_epoch_dir_name(name) is None, name


def test_listing_skips_non_canonical_names(tmp_path):
    for name in ("epoch-00003", "epoch-000004"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "_SUCCESS").write_text("")
    assert epochs.list_epochs(tmp_path) == [3]


def _write(tmp_path, manifest) -> Path:
    d = tmp_path / "epoch-00003"
    d.mkdir(exist_ok=True)
    (d / "manifest.json").write_text(json.dumps(manifest))
    return d


def test_the_minimal_manifest_reads_with_the_documented_defaults(tmp_path):
    m = epochs.read_manifest(_write(tmp_path, FIELDS["minimal"]))
    top, image = FIELDS["fields"], FIELDS["image_fields"]
    assert m.epoch == 3 and m.records == 4 and m.shards == 1
    assert m.seed == top["seed"]["default"]
    assert m.name == top["name"]["default"]
    assert m.split == top["split"]["default"]
    assert m.samples == top["samples"]["default"]
    assert m.num_classes == top["num_classes"]["default"]
    assert m.config_hash == top["config_hash"]["default"]
    assert m.input_fingerprint == top["input_fingerprint"]["default"]
    assert m.tfrecord_compression == top["tfrecord_compression"]["default"]
    assert m.channels == image["channels"]["default"]
    assert m.npy_dtype == image["npy_dtype"]["default"]
    assert m.tfrecord_encoding == image["tfrecord_encoding"]["default"]
    s = m.shard_list[0]
    assert s.first_position == FIELDS["shard_fields"]["first_position"]["default"]
    assert s.augmented == FIELDS["shard_fields"]["augmented"]["default"]
    assert s.files["images"].sha256 == FIELDS["file_fields"]["sha256"]["default"]
    assert m.class_names() is None


@pytest.mark.parametrize("section,key", [
    (section, key) for section in ("fields", "image_fields", "shard_fields", "file_fields")
    for key, spec in FIELDS[section].items() if spec.get("required")])
def test_every_required_field_is_required(tmp_path, section, key):
    m = copy.deepcopy(FIELDS["minimal"])
    target = {"fields": m, "image_fields": m["image"], "shard_fields": m["shard_list"][0],
              "file_fields": m["shard_list"][0]["files"]["images"]}[section]
    del target[key]
    # format and format_version have their own messages; every other one is "missing field".
    expected = key if key.startswith("format") else f"missing field '{key}'"
    with pytest.raises(epochs.ManifestError, match=expected):
        epochs.read_manifest(_write(tmp_path, m))


def test_the_minimal_manifest_names_only_defined_fields():
    m = FIELDS["minimal"]
    assert set(m) <= set(FIELDS["fields"])
    assert set(m["image"]) <= set(FIELDS["image_fields"])
    for s in m["shard_list"]:
        assert set(s) <= set(FIELDS["shard_fields"])
        assert set(s["files"]) <= set(FIELDS["file_kinds"])
        for f in s["files"].values():
            assert set(f) <= set(FIELDS["file_fields"])


def test_example_features_are_the_shared_ones():
    pb = pytest.importorskip("google.protobuf")
    assert pb is not None
    features = {f["name"]: f["type"] for f in SCHEMA["example_features"]}
    assert set(tfrecord._SCALARS) == {n for n, t in features.items() if t == "int64"}
    # decode_example reads exactly the defined features, with their types.
    Example = tfrecord.example_classes()["Example"]
    ex = Example()
    for name, kind in features.items():
        f = ex.features.feature[name]
        if kind == "int64":
            f.int64_list.value.append(7)
        else:
            f.bytes_list.value.append(b"x")
    out = tfrecord.decode_example(ex.SerializeToString())
    assert set(out) == set(features)
    for name, kind in features.items():
        assert isinstance(out[name], int if kind == "int64" else (bytes, str)), name
