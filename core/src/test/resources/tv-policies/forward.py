# Runs torchvision 0.14's own RandAugment / TrivialAugmentWide / AutoAugment forward on test
# images for PolicyForwardLiveTest, with torch.randint and torch.rand answered from preaug's
# per-record stream (SplitMix64, dev.preaug.core.recipe.Rng, written out again below) instead of
# torch's generator. If preaug draws what torchvision draws, in the same order, the images match
# pixel for pixel and both leave the stream at the same point. Run with Debian's /usr/bin/python3.
# argv: directory with <name>.raw images, seed, records, then name:mode:W:H per image.
# Writes <directory>/out.bin (every output, in order) and prints one line per record:
#   rec <image> <stage> <record> <offset> <next value of the stream after forward>
import os
import sys

import torch
from PIL import Image
from torchvision.transforms import autoaugment as A

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

    def next_float(self):
        return (self.next_long() >> 40) * 2.0 ** -24


current = None


def randint(high, size, dtype=torch.long):
    return torch.tensor([current.below(int(high)) for _ in range(size[0])], dtype=dtype)


def rand(size):
    n = size[0] if isinstance(size, tuple) else size
    return torch.tensor([current.next_float() for _ in range(n)], dtype=torch.float32)


torch.randint = randint
torch.rand = rand

stages = {
    "ra2_9": A.RandAugment(2, 9, 31),
    "ra3_28": A.RandAugment(3, 28, 31),
    "ta31": A.TrivialAugmentWide(31),
    "ta7": A.TrivialAugmentWide(7),
    "aa_imagenet": A.AutoAugment(A.AutoAugmentPolicy.IMAGENET),
    "aa_cifar10": A.AutoAugment(A.AutoAugmentPolicy.CIFAR10),
    "aa_svhn": A.AutoAugment(A.AutoAugmentPolicy.SVHN),
}

directory, seed, records = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
offset = 0
with open(os.path.join(directory, "out.bin"), "wb") as out:
    for spec in sys.argv[4:]:
        name, mode, w, h = spec.split(":")
        w, h = int(w), int(h)
        with open(os.path.join(directory, name + ".raw"), "rb") as f:
            img = Image.frombytes(mode, (w, h), f.read())
        for stage_name, stage in stages.items():
            for r in range(records):
                current = Rng(seed, 0, r, 0)
                data = stage(img).tobytes()
                out.write(data)
                print("rec", name, stage_name, r, offset, current.next_long())
                offset += len(data)
