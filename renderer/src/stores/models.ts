import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OutputOf, Result } from '../../../preload/contract';
import type { MarginModelConfig } from '../../../preload/contract/schemas/models';
import { api, fromApiError, fromThrown, type ShownError } from '../api';

export type ModelRecord = OutputOf<'model:get'>;

/** Margin model configurations: the read-only presets and the user's saved ones (Models and Books views). */
export const useModelsStore = defineStore('models', () => {
  const models = ref<ModelRecord[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const saving = ref(false);

  async function call<T>(run: () => Promise<Result<T>>): Promise<T | null> {
    try {
      const res = await run();
      if (res.ok) return res.data;
      error.value = fromApiError(res.error);
    } catch (err) {
      error.value = fromThrown(err);
    }
    return null;
  }

  async function load(): Promise<void> {
    const data = await call(() => api().model.list({}));
    if (data) {
      models.value = data.models;
      loaded.value = true;
    }
  }

  /** Saves a copy (no id) or overwrites a saved configuration; the server validates again. */
  async function save(config: MarginModelConfig, id?: string): Promise<ModelRecord | null> {
    saving.value = true;
    error.value = null;
    const saved = await call(() => api().model.save(id === undefined ? { config } : { id, config }));
    saving.value = false;
    if (saved) await load();
    return saved;
  }

  async function remove(id: string): Promise<boolean> {
    const out = await call(() => api().model.delete({ id }));
    if (out) await load();
    return out !== null;
  }

  function clearError(): void {
    error.value = null;
  }

  return { models, loaded, error, saving, load, save, remove, clearError };
});
