#!/usr/bin/python3
"""Golden sets for colour and any image size (issue 13), made with real Pillow.

    /usr/bin/python3 tools/golden/make_rgb_golden.py            # regenerate both sets in place
    /usr/bin/python3 tools/golden/make_rgb_golden.py --check    # regenerate into a temp dir, compare bytes
    options: --only rgb|folder, --root DIR

Sets written under core/src/test/resources/:

golden-rgb/     the seed's seven ops (and chains of them) on RGB 32x32, on non-square images in
                both modes (48x40 and 40x56, width x height, L and RGB) and on RGB 160x160 with blur
                radii beyond 2. Same manifest format as golden/ (what `parity` reads): an array's
                shape gives its mode, [H,W] is L and [H,W,3] is RGB.
golden-folder/  image-folder conversion: small PNGs (RGB, RGBA, P, P with transparency, L) of mixed
                sizes and the arrays Pillow gives for Image.open(f).convert(mode) and
                .convert(mode).resize((W, H)[, resample]).

The ops are called exactly as issue 13 item 2 defines them for any mode and size (see OPS_CALLS).
Before writing, the generator replays the in-repo gray set (golden/, 64x64) through the same op code
and stops if a single case differs, so the definitions here are the seed's.
Needs Debian's python3-pil (9.4) and python3-numpy; run with /usr/bin/python3.
"""
import json
import math
import os
import sys

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib as gl  # noqa: E402

OPS_CALLS = {
    "rotate": "img.rotate(angle)",
    "shear": "img.transform(img.size, Image.AFFINE, (1, x_shear, 0, y_shear, 1, 0))",
    "resize_paste": "bg = Image.new(img.mode, img.size); bg.paste(img.resize((w, h)), (ox, oy))",
    "sine": "t = np.array(img); H, W = t.shape[:2]; A = H/3.0; w = 2.0/W; for i in range(W): "
            "t[:, i] = np.roll(t[:, i], int(f*A*np.sin(-2*np.pi*i*w)), axis=0)",
    "gaussian_blur": "img.filter(ImageFilter.GaussianBlur(radius=radius))",
    "sharpen": "img.filter(ImageFilter.SHARPEN)",
    "smooth": "img.filter(ImageFilter.SMOOTH)",
    "chain": "apply params.steps in order, each as above",
}


# ----------------------------------------------------------------------------- the ops (Pillow)
def sine_shifts(f, h, w):
    A = h / 3.0
    ww = 2.0 / w
    shift = lambda x: f * A * np.sin(-2 * np.pi * x * ww)  # noqa: E731  (the seed's expression)
    return [int(shift(i)) for i in range(w)]


def sine_is_ambiguous(f, h, w):
    """True when numpy's sin and libm's sin give different integer shifts (pillow-ops.md 4)."""
    A = h / 3.0
    ww = 2.0 / w
    libm = [int(f * A * math.sin(-2 * np.pi * i * ww)) for i in range(w)]
    return libm != sine_shifts(f, h, w)


def pil_op(op, arr, p):
    img = gl.to_pil(arr)
    if op == "rotate":
        out = img.rotate(p["angle"])
    elif op == "shear":
        out = img.transform(img.size, Image.AFFINE, (1, p["x_shear"], 0, p["y_shear"], 1, 0))
    elif op == "resize_paste":
        small = img.resize((p["w"], p["h"]))
        out = Image.new(img.mode, img.size)
        out.paste(small, (p["ox"], p["oy"]))
    elif op == "sine":
        t = np.array(img)
        for i, s in enumerate(sine_shifts(p["f"], t.shape[0], t.shape[1])):
            t[:, i] = np.roll(t[:, i], s, axis=0)
        out = Image.fromarray(t, img.mode)
    elif op == "gaussian_blur":
        out = img.filter(ImageFilter.GaussianBlur(radius=p["radius"]))
    elif op == "sharpen":
        out = img.filter(ImageFilter.SHARPEN)
    elif op == "smooth":
        out = img.filter(ImageFilter.SMOOTH)
    else:
        raise ValueError(op)
    res = np.array(out)
    assert res.dtype == np.uint8 and res.shape == arr.shape, (op, res.shape, arr.shape)
    return res


def run_case(op, arr, p):
    if op == "chain":
        for st in p["steps"]:
            arr = pil_op(st["op"], arr, st["params"])
        return arr
    return pil_op(op, arr, p)


def per_band_equal(op, arr, p, res):
    """Does the RGB result equal the op run on each band as an L image?"""
    bands = [run_case(op, np.ascontiguousarray(arr[:, :, b]), p) for b in range(3)]
    return bool(np.array_equal(np.stack(bands, axis=-1), res))


def replay_gray_set():
    """Run the committed 64x64 gray set (golden/) through pil_op; every case must match."""
    d = os.path.join(gl.RESOURCES, "golden")
    with open(os.path.join(d, "manifest.json")) as fh:
        m = json.load(fh)
    bad = [c["id"] for c in m["cases"]
           if not np.array_equal(run_case(c["op"], np.load(os.path.join(d, c["input"])), c["params"]),
                                 np.load(os.path.join(d, c["output"])))]
    if bad:
        sys.exit(f"op definitions disagree with the committed gray set on {len(bad)} cases: {bad[:5]}")
    return len(m["cases"])


# ----------------------------------------------------------------------------- rgb set
def rgb_config():
    """(image spec, ops dict, chains) groups. Image size is (width, height)."""
    groups = []
    # RGB 32x32: the CIFAR size.
    ops32 = {
        "rotate": [{"angle": a} for a in (-15.0, -7.5, 0.3, 12.0, 30.0, 45.0, 0.0, 90.0, 180.0, -90.0)],
        "shear": [{"x_shear": x, "y_shear": y} for x, y in
                  ((0.1, 0.0), (0.0, 0.1), (-0.2, 0.15), (0.2, -0.2), (0.0, 0.0))],
        "resize_paste": [{"w": w, "h": h, "ox": ox, "oy": oy} for w, h, ox, oy in (
            (13, 20, 10, 6), (31, 10, 0, 11), (16, 16, 8, 8), (24, 28, 4, 2), (32, 20, 0, 6),
            (20, 32, 5, 0), (35, 25, -2, 3), (32, 32, 0, 0))],
        "sine": [{"f": f} for f in (0.15, -0.15, 0.2, -0.183)],
        "gaussian_blur": [{"radius": r} for r in (0.5, 0.73, 1.0, 1.2, 2.5)],
        "sharpen": [{}],
        "smooth": [{}],
    }
    chains32 = [
        [("rotate", {"angle": 9.3}), ("gaussian_blur", {"radius": 0.8})],
        [("shear", {"x_shear": 0.12, "y_shear": -0.08}), ("sharpen", {})],
        [("resize_paste", {"w": 20, "h": 17, "ox": 6, "oy": 10}), ("smooth", {})],
        [("sine", {"f": 0.166}), ("gaussian_blur", {"radius": 1.1})],
    ]
    for kind, seed in (("scene", 11), ("noise", 12), ("blocks", 13)):
        groups.append(({"kind": kind, "seed": seed, "mode": "RGB", "width": 32, "height": 32},
                       ops32, chains32 if kind != "noise" else chains32[:2]))

    # Non-square, both modes: 48 wide x 40 high and 40 wide x 56 high.
    def ops_ns(w, h):
        return {
            "rotate": [{"angle": a} for a in (-12.0, 7.5, 90.0, 180.0, 270.0)],
            "shear": [{"x_shear": 0.15, "y_shear": -0.1}, {"x_shear": -0.05, "y_shear": 0.2}],
            "resize_paste": [
                {"w": w // 2, "h": h - 7, "ox": w // 5, "oy": 3},
                {"w": w - 1, "h": h // 3, "ox": 1, "oy": h // 2},
                {"w": w + 6, "h": h + 2, "ox": -3, "oy": -1},
            ],
            "sine": [{"f": f} for f in (0.16, -0.19, 0.173)],
            "gaussian_blur": [{"radius": r} for r in (0.6, 1.1, 3.0)],
            "sharpen": [{}],
            "smooth": [{}],
        }
    chains_ns = [[("rotate", {"angle": -9.3}), ("sharpen", {})],
                 [("resize_paste", {"w": 21, "h": 19, "ox": 4, "oy": 9}), ("gaussian_blur", {"radius": 0.9})]]
    for (w, h), kinds in (((48, 40), (("scene", 21), ("noise", 22))),
                          ((40, 56), (("scene", 31), ("blocks", 32)))):
        for mode in ("L", "RGB"):
            for kind, seed in kinds:
                groups.append(({"kind": kind, "seed": seed, "mode": mode, "width": w, "height": h},
                               ops_ns(w, h), chains_ns if kind == "scene" else []))

    # Large: RGB 160x160, blur radii beyond 2 (box radius R > 0).
    ops160 = {
        "rotate": [{"angle": a} for a in (-11.3, 33.0)],
        "shear": [{"x_shear": 0.12, "y_shear": -0.08}],
        "resize_paste": [{"w": 100, "h": 70, "ox": 20, "oy": 40}, {"w": 159, "h": 80, "ox": 1, "oy": 10},
                         {"w": 170, "h": 150, "ox": -5, "oy": -3}],
        "sine": [{"f": 0.17}, {"f": -0.2}],
        "gaussian_blur": [{"radius": r} for r in (1.0, 2.5, 4.0, 7.3)],
        "sharpen": [{}],
        "smooth": [{}],
    }
    groups.append(({"kind": "scene", "seed": 41, "mode": "RGB", "width": 160, "height": 160}, ops160,
                   [[("rotate", {"angle": 21.7}), ("gaussian_blur", {"radius": 2.5})]]))
    groups.append(({"kind": "noise", "seed": 42, "mode": "RGB", "width": 160, "height": 160},
                   {"gaussian_blur": [{"radius": r} for r in (2.5, 7.3)]}, []))
    return groups


def generate_rgb(out_dir):
    n_gray = replay_gray_set()
    gl.fresh_dir(out_dir)
    images, cases, mismatched = [], [], []
    for spec, ops, chains in rgb_config():
        w, h, mode = spec["width"], spec["height"], spec["mode"]
        name = f"{mode.lower()}_{w}x{h}_{spec['kind']}"
        arr = gl.make_image(spec["kind"], w, h, mode, spec["seed"])
        gl.save_npy(os.path.join(out_dir, "in", name + ".npy"), arr)
        images.append({"name": name, "file": f"in/{name}.npy", "mode": mode, "width": w, "height": h,
                       "shape": list(arr.shape), "generator": spec,
                       "min": int(arr.min()), "max": int(arr.max())})
        jobs = [(op, p) for op, plist in ops.items() for p in plist]
        jobs += [("chain", {"steps": [{"op": o, "params": q} for o, q in steps]}) for steps in chains]
        counter = {}
        for op, p in jobs:
            for st in (p["steps"] if op == "chain" else [{"op": op, "params": p}]):
                if st["op"] == "sine" and sine_is_ambiguous(st["params"]["f"], h, w):
                    sys.exit(f"sine f={st['params']['f']} at {w}x{h}: np.sin and libm sin give "
                             "different shifts; pick another factor")
            counter[op] = counter.get(op, 0) + 1
            cid = f"{op}__{name}__{counter[op]:03d}"
            res = run_case(op, arr, p)
            gl.save_npy(os.path.join(out_dir, "out", cid + ".npy"), res)
            debug = {}
            if op == "sine":
                debug["shifts"] = sine_shifts(p["f"], h, w)
            if op == "rotate":
                debug["angle_mod360"] = p["angle"] % 360.0
            if mode == "RGB":
                same = per_band_equal(op, arr, p, res)
                debug["per_band_equals_L"] = same
                if not same:
                    mismatched.append(cid)
            cases.append({"id": cid, "op": op, "params": p, "input": f"in/{name}.npy",
                          "output": f"out/{cid}.npy", "mode": mode, "width": w, "height": h,
                          "changed_pixels": int(np.any(res != arr, axis=-1).sum() if arr.ndim == 3
                                                else (res != arr).sum()),
                          "debug": debug})
    manifest = {
        "set": "rgb",
        **gl.environment(),
        "generated_by": "tools/golden/make_rgb_golden.py",
        "tolerance": "bit-exact expected for every case",
        "conventions": "arrays are uint8, C order, .npy v1.0; shape [H,W] is mode L, [H,W,3] is mode RGB "
                       "(bands R,G,B interleaved); width and height as in Pillow's img.size = (W, H)",
        "ops_calls": OPS_CALLS,
        "notes": [
            "sine loops over all W columns (issue 13); the seed's code loops range(t.shape[0]) (H), "
            "the same thing only for square images.",
            "resize_paste pastes onto Image.new(img.mode, img.size): black, 0 in every band.",
            f"the op code above reproduces all {n_gray} cases of the 64x64 gray set golden/ bit for bit.",
            "debug.per_band_equals_L: the RGB result equals the op applied to each band as an L image.",
        ],
        "per_band_check": {"rgb_cases": sum(1 for c in cases if c["mode"] == "RGB"),
                           "not_per_band": mismatched},
        "images": images,
        "n_cases": len(cases),
        "cases": cases,
    }
    gl.write_json(os.path.join(out_dir, "manifest.json"), manifest)
    by_mode = {}
    for c in cases:
        k = f"{c['mode']} {c['width']}x{c['height']}"
        by_mode[k] = by_mode.get(k, 0) + 1
    return (f"{len(cases)} cases ({', '.join(f'{k}: {v}' for k, v in by_mode.items())}), "
            f"{len(images)} images; gray set replayed {n_gray}/{n_gray}; RGB cases not per-band: {len(mismatched)}")


# ----------------------------------------------------------------------------- folder set
RESAMPLE = {"nearest": Image.Resampling.NEAREST, "bilinear": Image.Resampling.BILINEAR,
            "bicubic": Image.Resampling.BICUBIC}


def folder_inputs():
    """(name, PIL image to save as PNG). Sizes are (width, height) and all differ."""
    out = []
    rgb = gl.make_image("scene", 37, 29, "RGB", 51)
    out.append(("rgb_37x29", Image.fromarray(rgb, "RGB")))
    # RGBA: alpha from 0 to 255 over colour whose RGB is not black where alpha is 0, so a reader
    # that composites over black or white (instead of dropping alpha, as convert('RGB') does) fails.
    rgba = gl.make_image("scene", 50, 34, "RGB", 52)
    alpha = (np.arange(50)[None, :] * 255 // 49).repeat(34, axis=0).astype(np.uint8)
    alpha[5:12, 5:20] = 0
    out.append(("rgba_50x34", Image.fromarray(np.dstack([rgba, alpha]), "RGBA")))
    # P: an adaptive palette (quantised scene), and a small hand palette with a transparent index.
    p = Image.fromarray(gl.make_image("scene", 23, 41, "RGB", 53), "RGB").quantize(colors=48)
    out.append(("p_23x41", p))
    idx = np.random.default_rng(54).integers(0, 6, (26, 64), dtype=np.uint8)
    pt = Image.fromarray(idx, "P")
    pt.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 250, 250, 17, 130, 201, 90, 90, 90])
    pt.info["transparency"] = 3
    out.append(("p_trns_64x26", pt))
    out.append(("l_31x31", Image.fromarray(gl.make_image("scene", 31, 31, "L", 55), "L")))
    out.append(("l_noise_20x48", Image.fromarray(gl.make_image("noise", 20, 48, "L", 56), "L")))
    return out


def folder_cases(name):
    """(mode, size or None, resample name or None) for one input."""
    rows = []
    for mode in ("RGB", "L"):
        rows.append((mode, None, None))
        for size in ((32, 32), (40, 24)):
            for rs in ("default", "bilinear", "nearest"):
                rows.append((mode, size, rs))
    if name == "rgb_37x29":
        rows.append(("RGB", (64, 64), "default"))   # upscale
        rows.append(("RGB", (37, 29), "default"))   # same size: Pillow returns a copy
        rows.append(("RGB", (32, 32), "bicubic"))   # explicit BICUBIC == default
    return rows


def conversion_by_formula(path, mode):
    """The documented conversion rules (manifest 'conversion_facts'), computed with numpy."""
    with Image.open(path) as f:
        src_mode = f.mode
        raw = np.array(f)
        palette = f.getpalette()
    if src_mode == "P":
        pal = np.array(palette, np.int64).reshape(-1, 3)
        rgb = pal[raw.astype(np.int64)]
    elif src_mode in ("RGB", "RGBA"):
        rgb = raw[:, :, :3].astype(np.int64)
    elif src_mode == "L":
        rgb = np.repeat(raw[:, :, None].astype(np.int64), 3, axis=2)
    else:
        raise ValueError(src_mode)
    if mode == "RGB":
        return rgb.astype(np.uint8)
    if src_mode == "L":
        return raw
    return ((rgb[:, :, 0] * 19595 + rgb[:, :, 1] * 38470 + rgb[:, :, 2] * 7471 + 0x8000) >> 16).astype(np.uint8)


def generate_folder(out_dir):
    gl.fresh_dir(out_dir)
    inputs, cases = [], []
    default_resample = None
    for name, im in folder_inputs():
        path = os.path.join(out_dir, "in", name + ".png")
        im.save(path, optimize=False)
        with Image.open(path) as f:
            loaded_mode, size, trns = f.mode, f.size, f.info.get("transparency")
        inputs.append({"name": name, "file": f"in/{name}.png", "mode": loaded_mode,
                       "width": size[0], "height": size[1], "transparency": trns})
        for mode, size_to, rs in folder_cases(name):
            with Image.open(path) as f:
                conv = f.convert(mode)
            if size_to is None:
                res, call = conv, f"Image.open(f).convert('{mode}')"
                used = None
                if not np.array_equal(np.array(res), conversion_by_formula(path, mode)):
                    sys.exit(f"{name}: convert('{mode}') does not follow the documented formula")
            elif rs == "default":
                res = conv.resize(size_to)
                call = f"Image.open(f).convert('{mode}').resize({size_to})"
                # Pillow 9.4 Image.resize: resample=None becomes BICUBIC unless ';' is in the mode.
                used = "bicubic" if ";" not in conv.mode else "nearest"
                default_resample = used
                assert np.array_equal(np.array(res), np.array(conv.resize(size_to, RESAMPLE[used])))
            else:
                res = conv.resize(size_to, RESAMPLE[rs])
                call = f"Image.open(f).convert('{mode}').resize({size_to}, Image.Resampling.{rs.upper()})"
                used = rs
            arr = np.array(res)
            sz = "" if size_to is None else f"_{size_to[0]}x{size_to[1]}_{rs}"
            cid = f"{name}__{mode.lower()}{sz}"
            gl.save_npy(os.path.join(out_dir, "out", cid + ".npy"), arr)
            cases.append({"id": cid, "input": f"in/{name}.png", "input_mode": loaded_mode,
                          "mode": mode, "size": None if size_to is None else list(size_to),
                          "resample": rs, "resample_used": used, "call": call,
                          "expected": f"out/{cid}.npy", "shape": list(arr.shape)})
    manifest = {
        "set": "folder",
        **gl.environment(),
        "generated_by": "tools/golden/make_rgb_golden.py",
        "what": "image-folder conversion: each case opens 'input' with Pillow, converts it to 'mode' "
                "and, when 'size' [W, H] is given, resizes it; 'expected' is np.array of the result "
                "([H,W] for L, [H,W,3] for RGB)",
        "resample": "'default' is resize(size) with no filter argument; Pillow 9.4 then uses "
                    f"{default_resample.upper()} (Image.resize: resample=None -> BICUBIC unless the mode "
                    "has ';'; NEAREST was the default before Pillow 7.0). 'resample_used' names it.",
        "conversion_facts": [
            "RGB->L: L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16 (Convert.c rgb2l).",
            "RGBA->RGB drops alpha, no compositing; RGBA->L uses the RGB->L formula, alpha ignored.",
            "P->RGB looks up the palette; P->L applies the RGB->L formula to the palette entry; "
            "a tRNS transparent index is ignored by both.",
            "L->RGB copies the value into the three bands.",
        ],
        "inputs": inputs,
        "n_cases": len(cases),
        "cases": cases,
    }
    gl.write_json(os.path.join(out_dir, "manifest.json"), manifest)
    return f"{len(cases)} cases, {len(inputs)} PNG inputs"


SETS = [
    ("rgb", generate_rgb, "golden-rgb", 3 * 1024 * 1024),
    ("folder", generate_folder, "golden-folder", 512 * 1024),
]

if __name__ == "__main__":
    gl.run(SETS)
