import type { IndexReader } from '../index/index-reader';
import type { IndexSource } from './env';

/**
 * The index as one request sees it: resolved at most once, so that its ETag,
 * the answer cache's key and the answer itself come from one version even
 * when a live index switches while the request runs. What the loader reports
 * (`loads`, `status`, `refresh`) is read through from the isolate's loader.
 */
export function oncePerRequest(source: IndexSource): IndexSource {
  let opened: Promise<IndexReader> | undefined;
  const once = (() => (opened ??= source())) as IndexSource;
  for (const key of ['loads', 'status'] as const) Object.defineProperty(once, key, { get: () => source[key], enumerable: true });
  // A request that asks for the newest version (the write API, after a write) sees it from then on.
  if (source.refresh) {
    const refresh = source.refresh;
    once.refresh = async () => {
      await refresh();
      opened = undefined;
    };
  }
  return once;
}
