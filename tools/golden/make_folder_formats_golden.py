#!/usr/bin/python3
"""Golden set for image-folder inputs beyond golden-folder/'s 8-bit PNGs (issue 13), with real Pillow.

    /usr/bin/python3 tools/golden/make_folder_formats_golden.py            # regenerate in place
    /usr/bin/python3 tools/golden/make_folder_formats_golden.py --check    # compare a fresh run byte for byte

Writes core/src/test/resources/golden-folder-formats/: image files whose sample layouts
golden-folder/ (RGB, RGBA, P, P+tRNS and L PNGs at 8 bits) does not have -- gray+alpha, 1/2/4-bit
gray, 16-bit gray/gray+alpha/RGB/RGBA PNGs, a palette PNG with a short palette, GIF, BMP and
baseline JPEG (gray, 4:4:4 and 4:2:0) -- and, for each, np.array(Image.open(f).convert(mode)) for
mode L and RGB, unresized and .resize((32, 32)). Same manifest format as golden-folder/; the Java
test (FolderImagesGoldenTest) requires every case bit-exact, the JPEGs included (the JDK's decoder
and Pillow's libjpeg-turbo agree on these baseline files).
Needs Debian's python3-pil (9.4) and python3-numpy; run with /usr/bin/python3.
"""
import io
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib as gl  # noqa: E402


def inputs():
    """(name, file extension, bytes). Sizes (width x height) all differ."""
    out = []
    rng = np.random.default_rng(61)
    scene = gl.make_image("scene", 27, 33, "RGB", 62)
    gray = gl.make_image("scene", 27, 33, "L", 63)
    # Gray + alpha (PNG colour type 4): alpha must be dropped, never composited.
    la = Image.fromarray(np.dstack([gray, rng.integers(0, 256, gray.shape, dtype=np.uint8)]), "LA")
    b = io.BytesIO()
    la.save(b, "PNG")
    out.append(("la_27x33", "png", b.getvalue()))
    # 1-, 2- and 4-bit gray PNGs.
    for bits in (1, 2, 4):
        v = rng.integers(0, 1 << bits, (19, 30), dtype=np.uint8)
        b = io.BytesIO()
        if bits == 1:
            Image.fromarray(v.astype(bool)).save(b, "PNG")
        else:
            Image.fromarray(v, "L").save(b, "PNG", bits=bits)
        out.append((f"gray{bits}bit_30x19", "png", b.getvalue()))
    # 16-bit gray (values above 255 too: Pillow's mode I, which convert clips), RGB, RGBA and
    # gray+alpha. Pillow cannot write these, so the PNGs are built by hand.
    for name, ctype, ch, w, h in (("gray16_26x21", 0, 1, 26, 21), ("rgb16_22x25", 2, 3, 22, 25),
                                  ("rgba16_24x18", 6, 4, 24, 18), ("la16_17x23", 4, 2, 17, 23)):
        a = rng.integers(0, 65536, (h, w, ch), dtype=np.int64)
        a[:3] = rng.integers(0, 300, (3, w, ch))
        out.append((name, "png", raw_png(w, h, 16, ctype, a.astype(">u2").tobytes(), w * ch * 2)))
    # A palette PNG with only 5 entries.
    idx = rng.integers(0, 5, (20, 35), dtype=np.uint8)
    pim = Image.fromarray(idx, "P")
    pim.putpalette([10, 200, 30, 250, 5, 99, 0, 0, 0, 128, 128, 255, 77, 66, 55])
    b = io.BytesIO()
    pim.save(b, "PNG")
    out.append(("p_short_35x20", "png", b.getvalue()))
    # GIF (palette) and BMP (24-bit, and 8-bit palette).
    b = io.BytesIO()
    Image.fromarray(scene, "RGB").quantize(colors=32).save(b, "GIF")
    out.append(("gif_27x33", "gif", b.getvalue()))
    b = io.BytesIO()
    Image.fromarray(gl.make_image("scene", 31, 22, "RGB", 64), "RGB").save(b, "BMP")
    out.append(("bmp24_31x22", "bmp", b.getvalue()))
    b = io.BytesIO()
    Image.fromarray(gl.make_image("scene", 29, 17, "RGB", 65), "RGB").quantize(colors=40).save(b, "BMP")
    out.append(("bmp8_29x17", "bmp", b.getvalue()))
    # Baseline JPEGs: gray, colour 4:4:4, colour 4:2:0.
    jscene = gl.make_image("scene", 40, 30, "RGB", 66)
    for name, mode, sub in (("jpeg_gray_40x30", "L", None), ("jpeg444_40x30", "RGB", 0),
                            ("jpeg420_40x30", "RGB", 2)):
        im = Image.fromarray(jscene, "RGB")
        if mode == "L":
            im = im.convert("L")
        b = io.BytesIO()
        kw = {} if sub is None else {"subsampling": sub}
        im.save(b, "JPEG", quality=90, **kw)
        out.append((name, "jpg", b.getvalue()))
    return out


def raw_png(w, h, depth, ctype, data, stride):
    import struct
    import zlib

    def chunk(t, payload):
        return (struct.pack(">I", len(payload)) + t + payload
                + struct.pack(">I", zlib.crc32(t + payload) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + data[y * stride:(y + 1) * stride] for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def generate(out_dir):
    gl.fresh_dir(out_dir)
    files, cases = [], []
    for name, ext, data in inputs():
        rel = f"in/{name}.{ext}"
        with open(os.path.join(out_dir, rel), "wb") as fh:
            fh.write(data)
        with Image.open(os.path.join(out_dir, rel)) as f:
            loaded = f.mode
            size = f.size
        files.append({"name": name, "file": rel, "mode": loaded, "width": size[0], "height": size[1]})
        for mode in ("L", "RGB"):
            for size_to in (None, (32, 32)):
                with Image.open(os.path.join(out_dir, rel)) as f:
                    res = f.convert(mode)
                call = f"Image.open(f).convert('{mode}')"
                if size_to is not None:
                    res = res.resize(size_to)
                    call += f".resize({size_to})"
                arr = np.array(res)
                sz = "" if size_to is None else f"_{size_to[0]}x{size_to[1]}_default"
                cid = f"{name}__{mode.lower()}{sz}"
                gl.save_npy(os.path.join(out_dir, "out", cid + ".npy"), arr)
                cases.append({"id": cid, "input": rel, "input_mode": loaded, "mode": mode,
                              "size": None if size_to is None else list(size_to),
                              "resample": None if size_to is None else "default",
                              "resample_used": None if size_to is None else "bicubic",
                              "call": call, "expected": f"out/{cid}.npy", "shape": list(arr.shape)})
    manifest = {
        "set": "folder-formats",
        **gl.environment(),
        "generated_by": "tools/golden/make_folder_formats_golden.py",
        "what": "image-folder conversion of sample layouts beyond golden-folder/: each case opens "
                "'input' with Pillow, converts it to 'mode' and, when 'size' [W, H] is given, resizes "
                "it (BICUBIC, the default); 'expected' is np.array of the result",
        "jpeg": "Pillow decodes JPEG with libjpeg(-turbo), preaug with the JDK's decoder; on these "
                "baseline files (quality 90, gray, 4:4:4 and 4:2:0) they agree bit for bit",
        "inputs": files,
        "n_cases": len(cases),
        "cases": cases,
    }
    gl.write_json(os.path.join(out_dir, "manifest.json"), manifest)
    return f"{len(cases)} cases, {len(files)} inputs"


if __name__ == "__main__":
    gl.run([("folder-formats", generate, "golden-folder-formats", 256 * 1024)])
