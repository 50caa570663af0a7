/**
 * ResNet backbones (He et al. 2016, in torchvision's v1.5 layout): stage tables for depths 18–152, the one
 * builder, and the `Backbone` records the registry discovers.
 */
export * from './stage-table';
export { BN, buildResNet } from './build';
export { needsProjection, type BlockArgs } from './blocks';
export { resNet, resNets, TORCHVISION_RESNETS, resNet18, resNet34, resNet50, resNet101, resNet152 } from './backbone';
