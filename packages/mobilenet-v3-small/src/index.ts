/**
 * MobileNetV3-Small (Howard et al. 2019, in torchvision's layout): a typed stage table, the one builder that
 * turns any (scaled) table into layers, and the `Backbone` record that @scaling-lab/backbones registers.
 */
export * from './stage-table';
export { BN, buildMobileNetV3Small, CLASSIFIER_HIDDEN_PER_HEAD, SQUEEZE_EXCITE, STEM_STRIDE } from './build';
export { mobileNetV3Small } from './backbone';
