# Prints torchvision 0.14's policy tables for PolicyTablesLiveTest: every augmentation space
# (op names, float32 magnitudes as bit patterns, signed flags), the AutoAugment sub-policies, how
# torch compares a drawn probability with each of their probabilities, and the shear angles
# _apply_op derives from each shear magnitude. Run with Debian's /usr/bin/python3.
# argv: bins,... WxH,...
import math
import struct
import sys

import mpmath
import torch
from torchvision.transforms import autoaugment as A

mpmath.mp.prec = 200
bins_list = [int(b) for b in sys.argv[1].split(",")]
sizes = [tuple(int(v) for v in s.split("x")) for s in sys.argv[2].split(",")]


def bits(t):
    if t.ndim == 0:
        return "-"
    return ",".join("%08x" % struct.unpack("<I", struct.pack("<f", float(v)))[0] for v in t.tolist())


shears = set()


def space(kind, nbins, w, h, table):
    for i, (name, (mags, signed)) in enumerate(table.items()):
        print("space", kind, nbins, w, h, i, name, int(signed), bits(mags))
        if name.startswith("Shear") and mags.ndim > 0:
            shears.update(float(v) for v in mags.tolist())


for nbins in bins_list:
    for (w, h) in sizes:
        # torchvision passes the size as (height, width)
        space("ra", nbins, w, h, A.RandAugment()._augmentation_space(nbins, (h, w)))
    space("ta", nbins, 0, 0, A.TrivialAugmentWide()._augmentation_space(nbins))
for (w, h) in sizes:
    space("aa", 10, w, h, A.AutoAugment()._augmentation_space(10, (h, w)))

probs = set()
for policy in A.AutoAugmentPolicy:
    for i, sub in enumerate(A.AutoAugment(policy).policies):
        for j, (name, p, m) in enumerate(sub):
            print("policy", policy.value, i, j, name, repr(p), "None" if m is None else m)
            probs.add(p)

# The largest k for which the drawn float32 value k / 2^24 counts as <= p in torch.
for p in sorted(probs):
    k = int(p * 2 ** 24) + 2
    while not bool(torch.tensor([k * 2.0 ** -24], dtype=torch.float32) <= p):
        k -= 1
    print("threshold", repr(p), k)

for m in sorted(shears):
    for x in (m, -m):
        # mpmath has no signed zero; atan keeps the sign of its argument
        exact = math.copysign(float(mpmath.atan(mpmath.mpf(x))), x)
        print("shear", x.hex(), math.degrees(math.atan(x)).hex(), math.degrees(exact).hex(),
              math.atan(x).hex(), exact.hex())
