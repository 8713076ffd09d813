import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one HTTP request has already read about its caller (the session, the memberships), shared by the root,
 * layout and page loaders and the action of that request instead of each reading it again: a checkout page
 * passed the same session, membership and organization gates three times, ~15 of its ~30 statements.
 *
 * The scope is opened by the HTTP app around each request (`runInRequestScope`); outside one (jobs, scripts,
 * tests calling modules directly) every call reads afresh. Writes that change what is memoized (sign-in, sign-out,
 * switching or joining an organization, roles) call `forgetRequestMemo()`, so an action that changes them and the
 * loaders that run after it in the same request read the new state.
 */
// One store per process: the HTTP app (app/server, loaded from source) and the loaders (bundled into build/index.js)
// each get their own copy of this module, so the store lives on globalThis under a registered symbol.
const SCOPE_KEY = Symbol.for("ponte.requestMemo");
const scope: AsyncLocalStorage<Map<string, Promise<unknown>>> = ((globalThis as Record<symbol, unknown>)[SCOPE_KEY] ??= new AsyncLocalStorage()) as AsyncLocalStorage<Map<string, Promise<unknown>>>;

export function runInRequestScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/** `read()` once per request and key; a failed read is not kept (the next caller tries again). */
export function requestMemo<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return read();
  const kept = memo.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const promise = read();
  memo.set(key, promise);
  promise.catch(() => {
    if (memo.get(key) === promise) memo.delete(key);
  });
  return promise;
}

export function forgetRequestMemo() {
  scope.getStore()?.clear();
}
