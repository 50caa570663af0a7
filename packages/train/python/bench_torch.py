"""Single-thread PyTorch training/forward throughput for the nets the TypeScript bench times.

Mirrors packages/train/src/bench/toy-net.ts (same layers, widths, strides, Adam) and torchvision's
MobileNetV2 (width 0.5, 10 classes). Prints one JSON object: {"torch": version, "results": [...]}.
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn as nn

# Must match TOY_NET_STAGES in src/bench/toy-net.ts: (output channels, stride) per block.
TOY_NET_STAGES = [(32, 1), (32, 2), (64, 2), (64, 2)]
# Keras BatchNormalization defaults (momentum 0.99 == PyTorch momentum 0.01, epsilon 1e-3).
BN_MOMENTUM = 0.01
BN_EPS = 1e-3


def toy_net(in_channels: int, num_classes: int) -> nn.Module:
    layers = []
    c_in = in_channels
    for c_out, stride in TOY_NET_STAGES:
        layers += [
            nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False),
            nn.BatchNorm2d(c_out, eps=BN_EPS, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(c_out, c_out, 3, 1, 1, groups=c_out, bias=False),
            nn.BatchNorm2d(c_out, eps=BN_EPS, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
        ]
        c_in = c_out
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes)]
    return nn.Sequential(*layers)


def mobilenet_v2(num_classes: int) -> nn.Module:
    from torchvision.models import mobilenet_v2 as tv_mobilenet_v2

    return tv_mobilenet_v2(width_mult=0.5, num_classes=num_classes)


def timed_windows(step, warmup: int, windows: int, steps_per_window: int, batch: int):
    for _ in range(warmup):
        step()
    rates = []
    for _ in range(windows):
        t0 = time.perf_counter()
        for _ in range(steps_per_window):
            step()
        rates.append(batch * steps_per_window / (time.perf_counter() - t0))
    return statistics.median(rates)


def bench(name, model, shape, batch, num_classes, args):
    x = torch.randn(batch, *shape)
    y = torch.randint(0, num_classes, (batch,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    model.train()
    train = timed_windows(train_step, args.warmup, args.windows, args.steps, batch)

    def forward_step():
        with torch.no_grad():
            model(x)

    model.eval()
    forward_steps = args.forward_steps if args.forward_steps is not None else 5 * args.steps
    forward = timed_windows(forward_step, args.warmup, args.windows, forward_steps, batch)
    return {"model": name, "batch": batch, "inputShape": list(shape), "trainImgPerSec": train, "forwardImgPerSec": forward}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--models", default="toy,mobilenetv2", help="comma list of: toy, mobilenetv2")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--windows", type=int, default=5)
    p.add_argument("--steps", type=int, default=3, help="steps per timed window")
    p.add_argument("--forward-steps", type=int, default=None, help="forward passes per timed window (default 5 x --steps)")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    results = []
    for name in args.models.split(","):
        if name == "toy":
            results.append(bench("toy", toy_net(1, 10), (1, 28, 28), args.batch, 10, args))
        elif name == "mobilenetv2":
            results.append(bench("mobilenetv2", mobilenet_v2(10), (3, 32, 32), args.batch, 10, args))
        else:
            print(f"unknown model '{name}': use toy or mobilenetv2", file=sys.stderr)
            return 2
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
