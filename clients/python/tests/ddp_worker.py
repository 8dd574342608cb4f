"""One rank of the real ``torch.distributed`` test (see ``test_torch.py``).

    /usr/bin/python3 ddp_worker.py OUT_ROOT RESULT_JSON

RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT come from the environment, as torchrun sets them.
The rank joins a ``gloo`` process group, reads epoch 1 through ``preaug.torch_dataset`` and a
``DataLoader`` with 2 workers, twice: ``even=False`` (every record once over all ranks and
workers) and ``even=True`` while training a DDP model, whose gradient all-reduce hangs unless
every rank runs the same number of steps. It writes what it saw to RESULT_JSON.
"""

import faulthandler
import json
import sys
from pathlib import Path

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import preaug  # noqa: E402

WORKERS = 2
FIELDS = ("images", "labels", "index", "augmented")


def read_all(root, even):
    ds = preaug.torch_dataset(root, 64, epoch=1, num_workers=WORKERS, even=even, fields=FIELDS)
    loader = DataLoader(ds, batch_size=None, num_workers=WORKERS)
    pairs, batches = [], 0
    for x, y, idx, aug in loader:
        pairs += list(zip(idx.tolist(), aug.tolist()))
        batches += 1
    return ds, loader, pairs, batches


def main():
    root, result = sys.argv[1], sys.argv[2]
    # a hang (e.g. unequal step counts under DDP) prints every thread's stack and exits
    faulthandler.dump_traceback_later(180, exit=True)
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    ds, _, pairs, batches = read_all(root, even=False)
    assert (ds.rank, ds.world_size) == (rank, world), (ds.rank, ds.world_size)
    assert batches == len(ds), (batches, len(ds))

    torch.manual_seed(0)
    model = DDP(torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(64 * 64, 37)))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    ds_even = preaug.torch_dataset(root, 64, epoch=1, num_workers=WORKERS, even=True,
                                   fields=FIELDS)
    loader = DataLoader(ds_even, batch_size=None, num_workers=WORKERS)
    even_pairs, steps = [], 0
    for x, y, idx, aug in loader:
        loss = torch.nn.functional.cross_entropy(model(x.float() / 255), y)
        opt.zero_grad()
        loss.backward()  # all-reduce across ranks: needs the same step count everywhere
        opt.step()
        even_pairs += list(zip(idx.tolist(), aug.tolist()))
        steps += 1
    counts = [None] * world
    dist.all_gather_object(counts, steps)
    Path(result).write_text(json.dumps({
        "rank": rank, "world": world, "pairs": pairs, "batches": batches,
        "len": len(ds), "even_pairs": even_pairs, "even_steps": steps,
        "even_len": len(ds_even), "all_even_steps": counts}))
    # Tear down in order: the DDP reducer and the loader's workers go before the process group,
    # and every rank reaches the barrier first. Leaving them to interpreter exit (torch 1.13,
    # gloo) let a rank hang after main() returned in about one run out of three.
    del loader, model, opt
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
