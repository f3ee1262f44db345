import pkg from '../package.json';

/** Recorded with every run so any result can be traced to the code that produced it. */
export const APP_VERSION: string = pkg.version;
export const APP_NAME_FULL: string = pkg.productName;
