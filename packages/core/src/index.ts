export * from './types';
export * from './registry';
export * from './profiler';
export * from './profile-table';
export * from './units';
export * from './conv-layers';
export * from './builder-parts';
export * from './shape-profile';
