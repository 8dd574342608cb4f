# Runs torchvision 0.14's own random transforms (and whole pipelines of them) on test images for
# RandomTransformsLiveTest, with torch's random calls answered from preaug's per-record stream
# (SplitMix64, dev.preaug.core.recipe.Rng, written out again below): torch.rand, torch.randint,
# torch.randperm, Python's random.random and random's randbelow, and Tensor.uniform_, the last
# as torch 1.13's CPU kernel computes it from its
# 24-bit draw u: fma(u, float32(b) - float32(a), float32(a)) rounded once to float32. torch.exp and
# torch.log stay torch's own. If preaug draws what torchvision draws, in the same order, the images
# match pixel for pixel and both leave the stream at the same point.
# Run with Debian's /usr/bin/python3.
# argv: directory with <name>.raw images and stages.txt (one pipeline per line, with {H} and {W}
# standing for the image's height and width, and "rgb " in front of those for RGB images only),
# seed, records, then name:mode:W:H per image.
# Writes <directory>/out.bin (every output, in order) and prints one line per record:
#   rec <image> <stage line> <record> <offset> <next value of the stream after forward>
import os
import random
import sys
from fractions import Fraction

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image

M64 = (1 << 64) - 1
LONG_MAX = (1 << 63) - 1


def fmix64(z):
    z = ((z ^ (z >> 33)) * 0xFF51AFD7ED558CCD) & M64
    z = ((z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53) & M64
    return z ^ (z >> 33)


class Rng:
    """preaug's Rng: SplitMix64 seeded by Rng.forRecord's mix of four coordinates."""

    def __init__(self, seed, epoch, index, copy):
        h = fmix64((seed & M64) ^ 0x243F6A8885A308D3)
        h = fmix64(h ^ fmix64((epoch + 0x13198A2E03707344) & M64))
        h = fmix64(h ^ fmix64((index + 0xA4093822299F31D0) & M64))
        self.state = fmix64(h ^ fmix64((copy + 0x082EFA98EC4E6C89) & M64))

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def below(self, bound):
        if bound & (bound - 1) == 0:
            return self.next_long() & (bound - 1)
        excess = (LONG_MAX % bound + 1) % bound
        while True:
            u = self.next_long() >> 1
            if u <= LONG_MAX - excess:
                return u % bound

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_float(self):
        return (self.next_long() >> 40) * 2.0 ** -24


current = None


def randint(*args, size=None, dtype=torch.long, **kwargs):
    if size is None:  # torch.randint(high, (n,)), as the policies call it
        args, size = args[:-1], args[-1]
    low, high = (0, args[0]) if len(args) == 1 else args
    return torch.tensor([int(low) + current.below(int(high) - int(low)) for _ in range(size[0])],
                        dtype=dtype)


def rand(size):
    n = size[0] if isinstance(size, tuple) else size
    return torch.tensor([current.next_float() for _ in range(n)], dtype=torch.float32)


def randperm(n, **kwargs):
    r = list(range(n))
    for i in range(n - 1):
        z = current.below(n - i)
        r[i], r[i + z] = r[i + z], r[i]
    return torch.tensor(r, dtype=torch.long)


def to_float32(x):
    """The float32 nearest to the exact rational x, ties to even."""
    f = np.float32(float(x))
    best = None
    for c in (np.nextafter(f, np.float32(-np.inf)), f, np.nextafter(f, np.float32(np.inf))):
        d = abs(Fraction(float(c)) - x)
        even = int(np.float32(c).view(np.uint32)) % 2 == 0
        if best is None or d < best[0] or (d == best[0] and even):
            best = (d, c)
    return best[1]


def uniform_(self, a, b):
    a, b = np.float32(float(a)), np.float32(float(b))
    u = Fraction(current.next_float())
    return self.fill_(float(to_float32(u * Fraction(float(b - a)) + Fraction(float(a)))))


torch.randint = randint
torch.rand = rand
torch.randperm = randperm
torch.Tensor.uniform_ = uniform_
# RandomChoice and RandomOrder draw from Python's random module: random.choices calls the hidden
# instance's random(), random.shuffle its _randbelow.
random._inst.random = lambda: current.next_double()
random._inst._randbelow = lambda n: current.below(n)

NAMES = dict(vars(T))
NAMES.update(T=T, transforms=T, InterpolationMode=T.InterpolationMode)

directory, seed, records = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(os.path.join(directory, "stages.txt")) as f:
    lines = [line.rstrip("\n") for line in f if line.strip()]
offset = 0
with open(os.path.join(directory, "out.bin"), "wb") as out:
    for spec in sys.argv[4:]:
        name, mode, w, h = spec.split(":")
        w, h = int(w), int(h)
        with open(os.path.join(directory, name + ".raw"), "rb") as f:
            img = Image.frombytes(mode, (w, h), f.read())
        for number, line in enumerate(lines):
            if line.startswith("rgb ") and mode != "RGB":
                continue
            text = line[4:] if line.startswith("rgb ") else line
            text = text.replace("{H}", str(h)).replace("{W}", str(w))
            stages = [eval(part, NAMES) for part in text.split("|")]
            for r in range(records):
                current = Rng(seed, 0, r, 0)
                x = img
                for stage in stages:
                    x = stage(x)
                data = x.tobytes()
                out.write(data)
                print("rec", name, number, r, offset, current.next_long())
                offset += len(data)
