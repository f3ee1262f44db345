export * from './common';
export * from './app';
export * from './datasets';
export * from './jobs';
export * from './books';
export * from './models';
export * from './calibration';
export * from './margin';
