import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import App from '../../renderer/src/App.vue';
import { createAppRouter, navItems } from '../../renderer/src/router';
import { installFakeApi } from './fakeApi';

describe('app shell', () => {
  it('shows the version from app:info and the seven views in order, every one built', async () => {
    installFakeApi({
      'app:info': () => ({ ok: true, data: { name: 'Margin Workbench', version: '0.1.0', schemaVersion: 3, dataDir: '/tmp/mwb' } }),
      'dataset:list': () => ({ ok: true, data: { datasets: [] } }),
      'run:list': () => ({ ok: true, data: { runs: [] } }),
    });
    const router = createAppRouter();
    await router.push('/compare');
    const w = mount(App, { global: { plugins: [createPinia(), router], stubs: { EChart: true } } });
    await flushPromises();
    expect(w.find('header .brand').text()).toBe('Margin Workbench');
    expect(w.find('[data-app-version]').text()).toBe('v0.1.0 · database schema 3');
    expect(w.findAll('nav a').map((a) => a.text())).toEqual(['Data', 'Books', 'Models', 'Calibration', 'Stress', 'Compare', 'Reports']);
    expect(navItems.map((n) => n.path)).toEqual(['/data', '/books', '/models', '/calibration', '/stress', '/compare', '/reports']);
    expect(w.find('h2').text()).toBe('Compare');
    expect(w.find('[data-not-built]').exists()).toBe(false);
    await router.push('/data');
    await flushPromises();
    expect(w.find('[data-not-built]').exists()).toBe(false);
    expect(w.find('h2').text()).toBe('Data');
    w.unmount();
  });

  it('says so in the header when app:info fails', async () => {
    installFakeApi({
      'app:info': () => ({ ok: false, error: { code: 'STORE', message: 'cannot open database' } }),
      'dataset:list': () => ({ ok: true, data: { datasets: [] } }),
    });
    const router = createAppRouter();
    await router.push('/data');
    const w = mount(App, { global: { plugins: [createPinia(), router], stubs: { EChart: true } } });
    await flushPromises();
    expect(w.find('header').text()).toContain('app info unavailable: STORE cannot open database');
    w.unmount();
  });
});
