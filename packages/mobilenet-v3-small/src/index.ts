/**
 * MobileNetV3-Small (Howard et al. 2019, in torchvision's layout): a typed stage table, the one builder that
 * turns any (scaled) table into layers, and the `Backbone` record that @scaling-lab/backbones registers.
 */
export * from './stage-table';
export { buildMobilenetV3Small, blockPrefix, BN_EPSILON, BN_MOMENTUM, CLASSIFIER_HIDDEN_PER_HEAD, STEM_STRIDE } from './build';
export { bneck, makeDivisible, seReducedWidth, type BneckConfig } from './blocks';
export { HardSigmoid, HardSwish } from './layers';
export { mobilenetV3Small } from './backbone';
