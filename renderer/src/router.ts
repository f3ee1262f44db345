import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import DataView from './views/DataView.vue';
import NotBuiltView from './views/NotBuiltView.vue';

export interface NavItem {
  path: string;
  title: string;
  /** For views not built yet: the issue that tracks them, shown instead of any content. */
  issue?: string;
}

/** The left navigation, in order. */
export const navItems: NavItem[] = [
  { path: '/data', title: 'Data' },
  { path: '/books', title: 'Books', issue: '#3 Margin engine — Books view: import and inspect books of accounts and positions' },
  { path: '/models', title: 'Models', issue: '#3 Margin engine — Models view: margin model configurations and explain output' },
  { path: '/calibration', title: 'Calibration', issue: '#4 Calibration lab — Calibration view: parameter calibration and backtests' },
  { path: '/stress', title: 'Stress', issue: '#5 Stress lab — Stress view: scenarios, book runs and liquidation cascades' },
  { path: '/compare', title: 'Compare', issue: '#6 Compare and reports — Compare view: runs side by side in linked charts' },
  { path: '/reports', title: 'Reports', issue: '#6 Compare and reports — Reports view: committee reports from stored runs' },
];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/data' },
  ...navItems.map((item): RouteRecordRaw =>
    item.issue
      ? { path: item.path, component: NotBuiltView, props: { title: item.title, issue: item.issue } }
      : { path: item.path, component: DataView }),
  { path: '/:unknown(.*)*', redirect: '/data' },
];

/** Hash history: the app is loaded from file:// in Electron and from http://127.0.0.1 in tests. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
