export * from './activations';
export * from './conv-bn-act';
export * from './drop-connect';
export * from './hard-activations';
export * from './initializers';
export * from './inverted-residual';
export * from './squeeze-excite';
export * from './zero-init-residual';
