# Applies torchvision 0.14's own _apply_op to test images for PolicyOpsPixelTest: every op of
# RandAugment's (31 bins), TrivialAugmentWide's (31 bins) and AutoAugment's (10 bins) space at
# every bin and both signs, with the magnitude torchvision's forward passes, NEAREST and fill
# None. Run with Debian's /usr/bin/python3.
# argv: directory with <name>.raw images (bands interleaved), then name:mode:W:H per image.
# Writes <directory>/out.bin (every output, in order) and prints one line per case:
#   case <image> <space> <op> <bin> <negative 0/1> <offset>
import os
import sys

from PIL import Image
from torchvision.transforms import InterpolationMode
from torchvision.transforms import autoaugment as A

directory = sys.argv[1]
offset = 0
with open(os.path.join(directory, "out.bin"), "wb") as out:
    for spec in sys.argv[2:]:
        name, mode, w, h = spec.split(":")
        w, h = int(w), int(h)
        with open(os.path.join(directory, name + ".raw"), "rb") as f:
            img = Image.frombytes(mode, (w, h), f.read())
        spaces = {
            "ra": A.RandAugment()._augmentation_space(31, (h, w)),
            "ta": A.TrivialAugmentWide()._augmentation_space(31),
            "aa": A.AutoAugment()._augmentation_space(10, (h, w)),
        }
        for kind, space in spaces.items():
            for op, (mags, signed) in space.items():
                bins = range(len(mags)) if mags.ndim > 0 else [0]
                for b in bins:
                    for negative in ([0, 1] if signed else [0]):
                        magnitude = float(mags[b].item()) if mags.ndim > 0 else 0.0
                        if negative:
                            magnitude *= -1.0
                        res = A._apply_op(img, op, magnitude, InterpolationMode.NEAREST, None)
                        data = res.tobytes()
                        assert res.mode == mode and res.size == (w, h), (op, res.mode, res.size)
                        out.write(data)
                        print("case", name, kind, op, b, negative, offset)
                        offset += len(data)
