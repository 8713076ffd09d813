/**
 * Lets domain code say "public catalog pages changed" without knowing about the web server's page cache
 * (app/server/page-cache.server.ts). The registry lives on globalThis: the Remix build and the Express server are
 * bundled separately but share one process.
 */
const registry = globalThis as typeof globalThis & { __pontePageCachePurges?: Set<() => void> };

export function registerPageCachePurge(purge: () => void) {
  (registry.__pontePageCachePurges ??= new Set()).add(purge);
}

/** After a write that changes what anonymous visitors see (a product saved, published, imported). */
export function purgePublicPages() {
  for (const purge of registry.__pontePageCachePurges ?? []) purge();
}
