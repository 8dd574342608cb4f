#!/usr/bin/python3
"""Golden set for the torchvision op library (issue 14), made with torchvision's PIL backend.

    /usr/bin/python3 tools/golden/make_tv_golden.py            # regenerate in place
    /usr/bin/python3 tools/golden/make_tv_golden.py --check    # regenerate into a temp dir, compare bytes

Writes core/src/test/resources/golden-tv/ (manifest.json, in/, out/) in the format of golden/:
each case has `op` and `params` named as issue 14's table (what `parity` reads), `input` and
`output` .npy files whose shape gives the mode ([H,W] is L, [H,W,3] is RGB). Every output is
np.array(CALL(Image.fromarray(input))) with CALL the exact torchvision 0.14 functional call listed
in the manifest's `ops_calls`. Cases tagged debug.policy_op reproduce one op of RandAugment,
TrivialAugmentWide or AutoAugment at a table magnitude; the generator checks each against
torchvision's own autoaugment._apply_op. RGB cases record whether the result equals the op run on
each band as an L image (debug.per_band_equals_L).
Needs Debian's python3-torchvision (0.14), python3-torch, python3-pil (9.4), python3-numpy.
"""
import math
import os
import sys
import warnings

import numpy as np
import PIL
import torch
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F
from PIL import ImageStat
from torchvision.transforms import InterpolationMode
from torchvision.transforms.autoaugment import _apply_op

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib as gl  # noqa: E402

INTERP = {"nearest": InterpolationMode.NEAREST, "bilinear": InterpolationMode.BILINEAR,
          "bicubic": InterpolationMode.BICUBIC}

OPS_CALLS = {
    "hflip": "F.hflip(img)",
    "vflip": "F.vflip(img)",
    "pad_crop": "F.crop(F.pad(img, pad, fill=fill, padding_mode=mode), top, left, h, w)"
                "  # no 'fill' param: F.pad(img, pad, padding_mode=mode), i.e. fill=0",
    "resized_crop": "F.resized_crop(img, top, left, h, w, [out_h, out_w], InterpolationMode(interpolation))",
    "affine": "F.affine(img, angle=angle, translate=translate, scale=scale, shear=shear, "
              "interpolation=InterpolationMode(interpolation), fill=fill, center=center)"
              "  # no 'fill' / 'center' param: None",
    "rotate": "F.rotate(img, angle, InterpolationMode(interpolation), fill=fill)"
              "  # no 'interpolation' param: NEAREST; no 'fill' param: None",
    "brightness": "F.adjust_brightness(img, factor)",
    "contrast": "F.adjust_contrast(img, factor)",
    "saturation": "F.adjust_saturation(img, factor)",
    "sharpness": "F.adjust_sharpness(img, factor)",
    "hue": "F.adjust_hue(img, factor)",
    "posterize": "F.posterize(img, bits)",
    "solarize": "F.solarize(img, threshold)",
    "autocontrast": "F.autocontrast(img)",
    "equalize": "F.equalize(img)",
    "invert": "F.invert(img)",
    "grayscale": "F.rgb_to_grayscale(img, num_output_channels=len(img.getbands()))",
    "chain": "apply params.steps in order, each as above",
}


def tv_op(op, arr, p):
    img = gl.to_pil(arr)
    if op == "hflip":
        out = F.hflip(img)
    elif op == "vflip":
        out = F.vflip(img)
    elif op == "pad_crop":
        if "fill" in p:
            padded = F.pad(img, p["pad"], fill=p["fill"], padding_mode=p["mode"])
        else:
            padded = F.pad(img, p["pad"], padding_mode=p["mode"])
        out = F.crop(padded, p["top"], p["left"], p["h"], p["w"])
    elif op == "resized_crop":
        out = F.resized_crop(img, p["top"], p["left"], p["h"], p["w"], [p["out_h"], p["out_w"]],
                             INTERP[p["interpolation"]])
    elif op == "affine":
        out = F.affine(img, angle=p["angle"], translate=p["translate"], scale=p["scale"], shear=p["shear"],
                       interpolation=INTERP[p["interpolation"]], fill=p.get("fill"), center=p.get("center"))
    elif op == "rotate":
        out = F.rotate(img, p["angle"], INTERP[p.get("interpolation", "nearest")], fill=p.get("fill"))
    elif op == "brightness":
        out = F.adjust_brightness(img, p["factor"])
    elif op == "contrast":
        out = F.adjust_contrast(img, p["factor"])
    elif op == "saturation":
        out = F.adjust_saturation(img, p["factor"])
    elif op == "sharpness":
        out = F.adjust_sharpness(img, p["factor"])
    elif op == "hue":
        out = F.adjust_hue(img, p["factor"])
    elif op == "posterize":
        out = F.posterize(img, p["bits"])
    elif op == "solarize":
        out = F.solarize(img, p["threshold"])
    elif op == "autocontrast":
        out = F.autocontrast(img)
    elif op == "equalize":
        out = F.equalize(img)
    elif op == "invert":
        out = F.invert(img)
    elif op == "grayscale":
        out = F.rgb_to_grayscale(img, num_output_channels=len(img.getbands()))
    else:
        raise ValueError(op)
    res = np.array(out)
    assert res.dtype == np.uint8 and res.ndim == arr.ndim, (op, p, res.shape)
    assert out.mode == img.mode
    return res


def run_case(op, arr, p):
    if op == "chain":
        for st in p["steps"]:
            arr = tv_op(st["op"], arr, st["params"])
        return arr
    return tv_op(op, arr, p)


def band_params(op, p, b):
    """Params for band b run as an L image: per-channel fills become that channel's value."""
    if op == "chain":
        return {"steps": [{"op": s["op"], "params": band_params(s["op"], s["params"], b)} for s in p["steps"]]}
    q = dict(p)
    if isinstance(q.get("fill"), list):
        q["fill"] = [q["fill"][b]] if op in ("affine", "rotate") else q["fill"][b]
    return q


def per_band_equal(op, arr, p, res):
    bands = [run_case(op, np.ascontiguousarray(arr[:, :, b]), band_params(op, p, b)) for b in range(3)]
    return bool(np.array_equal(np.stack(bands, axis=-1), res))


# ----------------------------------------------------------------------------- images
IMAGES = [  # (kind, seed, mode, width, height)
    ("scene", 61, "RGB", 32, 32), ("scene", 61, "L", 32, 32), ("noise", 62, "RGB", 32, 32),
    ("noise", 64, "L", 32, 32), ("lowcontrast", 63, "RGB", 32, 32), ("lowcontrast", 63, "L", 32, 32),
    ("levels", 66, "RGB", 32, 32), ("levels", 66, "L", 32, 32), ("flat", 65, "RGB", 32, 32),
    ("blocks", 67, "RGB", 32, 32),
    ("scene", 71, "RGB", 40, 28), ("scene", 71, "L", 40, 28), ("blocks", 72, "RGB", 40, 28),
    ("scene", 81, "RGB", 64, 64), ("scene", 81, "L", 64, 64),
]


def image_name(kind, mode, w, h):
    return f"{mode.lower()}_{w}x{h}_{kind}"


# ----------------------------------------------------------------------------- cases
def pad_crop_params(w, h, mode_rgb):
    """Padding as RandomCrop uses it, plus lists, fills, oversized reflect pads and crops that leave
    the padded image (Pillow's crop fills those pixels with 0 whatever the padding mode)."""
    out = []
    fill_c = [255, 0, 128] if mode_rgb else 200
    for mode in ("constant", "edge", "reflect", "symmetric"):
        out += [
            {"pad": 4, "mode": mode, "top": 5, "left": 1, "h": h, "w": w},
            {"pad": 4, "mode": mode, "top": 0, "left": 8, "h": h, "w": w},
            {"pad": 4, "mode": mode, "top": 8, "left": 0, "h": h, "w": w},
            {"pad": [2, 5], "mode": mode, "top": 3, "left": 0, "h": h, "w": w},
            {"pad": [1, 2, 3, 4], "mode": mode, "top": 1, "left": 2, "h": h - 3, "w": w + 1},
            {"pad": 4, "mode": mode, "top": -3, "left": w - 2, "h": h, "w": w},   # leaves the padded image
        ]
    out += [
        {"pad": 4, "mode": "constant", "top": 2, "left": 6, "h": h, "w": w, "fill": 128},
        {"pad": 4, "mode": "constant", "top": 7, "left": 3, "h": h, "w": w, "fill": fill_c},
        {"pad": [3, 0, 0, 6], "mode": "constant", "top": 6, "left": 0, "h": h, "w": w, "fill": fill_c},
        {"pad": 4, "mode": "edge", "top": 2, "left": 6, "h": h, "w": w, "fill": 77},          # fill ignored
        {"pad": w + 8, "mode": "reflect", "top": 10, "left": w + 25, "h": h, "w": w},          # pad > size
        {"pad": w + 8, "mode": "symmetric", "top": 2 * h, "left": 3, "h": h, "w": w},
        {"pad": 0, "mode": "constant", "top": 4, "left": 4, "h": h // 2, "w": w // 2},
        # Unequal pads over ~3x the size: numpy's iterative reflection is no longer periodic there.
        {"pad": [2, 0, 110, 0], "mode": "reflect", "top": 0, "left": 112, "h": h, "w": w},
        {"pad": [2, 0, 110, 0], "mode": "symmetric", "top": 0, "left": 112, "h": h, "w": w},
    ]
    return out


def resized_crop_params(w, h):
    out = []
    for interp in ("nearest", "bilinear", "bicubic"):
        out += [
            {"top": 2, "left": 3, "h": h * 5 // 8, "w": w * 3 // 4, "out_h": h, "out_w": w, "interpolation": interp},
            {"top": 0, "left": 0, "h": h, "w": w, "out_h": h * 3 // 4, "out_w": w * 5 // 8, "interpolation": interp},
            {"top": 5, "left": 1, "h": h - 5, "w": w - 2, "out_h": 32, "out_w": 32, "interpolation": interp},
            {"top": -4, "left": w // 2, "h": h - 2, "w": w * 2 // 3, "out_h": h, "out_w": w, "interpolation": interp},
        ]
    out.append({"top": 3, "left": 4, "h": 20, "w": 16, "out_h": 20, "out_w": 16, "interpolation": "bilinear"})
    return out


def affine_params(w, h, mode_rgb):
    fill = [250, 120, 10] if mode_rgb else [200]
    odd_fill = [127.9, 0.5, 255] if mode_rgb else [99.99]
    return [
        {"angle": 0.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"},
        {"angle": 15.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"},
        {"angle": -30.0, "translate": [3, -2], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"},
        {"angle": 90.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"},
        {"angle": 0.0, "translate": [1, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest",
         "fill": fill},
        {"angle": 0.0, "translate": [0, 0], "scale": 1.2, "shear": [0.0, 0.0], "interpolation": "bilinear"},
        {"angle": 0.0, "translate": [0, 0], "scale": 0.8, "shear": [0.0, 0.0], "interpolation": "bicubic"},
        {"angle": 10.0, "translate": [2, 1], "scale": 0.9, "shear": [12.0, 0.0], "interpolation": "nearest"},
        {"angle": 0.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, -15.0], "interpolation": "nearest"},
        {"angle": 20.0, "translate": [-4, 5], "scale": 1.1, "shear": [5.0, 8.0], "interpolation": "bilinear",
         "fill": fill},
        {"angle": 45.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "bicubic",
         "fill": fill},
        {"angle": -170.0, "translate": [1, 1], "scale": 0.7, "shear": [-20.0, 10.0], "interpolation": "nearest",
         "fill": odd_fill},
        {"angle": 30.0, "translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest",
         "center": [5, 20]},
        {"angle": -12.5, "translate": [0, 0], "scale": 1.3, "shear": [7.5, -7.5], "interpolation": "bilinear",
         "center": [0, 0]},
    ]


def rotate_params(mode_rgb):
    fill = [250, 120, 10] if mode_rgb else [200]
    out = [{"angle": a} for a in (-15.0, 0.0, 12.5, 30.0, 90.0, 180.0, 270.0, -45.0, 135.0, 360.0, -7.3)]
    out += [{"angle": 30.0, "interpolation": "bilinear"}, {"angle": -17.5, "interpolation": "bicubic"},
            {"angle": 45.0, "interpolation": "nearest", "fill": fill},
            {"angle": -33.0, "interpolation": "bilinear", "fill": fill},
            {"angle": 90.0, "fill": fill}]
    return out


FACTORS = (0.0, 0.1, 0.5, 0.73, 1.0, 1.27, 1.5, 2.0, 3.7)
HUES = (-0.5, -0.25, -0.1, -0.004, -0.002, 0.0, 0.002, 0.1, 0.25, 0.4, 0.5)
THRESHOLDS = (0, 1, 64, 128, 178.5, 246.5, 255, 256)


def plain_jobs():
    """(image index, op, params) for the table ops."""
    jobs = []
    by = {}
    for i, (kind, seed, mode, w, h) in enumerate(IMAGES):
        by.setdefault((kind, mode, w, h), i)

    def img(kind, mode, w, h):
        return by[(kind, mode, w, h)]

    geom = [img("scene", "RGB", 32, 32), img("scene", "L", 32, 32), img("scene", "RGB", 40, 28),
            img("scene", "L", 40, 28), img("blocks", "RGB", 40, 28)]
    big = [img("scene", "RGB", 64, 64), img("scene", "L", 64, 64)]
    colour = [img("scene", "RGB", 32, 32), img("scene", "L", 32, 32), img("noise", "RGB", 32, 32),
              img("lowcontrast", "RGB", 32, 32), img("blocks", "RGB", 32, 32)]
    hist = [img(k, m, 32, 32) for k, m in (("scene", "RGB"), ("scene", "L"), ("lowcontrast", "RGB"),
                                           ("lowcontrast", "L"), ("levels", "RGB"), ("levels", "L"),
                                           ("flat", "RGB"), ("noise", "L"))]
    for i in geom + big + [img("noise", "L", 32, 32)]:
        jobs += [(i, "hflip", {}), (i, "vflip", {})]
    for i in geom:
        _, _, mode, w, h = IMAGES[i]
        rgb = mode == "RGB"
        params = pad_crop_params(w, h, rgb)
        if i not in (img("scene", "RGB", 32, 32), img("scene", "L", 32, 32)):
            params = params[::3]
        jobs += [(i, "pad_crop", p) for p in params]
        params = resized_crop_params(w, h)
        jobs += [(i, "resized_crop", p) for p in (params if w == 32 else params[::2])]
        params = affine_params(w, h, rgb)
        jobs += [(i, "affine", p) for p in (params if w == 32 or i == geom[2] else params[1::2])]
        params = rotate_params(rgb)
        jobs += [(i, "rotate", p) for p in (params if w == 32 or i == geom[2] else params[::2])]
    for i in big:
        _, _, mode, w, h = IMAGES[i]
        rgb = mode == "RGB"
        jobs += [(i, "pad_crop", {"pad": 8, "mode": m, "top": 3, "left": 13, "h": 64, "w": 64})
                 for m in ("constant", "edge", "reflect", "symmetric")]
        jobs += [(i, "resized_crop", {"top": 4, "left": 10, "h": 50, "w": 40, "out_h": 32, "out_w": 32,
                                      "interpolation": it}) for it in INTERP]
        jobs += [(i, "resized_crop", {"top": 0, "left": 0, "h": 64, "w": 64, "out_h": 80, "out_w": 72,
                                      "interpolation": "bicubic"})]
        jobs += [(i, "affine", p) for p in affine_params(w, h, rgb)[7:11]]
        jobs += [(i, "rotate", p) for p in rotate_params(rgb)[:4] + rotate_params(rgb)[11:13]]
    for i in colour:
        few = IMAGES[i][0] in ("noise", "blocks")
        for op in ("brightness", "contrast", "saturation", "sharpness"):
            jobs += [(i, op, {"factor": f}) for f in (FACTORS[::2] if few else FACTORS)]
        jobs += [(i, "hue", {"factor": f}) for f in (HUES if IMAGES[i][2] == "RGB" else HUES[::5])]
    for i in (img("scene", "RGB", 40, 28), img("scene", "RGB", 64, 64), img("scene", "L", 40, 28)):
        for op in ("brightness", "contrast", "saturation", "sharpness"):
            jobs += [(i, op, {"factor": f}) for f in (0.0, 0.5, 1.5)]
        jobs += [(i, "hue", {"factor": f}) for f in (-0.3, 0.15)]
    for i in (img("scene", "RGB", 32, 32), img("scene", "L", 32, 32), img("noise", "RGB", 32, 32)):
        jobs += [(i, "posterize", {"bits": b}) for b in range(0, 9)]
        jobs += [(i, "solarize", {"threshold": t}) for t in THRESHOLDS]
    for i in (img("scene", "RGB", 40, 28), img("scene", "L", 64, 64)):
        jobs += [(i, "posterize", {"bits": b}) for b in (2, 5)]
        jobs += [(i, "solarize", {"threshold": t}) for t in (100, 127.5)]
    for i in hist + [img("scene", "RGB", 40, 28), img("scene", "RGB", 64, 64), img("noise", "RGB", 32, 32)]:
        jobs += [(i, "autocontrast", {}), (i, "equalize", {}), (i, "invert", {})]
    for i in (img("lowcontrast", "RGB", 32, 32), img("levels", "RGB", 32, 32), img("flat", "RGB", 32, 32)):
        jobs += [(i, "contrast", {"factor": f}) for f in (0.0, 0.5, 2.0)]
    return jobs, img


def policy_table():
    """The magnitude tables torchvision builds (float32 tensors) for the default policies."""
    return {
        "RandAugment": lambda size: T.RandAugment()._augmentation_space(31, size),
        "TrivialAugmentWide": lambda size: T.TrivialAugmentWide()._augmentation_space(31),
        "AutoAugment": lambda size: T.AutoAugment()._augmentation_space(10, size),
    }


def policy_case(name, magnitude, w, h, fill):
    """The table op that autoaugment._apply_op(img, name, magnitude, NEAREST, fill) runs."""
    if name in ("ShearX", "ShearY"):
        deg = math.degrees(math.atan(magnitude))
        p = {"angle": 0.0, "translate": [0, 0], "scale": 1.0,
             "shear": [deg, 0.0] if name == "ShearX" else [0.0, deg], "interpolation": "nearest",
             "center": [0, 0]}
        op = "affine"
    elif name in ("TranslateX", "TranslateY"):
        t = [int(magnitude), 0] if name == "TranslateX" else [0, int(magnitude)]
        p = {"angle": 0.0, "translate": t, "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"}
        op = "affine"
    elif name == "Rotate":
        op, p = "rotate", {"angle": magnitude, "interpolation": "nearest"}
    elif name in ("Brightness", "Color", "Contrast", "Sharpness"):
        op = {"Brightness": "brightness", "Color": "saturation", "Contrast": "contrast",
              "Sharpness": "sharpness"}[name]
        p = {"factor": 1.0 + magnitude}
    elif name == "Posterize":
        op, p = "posterize", {"bits": int(magnitude)}
    elif name == "Solarize":
        op, p = "solarize", {"threshold": magnitude}
    else:
        op, p = {"AutoContrast": "autocontrast", "Equalize": "equalize", "Invert": "invert"}[name], {}
    if fill is not None and op in ("affine", "rotate"):
        p["fill"] = fill
    return op, p


def policy_jobs(img):
    """Policy ops at table magnitudes: RandAugment(2, 9), TrivialAugmentWide bins 30 and
    17 (both signs for signed ops), every (op, magnitude bin) of AutoAugment's imagenet/cifar10/svhn
    policies (one sign each, alternating with the bin)."""
    jobs = []
    tables = policy_table()
    targets = [(img("scene", "RGB", 32, 32), None), (img("scene", "L", 32, 32), None),
               (img("scene", "RGB", 40, 28), [128, 128, 128])]
    picks = [("RandAugment", 9), ("TrivialAugmentWide", 30), ("TrivialAugmentWide", 17)]
    aa_entries = set()
    for pol in (T.AutoAugmentPolicy.IMAGENET, T.AutoAugmentPolicy.CIFAR10, T.AutoAugmentPolicy.SVHN):
        for sub in T.AutoAugment(pol).policies:
            for name, _, mid in sub:
                aa_entries.add((name, mid))
    for i, fill in targets:
        kind, _, mode, w, h = IMAGES[i]
        if fill is not None and mode == "L":
            fill = fill[:1]
        size = (h, w)
        seen = set()
        entries = [(pol, name, b) for pol, b in picks for name in tables[pol](size)]
        entries += [("AutoAugment", name, mid) for name, mid in sorted(aa_entries, key=str)]
        for pol, name, b in entries:
            if name == "Identity":
                continue
            mags, signed = tables[pol](size)[name]
            if mags.ndim == 0:
                if (name,) in seen:
                    continue
                seen.add((name,))
                mag = 0.0
            else:
                mag = float(mags[b].item())
            signs = (1.0, -1.0) if signed else (1.0,)
            if pol == "AutoAugment" and signed:
                signs = signs[b % 2:][:1]  # one sign per AutoAugment entry keeps the set small
            for sign in signs:
                m = mag * sign
                key = (name, m)
                if key in seen or (i != targets[0][0] and pol != "RandAugment"):
                    continue
                seen.add(key)
                op, p = policy_case(name, m, w, h, fill)
                dbg = {"policy_op": name, "policy": pol, "magnitude_bin": b, "magnitude": m}
                jobs.append((i, op, p, dbg))
    return jobs


def chain_jobs(img):
    s = img("scene", "RGB", 32, 32)
    L = img("scene", "L", 32, 32)
    shear = math.degrees(math.atan(0.27000001072883606))
    steps = [
        (s, [("pad_crop", {"pad": 4, "mode": "constant", "top": 5, "left": 1, "h": 32, "w": 32}), ("hflip", {}),
             ("solarize", {"threshold": 100})]),
        (s, [("pad_crop", {"pad": 4, "mode": "reflect", "top": 0, "left": 8, "h": 32, "w": 32}),
             ("affine", {"angle": 0.0, "translate": [0, 0], "scale": 1.0, "shear": [-shear, 0.0],
                         "interpolation": "nearest", "center": [0, 0]}), ("posterize", {"bits": 6})]),
        (s, [("brightness", {"factor": 1.2}), ("hue", {"factor": -0.05}), ("contrast", {"factor": 0.8}),
             ("saturation", {"factor": 1.3})]),
        (s, [("resized_crop", {"top": 3, "left": 2, "h": 22, "w": 27, "out_h": 32, "out_w": 32,
                               "interpolation": "bilinear"}), ("hflip", {})]),
        (L, [("rotate", {"angle": 9.0, "interpolation": "nearest"}), ("equalize", {}),
             ("sharpness", {"factor": 1.27})]),
        (img("scene", "RGB", 40, 28), [("pad_crop", {"pad": 4, "mode": "constant", "top": 2, "left": 7,
                                                     "h": 28, "w": 40}), ("vflip", {}), ("autocontrast", {})]),
    ]
    return [(i, "chain", {"steps": [{"op": o, "params": p} for o, p in st]}) for i, st in steps]


def later_jobs(img):
    """Cases added after the first set, appended so that every earlier case keeps its id and bytes:
    grayscale on every image, and affine about given centres (torchvision's PIL path uses them as
    pixel coordinates) on square and non-square L and RGB images, with every interpolation."""
    jobs = [(i, "grayscale", {}) for i in range(len(IMAGES))]
    targets = [img("scene", "RGB", 32, 32), img("scene", "L", 32, 32), img("scene", "RGB", 40, 28),
               img("scene", "L", 40, 28), img("blocks", "RGB", 40, 28)]
    for i in targets:
        _, _, mode, w, h = IMAGES[i]
        fill = [250, 120, 10] if mode == "RGB" else [200]
        base = {"translate": [0, 0], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": "nearest"}
        cases = [
            {"angle": 0.0, "shear": [16.7, 0.0], "center": [0, 0]},           # RandAugment's ShearX
            {"angle": 0.0, "shear": [0.0, -16.7], "center": [0, 0]},          # and ShearY
            {"angle": 30.0, "center": [0, 0]},
            {"angle": -20.0, "translate": [2, -3], "center": [w - 1, 0]},
            {"angle": 45.0, "scale": 0.8, "center": [w // 2, h // 2]},        # the image centre as given
            {"angle": 12.0, "shear": [5.0, -3.0], "center": [-4, h + 6], "fill": fill[:1] * len(fill)},
            {"angle": 90.0, "center": [3, h - 5]},
            {"angle": -33.0, "scale": 1.25, "center": [10.5, 3.25]},          # fractional centre
            {"angle": 25.0, "shear": [-8.0, 4.0], "center": [7, 9], "interpolation": "bilinear"},
            {"angle": -15.0, "scale": 0.9, "center": [0, 0], "interpolation": "bicubic", "fill": fill},
        ]
        for c in (cases if w == 32 or i == targets[2] else cases[::2]):
            jobs.append((i, "affine", {**base, **c}))
    return jobs


def check_policy_case(arr, dbg, op, p, res):
    """The table op must equal what torchvision's own policy code does for that op and magnitude."""
    img = gl.to_pil(arr)
    fill = p.get("fill")
    ref = np.array(_apply_op(img, dbg["policy_op"], dbg["magnitude"], InterpolationMode.NEAREST, fill))
    if not np.array_equal(ref, res):
        sys.exit(f"policy op {dbg} mapped to {op}{p} differs from autoaugment._apply_op")


def debug_for(op, arr, p):
    img = gl.to_pil(arr)
    d = {}
    if op == "affine":
        w, h = img.size
        center = p.get("center") or [w * 0.5, h * 0.5]
        d["inverse_matrix"] = F._get_inverse_affine_matrix(center, p["angle"], p["translate"], p["scale"],
                                                           p["shear"])
    elif op == "hue":
        with np.errstate(over="ignore"):
            d["hue_shift_uint8"] = int(np.uint8(p["factor"] * 255))
    elif op == "contrast":
        d["mean_of_L"] = int(ImageStat.Stat(img.convert("L")).mean[0] + 0.5)
    elif op == "rotate":
        d["angle_mod360"] = p["angle"] % 360.0
    return d


def generate_tv(out_dir):
    gl.fresh_dir(out_dir)
    images, arrays = [], []
    for kind, seed, mode, w, h in IMAGES:
        name = image_name(kind, mode, w, h)
        arr = gl.make_image(kind, w, h, mode, seed)
        arrays.append((name, arr))
        gl.save_npy(os.path.join(out_dir, "in", name + ".npy"), arr)
        images.append({"name": name, "file": f"in/{name}.npy", "mode": mode, "width": w, "height": h,
                       "shape": list(arr.shape), "generator": {"kind": kind, "seed": seed},
                       "min": int(arr.min()), "max": int(arr.max()),
                       "distinct_values": int(len(np.unique(arr)))})
    plain, img = plain_jobs()
    jobs = [(i, op, p, None) for i, op, p in plain]
    jobs += policy_jobs(img)
    jobs += [(i, op, p, None) for i, op, p in chain_jobs(img)]
    jobs += [(i, op, p, None) for i, op, p in later_jobs(img)]
    cases, not_per_band, counter = [], {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a deprecated or ignored argument would change the meaning
        for i, op, p, pdbg in jobs:
            name, arr = arrays[i]
            counter[(op, name)] = counter.get((op, name), 0) + 1
            cid = f"{op}__{name}__{counter[(op, name)]:03d}"
            res = run_case(op, arr, p)
            debug = debug_for(op, arr, p)
            if pdbg is not None:
                check_policy_case(arr, pdbg, op, p, res)
                debug.update(pdbg)
            if arr.ndim == 3:
                same = per_band_equal(op, arr, p, res)
                debug["per_band_equals_L"] = same
                if not same:
                    not_per_band.setdefault(op, []).append(cid)
            gl.save_npy(os.path.join(out_dir, "out", cid + ".npy"), res)
            cases.append({"id": cid, "op": op, "params": p, "input": f"in/{name}.npy",
                          "output": f"out/{cid}.npy", "mode": gl.mode_of(arr),
                          "in_shape": list(arr.shape), "out_shape": list(res.shape),
                          "debug": debug})
    counts = {}
    for c in cases:
        counts.setdefault(c["op"], {"L": 0, "RGB": 0})[c["mode"]] += 1
    manifest = {
        "set": "torchvision",
        **gl.environment(),
        "torch_version": torch.__version__,
        "torchvision_version": torchvision.__version__,
        "torchvision_backend": "PIL (inputs are PIL images: torchvision.transforms.functional_pil)",
        "generated_by": "tools/golden/make_tv_golden.py",
        "tolerance": "bit-exact expected for every case",
        "conventions": "arrays are uint8, C order, .npy v1.0; shape [H,W] is mode L, [H,W,3] is mode RGB; "
                       "img = Image.fromarray(input); expected = np.array(CALL(img)); output shape may "
                       "differ from input shape (pad_crop, resized_crop)",
        "ops_calls": OPS_CALLS,
        "params": {
            "interpolation": "nearest | bilinear | bicubic -> InterpolationMode.NEAREST/BILINEAR/BICUBIC "
                             "(PIL NEAREST=0, BILINEAR=2, BICUBIC=3)",
            "pad": "int (all sides), [left/right, top/bottom] or [left, top, right, bottom], as F.pad",
            "fill": "pad_crop: int or [r, g, b]; affine/rotate: list with one value per band (floats are "
                    "truncated by int() in _parse_fill)",
            "translate, center": "[x, y] in pixels; center defaults to [W*0.5, H*0.5] in F.affine and to "
                                 "Pillow's (W/2.0, H/2.0) in F.rotate",
            "shear": "[x, y] in degrees",
        },
        "counts": counts,
        "per_band_check": {"rgb_cases": sum(1 for c in cases if c["mode"] == "RGB"),
                           "not_per_band": {k: len(v) for k, v in not_per_band.items()}},
        "images": images,
        "n_cases": len(cases),
        "cases": cases,
    }
    gl.write_json(os.path.join(out_dir, "manifest.json"), manifest)
    n_policy = sum(1 for c in cases if "policy_op" in c["debug"])
    return (f"{len(cases)} cases (L {sum(v['L'] for v in counts.values())}, "
            f"RGB {sum(v['RGB'] for v in counts.values())}; {n_policy} policy ops checked against _apply_op), "
            f"{len(images)} images; RGB not per-band: " +
            ", ".join(f"{k} {len(v)}" for k, v in sorted(not_per_band.items())))


SETS = [("tv", generate_tv, "golden-tv", 3 * 1024 * 1024)]

if __name__ == "__main__":
    gl.run(SETS)
