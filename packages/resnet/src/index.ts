/**
 * ResNet backbones (He et al. 2016, in torchvision's v1.5 layout): stage tables for depths 18–152, the one
 * builder, and the `Backbone` records the registry discovers.
 */
export * from './stage-tables';
export { buildResNet, blockPrefix } from './build';
export { BN_EPSILON, BN_MOMENTUM, needsProjection, type BlockArgs } from './blocks';
export { resNet, resNets, resnet18, resnet34, resnet50, resnet101, resnet152 } from './backbones';
