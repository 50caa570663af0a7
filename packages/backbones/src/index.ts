/**
 * Registers every backbone package in the core registry. Importing this module is how the CLI, the
 * runner and the tests discover backbones; the backbone generator appends its imports here.
 */
import { registerBackbone } from '@scaling-lab/core';
import { efficientNets } from '@scaling-lab/efficientnet';
import { mobileNetV1 } from '@scaling-lab/mobilenet-v1';
import { mobileNetV2 } from '@scaling-lab/mobilenet-v2';
import { resNet18, resNet34, resNet50, resNet101, resNet152 } from '@scaling-lab/resnet';
import { mobileNetV3Small } from '@scaling-lab/mobilenet-v3-small';

registerBackbone(mobileNetV1);
registerBackbone(mobileNetV2);
// A family's experiments start from its first registered member: ResNet-50, the paper's ResNet baseline.
for (const b of [resNet50, resNet18, resNet34, resNet101, resNet152]) registerBackbone(b);
for (const b of efficientNets) registerBackbone(b);
// New backbones are registered below (the backbone generator appends here).
registerBackbone(mobileNetV3Small);

export * from '@scaling-lab/core';
