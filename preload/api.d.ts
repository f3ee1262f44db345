import type { Api } from './contract';

declare global {
  interface Window {
    api: Api;
  }
}
export {};
