"""Single-thread PyTorch training/forward throughput for the nets the TypeScript bench times.

Reads one JSON object on stdin: {"batch", "warmup", "windows", "steps", "forwardSteps", "threads",
"models": [{"name", "kind", "inputShape": [C, H, W], "numClasses", "spec"}]}, where kind is
  toy          packages/train/src/bench/toy-net.ts (spec: {"stages": [[channels, stride], ...]})
  mobilenetv2  torchvision's MobileNetV2 (spec: {"width": multiplier})
  resnet       torchvision's ResNet v1.5 bottleneck layout on our scaled stage table
  efficientnet the EfficientNet MBConv layout (Keras applications / TF reference) on our scaled stage table
Prints one JSON object: {"torch": version, "threads": n, "results": [{"name", "params", ...}]}.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn

# Keras BatchNormalization defaults (momentum 0.99 == PyTorch momentum 0.01, epsilon 1e-3).
BN_MOMENTUM = 0.01
BN_EPS = 1e-3


def conv_bn(c_in, c_out, k, stride, groups=1):
    return [nn.Conv2d(c_in, c_out, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(c_out, eps=BN_EPS, momentum=BN_MOMENTUM)]


def toy_net(in_channels, num_classes, spec):
    layers = []
    c_in = in_channels
    for c_out, stride in spec["stages"]:
        layers += conv_bn(c_in, c_out, 3, stride) + [nn.ReLU(inplace=True)]
        layers += conv_bn(c_out, c_out, 3, 1, groups=c_out) + [nn.ReLU(inplace=True)]
        c_in = c_out
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes)]
    return nn.Sequential(*layers)


def mobilenet_v2(in_channels, num_classes, spec):
    from torchvision.models import mobilenet_v2 as tv_mobilenet_v2

    model = tv_mobilenet_v2(width_mult=spec["width"], num_classes=num_classes)
    if in_channels != 3:
        first = model.features[0][0]
        model.features[0][0] = nn.Conv2d(in_channels, first.out_channels, 3, 2, 1, bias=False)
    return model


class Bottleneck(nn.Module):
    """torchvision Bottleneck (v1.5): 1x1, strided 3x3, 1x1 x expansion; projection when shapes differ."""

    def __init__(self, c_in, channels, expansion, stride):
        super().__init__()
        out = channels * expansion
        self.body = nn.Sequential(
            *conv_bn(c_in, channels, 1, 1), nn.ReLU(inplace=True),
            *conv_bn(channels, channels, 3, stride), nn.ReLU(inplace=True),
            *conv_bn(channels, out, 1, 1),
        )
        self.shortcut = nn.Sequential(*conv_bn(c_in, out, 1, stride)) if stride != 1 or c_in != out else nn.Identity()
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.body(x) + self.shortcut(x))


def resnet(in_channels, num_classes, spec):
    layers = conv_bn(in_channels, spec["stem"], 7, 2) + [nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)]
    c_in = spec["stem"]
    for stage in spec["stages"]:
        if stage["block"] != "bottleneck":
            raise ValueError(f"resnet block '{stage['block']}' is not supported here; use a bottleneck ResNet")
        for b in range(stage["repeats"]):
            layers.append(Bottleneck(c_in, stage["channels"], stage["expansion"], stage["stride"] if b == 0 else 1))
            c_in = stage["channels"] * stage["expansion"]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes)]
    return nn.Sequential(*layers)


class SqueezeExcite(nn.Module):
    def __init__(self, channels, reduced):
        super().__init__()
        self.reduce = nn.Conv2d(channels, reduced, 1)
        self.expand = nn.Conv2d(reduced, channels, 1)
        self.act = nn.SiLU()

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.expand(self.act(self.reduce(s))))


class MBConv(nn.Module):
    """Expand 1x1 (when expansion > 1), depthwise kxk, squeeze-excite on the block input's width, project 1x1."""

    def __init__(self, c_in, stage, stride):
        super().__init__()
        mid = c_in * stage["expansion"]
        layers = []
        if stage["expansion"] != 1:
            layers += conv_bn(c_in, mid, 1, 1) + [nn.SiLU(inplace=True)]
        layers += conv_bn(mid, mid, stage["kernel"], stride, groups=mid) + [nn.SiLU(inplace=True)]
        if stage["seRatio"] > 0:
            layers.append(SqueezeExcite(mid, max(1, int(c_in * stage["seRatio"]))))
        layers += conv_bn(mid, stage["channels"], 1, 1)
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and c_in == stage["channels"]

    def forward(self, x):
        y = self.body(x)
        return y + x if self.residual else y


def efficientnet(in_channels, num_classes, spec):
    layers = conv_bn(in_channels, spec["stem"], 3, 2) + [nn.SiLU(inplace=True)]
    c_in = spec["stem"]
    for stage in spec["stages"]:
        for b in range(stage["repeats"]):
            layers.append(MBConv(c_in, stage, stage["stride"] if b == 0 else 1))
            c_in = stage["channels"]
    if spec.get("head") is not None:
        layers += conv_bn(c_in, spec["head"], 1, 1) + [nn.SiLU(inplace=True)]
        c_in = spec["head"]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes)]
    return nn.Sequential(*layers)


BUILDERS = {"toy": toy_net, "mobilenetv2": mobilenet_v2, "resnet": resnet, "efficientnet": efficientnet}


def timed_windows(step, warmup, windows, steps_per_window, batch):
    for _ in range(warmup):
        step()
    rates = []
    for _ in range(windows):
        t0 = time.perf_counter()
        for _ in range(steps_per_window):
            step()
        rates.append(batch * steps_per_window / (time.perf_counter() - t0))
    return statistics.median(rates)


def bench(entry, cfg):
    shape = entry["inputShape"]
    model = BUILDERS[entry["kind"]](shape[0], entry["numClasses"], entry.get("spec") or {})
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    batch = cfg["batch"]
    x = torch.randn(batch, *shape)
    y = torch.randint(0, entry["numClasses"], (batch,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    model.train()
    train = timed_windows(train_step, cfg["warmup"], cfg["windows"], cfg["steps"], batch)

    def forward_step():
        with torch.no_grad():
            model(x)

    model.eval()
    forward = timed_windows(forward_step, cfg["warmup"], cfg["windows"], cfg["forwardSteps"], batch)
    return {"name": entry["name"], "params": params, "batch": batch, "trainImgPerSec": train, "forwardImgPerSec": forward}


def main():
    cfg = json.load(sys.stdin)
    torch.set_num_threads(cfg.get("threads", 1))
    torch.manual_seed(0)
    results = []
    for entry in cfg["models"]:
        if entry["kind"] not in BUILDERS:
            print(f"unknown model kind '{entry['kind']}': use one of {', '.join(BUILDERS)}", file=sys.stderr)
            return 2
        results.append(bench(entry, cfg))
    print(json.dumps({"torch": torch.__version__, "threads": cfg.get("threads", 1), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
