/**
 * Loads a module of main/ at run time. main/ is not part of the web TypeScript project
 * (tsconfig.web.json), so renderer tests that cross-check against the core or answer a fake
 * window.api with the services' pure functions name the module by a non-literal path and declare
 * the few signatures they use; their results are checked at run time (contract schemas, asserts).
 */
export async function importMain<T>(path: string): Promise<T> {
  const specifier = `../../main/${path}`;
  return (await import(/* @vite-ignore */ specifier)) as T;
}
