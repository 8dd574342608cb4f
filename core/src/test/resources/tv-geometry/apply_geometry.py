# Runs torchvision 0.14's own functional calls (PIL backend) for GeometryLiveTest: F.affine,
# F.rotate, F.rgb_to_grayscale and F.crop(F.pad(...)) with the parameters of each case.
# Run with Debian's /usr/bin/python3.
# argv: directory holding <image>.raw (bands interleaved) and cases.jsonl, one JSON object a line:
#   {"image": name, "mode": "L"|"RGB", "w": W, "h": H, "op": ..., "params": {...}}
# Writes <directory>/out.bin: every output's bytes, in case order.
import json
import os
import sys

from PIL import Image
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

INTERP = {"nearest": InterpolationMode.NEAREST, "bilinear": InterpolationMode.BILINEAR,
          "bicubic": InterpolationMode.BICUBIC}

directory = sys.argv[1]
images = {}
with open(os.path.join(directory, "cases.jsonl")) as cases, \
        open(os.path.join(directory, "out.bin"), "wb") as out:
    for line in cases:
        c = json.loads(line)
        key = c["image"]
        if key not in images:
            with open(os.path.join(directory, key + ".raw"), "rb") as f:
                images[key] = Image.frombytes(c["mode"], (c["w"], c["h"]), f.read())
        img = images[key]
        p = c["params"]
        if c["op"] == "affine":
            res = F.affine(img, angle=p["angle"], translate=p["translate"], scale=p["scale"],
                           shear=p["shear"], interpolation=INTERP[p["interpolation"]],
                           fill=p["fill"], center=p.get("center"))
        elif c["op"] == "rotate":
            res = F.rotate(img, p["angle"], INTERP[p["interpolation"]], fill=p["fill"])
        elif c["op"] == "grayscale":
            res = F.rgb_to_grayscale(img, num_output_channels=len(img.getbands()))
        elif c["op"] == "pad_crop":
            res = F.crop(F.pad(img, p["pad"], fill=p["fill"], padding_mode="constant"),
                         p["top"], p["left"], p["h"], p["w"])
        else:
            raise ValueError(c["op"])
        assert res.mode == img.mode, (c, res.mode)
        out.write(res.tobytes())
