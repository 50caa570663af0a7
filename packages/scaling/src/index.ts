export * from './rounding';
export * from './strategies';
export * from './ladders';
