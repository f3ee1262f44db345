import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Component } from 'vue';
import BooksView from './views/BooksView.vue';
import CalibrationView from './views/CalibrationView.vue';
import CompareView from './views/CompareView.vue';
import DataView from './views/DataView.vue';
import ModelsView from './views/ModelsView.vue';
import StressView from './views/StressView.vue';
import ReportsView from './views/ReportsView.vue';

export interface NavItem {
  path: string;
  title: string;
}

/** The left navigation, in order. */
export const navItems: NavItem[] = [
  { path: '/data', title: 'Data' },
  { path: '/books', title: 'Books' },
  { path: '/models', title: 'Models' },
  { path: '/calibration', title: 'Calibration' },
  { path: '/stress', title: 'Stress' },
  { path: '/compare', title: 'Compare' },
  { path: '/reports', title: 'Reports' },
];

/** The view of each navigation entry. */
const builtViews: Record<string, Component> = {
  '/data': DataView, '/books': BooksView, '/models': ModelsView, '/calibration': CalibrationView, '/stress': StressView, '/compare': CompareView, '/reports': ReportsView,
};

function builtView(path: string): Component {
  const view = builtViews[path];
  if (!view) throw new Error(`navigation entry ${path} has no view`);
  return view;
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/data' },
  ...navItems.map((item): RouteRecordRaw => ({ path: item.path, component: builtView(item.path) })),
  { path: '/:unknown(.*)*', redirect: '/data' },
];

/** Hash history: the app is loaded from file:// in Electron and from http://127.0.0.1 in tests. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
