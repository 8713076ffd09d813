import type { AppLoadContext } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { LRUCache } from "lru-cache";
import { csrfTokenFromCookieHeader, CSRF_COOKIE } from "~/modules/security/csrf.server";
import { registerPageCachePurge } from "~/modules/http/page-cache-signal.server";

/**
 * A short-lived cache of the public catalog pages as anonymous visitors see them (home, browse, search, product
 * pages, and their `.data` twins for client navigation): what a CDN would do in front of the site, kept in the
 * process so that `npm start` needs nothing else.
 *
 * - Only GET requests without a session cookie; only 200 answers that set no cookie.
 * - Keyed by path + query + every cookie except the CSRF one (currency, "buying for" country and region change
 *   the page; the language is in the path).
 * - The per-request secrets in the page, the CSP nonce and the CSRF token, are cut out when stored and the
 *   current request's put back when served: no visitor ever gets another's token.
 * - Concurrent misses of one key render once (the others wait for that render).
 * - Entries are fresh `ttlSeconds` (PAGE_CACHE_SECONDS, default 10; 0 turns the cache off); an older one (up to
 *   6 × that) is served while one background render replaces it. Catalog writes in this process purge everything
 *   at once (other processes catch up within the TTL, a stale copy at most once more per page).
 */

type RemixHandler = (request: Request, loadContext: AppLoadContext) => Promise<Response>;

interface CachedPage {
  /** When it stops being fresh (ms since epoch): after that it is served once more while a new copy renders. */
  freshUntil: number;
  status: number;
  headers: [string, string][];
  /** The body in UTF-8, cut where the nonce or the CSRF token stood: served as parts[0] + slot 0 + parts[1] + … */
  parts: Buffer[];
  slots: ("nonce" | "csrf")[];
  bytes: number;
}

interface Rendered {
  shared: CachedPage | null;
  own: Response;
  body: string;
}

const STALE_FACTOR = 6;
// Catalog pages, and the showrooms' public pages (list, storefront, booth, event: S2, issue 12).
const CACHEABLE_PATH = /^\/(?:pt|es|zh|en)(?:\/products(?:\/[a-z0-9-]+)?|\/showrooms(?:\/[a-z0-9-]+(?:\/booths\/[A-Za-z0-9-]+|\/events\/[0-9a-f-]{36})?)?)?(?:\.data)?$/;
const SESSION_COOKIE = "ponte_session=";

export interface PageCacheOptions {
  ttlSeconds: number;
  /** Upper bound on memory: the sum of stored page sizes. */
  maxBytes?: number;
  /** The clock freshness is judged by (tests move it instead of sleeping past the TTL). */
  now?: () => number;
}

export interface PageCache {
  middleware: (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void;
  purge: () => void;
  stats: () => { hits: number; misses: number; entries: number; bytes: number };
  /** Resolves once every background refresh started so far has stored its page (or failed); tests wait on it instead of sleeping. */
  settled: () => Promise<void>;
}

export function cacheKeyFor(req: Pick<ExpressRequest, "method" | "originalUrl" | "headers">): string | null {
  if (req.method !== "GET") return null;
  const cookieHeader = req.headers.cookie ?? "";
  if (cookieHeader.includes(SESSION_COOKIE)) return null;
  const url = new URL(req.originalUrl, "http://cache.local");
  if (!CACHEABLE_PATH.test(url.pathname)) return null;
  const cookies = cookieHeader
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith(`${CSRF_COOKIE}=`))
    .sort();
  url.searchParams.sort();
  return `${url.pathname}?${url.searchParams.toString()}|${cookies.join(";")}`;
}

export function createPageCache(handler: RemixHandler, options: PageCacheOptions): PageCache {
  const entries = new LRUCache<string, CachedPage>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (page) => page.bytes + 256,
    // Kept past freshness so that a visitor is answered at once with the last copy while the next one renders
    // (stale-while-revalidate), never more than STALE_FACTOR × the TTL old.
    ttl: options.ttlSeconds * 1000 * STALE_FACTOR,
  });
  const inFlight = new Map<string, Promise<Rendered>>();
  const refreshes = new Set<Promise<unknown>>();
  const now = options.now ?? Date.now;
  let hits = 0;
  let misses = 0;
  const purge = () => entries.clear();
  if (options.ttlSeconds > 0) registerPageCachePurge(purge);

  function send(res: ExpressResponse, page: CachedPage, nonce: string, csrf: string, state: "HIT" | "MISS" | "STALE") {
    for (const [name, value] of page.headers) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", state);
    // The stored parts go out as they are, with this request's secrets between them: no copy of the page, no
    // string work (a 150 kB page costs microseconds, and no garbage for the collector).
    const values = { nonce: Buffer.from(nonce), csrf: Buffer.from(csrf) };
    const chunks: Buffer[] = [page.parts[0]!];
    page.slots.forEach((slot, i) => chunks.push(values[slot], page.parts[i + 1]!));
    res.status(page.status);
    res.setHeader("Content-Length", chunks.reduce((n, c) => n + c.length, 0));
    res.removeHeader("Content-Encoding");
    res.cork();
    for (const chunk of chunks) res.write(chunk);
    res.end();
    res.uncork();
  }

  /** Renders the page; answers it as a template when it may be shared, else as this request's own response. */
  async function render(req: ExpressRequest, res: ExpressResponse | null, nonce: string, csrf: string): Promise<Rendered> {
    const response = await handler(toWebRequest(req, res), { cspNonce: nonce });
    const body = await response.text();
    const shareable =
      response.status === 200 && !response.headers.has("set-cookie") && !/no-store|private/.test(response.headers.get("cache-control") ?? "");
    if (!shareable) return { shared: null, own: response, body };
    const freshUntil = now() + options.ttlSeconds * 1000;
    return { shared: { freshUntil, status: response.status, headers: [...response.headers.entries()], ...cutSecrets(body, { nonce, csrf }) }, own: response, body };
  }

  function middleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    const key = options.ttlSeconds > 0 ? cacheKeyFor(req) : null;
    if (!key) return next();
    const nonce = res.locals.cspNonce as string;
    const csrf = csrfTokenFromCookieHeader(req.headers.cookie) ?? "";
    const cached = entries.get(key);
    if (cached && cached.freshUntil > now()) {
      hits += 1;
      return send(res, cached, nonce, csrf, "HIT");
    }
    if (cached) {
      // Stale: answer with it now, and let one request's render (not tied to this response) refresh it.
      hits += 1;
      if (!inFlight.has(key)) {
        const refreshing = render(req, null, nonce, csrf);
        inFlight.set(key, refreshing);
        const refresh = refreshing
          .then((rendered) => (rendered.shared ? entries.set(key, rendered.shared) : entries.delete(key)))
          .catch((error: unknown) => console.error("[page-cache] refresh failed", error))
          .finally(() => {
            inFlight.delete(key);
            refreshes.delete(refresh);
          });
        refreshes.add(refresh);
      }
      return send(res, cached, nonce, csrf, "STALE");
    }
    const pending = inFlight.get(key);
    if (pending) {
      // Someone is rendering this page right now: wait for it rather than render it again.
      pending.then(
        (rendered) => (rendered.shared ? send(res, rendered.shared, nonce, csrf, "HIT") : next()),
        () => next(),
      );
      return;
    }
    misses += 1;
    const rendering = render(req, res, nonce, csrf);
    inFlight.set(key, rendering);
    rendering
      .then((rendered) => {
        if (rendered.shared) {
          entries.set(key, rendered.shared);
          return send(res, rendered.shared, nonce, csrf, "MISS");
        }
        // Not shareable (an error page, a redirect, a cookie): answer this request as rendered, store nothing.
        const { own, body } = rendered;
        for (const [name, value] of own.headers.entries()) if (name !== "set-cookie") res.setHeader(name, value);
        const cookies = own.headers.getSetCookie();
        if (cookies.length) res.append("Set-Cookie", cookies);
        res.setHeader("X-Page-Cache", "BYPASS");
        res.status(own.status).send(body);
      })
      .catch(next)
      .finally(() => inFlight.delete(key));
  }

  return {
    middleware,
    purge,
    stats: () => ({ hits, misses, entries: entries.size, bytes: entries.calculatedSize }),
    settled: async () => {
      while (refreshes.size > 0) await Promise.allSettled([...refreshes]);
    },
  };
}

/** Cuts the page where the secrets stand (long random strings: they occur only where the page put them). */
export function cutSecrets(body: string, secrets: { nonce: string; csrf: string }): Pick<CachedPage, "parts" | "slots" | "bytes"> {
  const buffer = Buffer.from(body);
  const needles = (["nonce", "csrf"] as const).filter((slot) => secrets[slot]).map((slot) => ({ slot, bytes: Buffer.from(secrets[slot]) }));
  const parts: Buffer[] = [];
  const slots: CachedPage["slots"] = [];
  let from = 0;
  for (;;) {
    let next: { slot: "nonce" | "csrf"; at: number; length: number } | null = null;
    for (const needle of needles) {
      const at = buffer.indexOf(needle.bytes, from);
      if (at >= 0 && (!next || at < next.at)) next = { slot: needle.slot, at, length: needle.bytes.length };
    }
    if (!next) break;
    parts.push(buffer.subarray(from, next.at));
    slots.push(next.slot);
    from = next.at + next.length;
  }
  parts.push(buffer.subarray(from));
  return { parts, slots, bytes: buffer.length };
}

/** The Fetch API request Remix expects, from Express's (as @remix-run/express builds it). */
function toWebRequest(req: ExpressRequest, res: ExpressResponse | null): Request {
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const controller = new AbortController();
  // A background refresh outlives the response that started it.
  res?.on("close", () => controller.abort());
  return new Request(url.href, { method: req.method, headers, signal: controller.signal });
}
