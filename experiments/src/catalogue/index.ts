export * from './presets';
export * from './experiments';
