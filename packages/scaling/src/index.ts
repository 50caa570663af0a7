export * from './rounding';
export * from './strategies';
export * from './ladders';
export * from './ladder-solver';
export * from './ladder-solver-cost';
export * from './min-resolution';
