import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchRequestHandler, type ServerBuild } from "@remix-run/node";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { env } from "~/modules/config/env.server";
import { runInRequestScope } from "~/modules/http/request-memo.server";
import { UNKNOWN_VIEWER } from "~/modules/i18n/locale";
import { isTextLanguage, messageBundle, type MessageArea } from "~/modules/i18n/message-bundles.server";
import { resolveViewer, runWithViewer } from "~/modules/i18n/viewer.server";
import { SIGNATURE_HEADER } from "~/modules/logistics/carrier-wire";
import { answerCarrierWebhook, MAX_CARRIER_WEBHOOK_BYTES, readNodeBodyUpTo } from "~/modules/logistics/webhook.server";
import { checkoutFormActionSources } from "~/modules/payments/stripe.server";
import { csrfCookieHeader, csrfCookieToken, newCsrfCookieValue, CSRF_COOKIE } from "~/modules/security/csrf.server";
import { canSeeHealthDetails, health } from "./health.server";
import { PEER_IP_HEADER } from "./listen.server";
import { createPageCache } from "./page-cache.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Route-served files the same for every visitor: /messages/{lang}/{area}.{hash}.js, /maps/world/…svg, /media/…. */
const VIEWERLESS_PATHS = /^\/(messages|maps|media)\//;
/** The compression middleware's settings (measured: see the comment where it is installed). */
export const COMPRESSION = { gzipLevel: 3, brotliQuality: 3 } as const;
// Pages and their forms use nothing else; TRACE, DELETE, PUT… are refused before they reach Remix.
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

export function createHttpApp(build: ServerBuild, state: { shuttingDown: boolean }) {
  const app = express();
  const config = env();
  // Off by default: X-Forwarded-For and X-Forwarded-Proto count only from the proxies TRUST_PROXY names.
  app.set("trust proxy", config.TRUST_PROXY);
  app.disable("x-powered-by");
  // Pages carry a per-request nonce, so an ETag of their body never matches; hashing 150 kB per page costs ~3 %.
  app.set("etag", false);

  // Carrier webhooks (hundreds a second under load) skip the page machinery: no session, viewer, CSRF cookie, CSP
  // nonce or gzip, and Remix's route matching, which compiled every route pattern per request. The same handler
  // serves the Remix route of this URL (app/routes/webhooks.carriers.$carrier.tsx), which still answers GET with 405.
  app.post("/webhooks/carriers/:carrier", (req, res, next) => {
    const acceptedAt = Date.now();
    readNodeBodyUpTo(req, MAX_CARRIER_WEBHOOK_BYTES)
      .then((body) => answerCarrierWebhook(req.params.carrier, body, req.get(SIGNATURE_HEADER), acceptedAt))
      .then((answer) => {
        if (answer.status === 413) res.setHeader("Connection", "close");
        res.status(answer.status).set(answer.headers).json(answer.body);
      }, next);
  });

  // Each request reads its caller's session and memberships once, whichever loaders ask (request-memo.server.ts).
  app.use((_req, _res, next) => runInRequestScope(next));

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // The only client addresses the app trusts, overwriting whatever the client sent under these names: the
    // client's (the socket's, or the proxy's report when TRUST_PROXY names it) and the socket's own peer.
    req.headers["x-ponte-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    req.headers[PEER_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
    res.locals.https = config.servedOverHttps || req.secure;
    next();
  });

  app.use((req, res, next) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    res.setHeader("Allow", "GET, HEAD, POST");
    if (req.method === "OPTIONS") return void res.status(204).end();
    res.status(405).type("text/plain").send("Method Not Allowed");
  });

  const securityHeaders = (https: boolean) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", "ws:", "wss:"],
          // The pay page's form is answered by a redirect to Stripe's hosted Checkout: Chromium checks it against this.
          "form-action": ["'self'", ...checkoutFormActionSources()],
          "upgrade-insecure-requests": https ? [] : null,
        },
      },
      // Whenever the app is served over HTTPS, in any mode; over plain HTTP browsers ignore it anyway.
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // helmet's default "no-referrer" makes Chromium send `Origin: null` on same-site form posts, which
      // Remix's own origin check then refuses: keep the origin for same-site requests.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    });
  const overHttps = securityHeaders(true);
  const overHttp = securityHeaders(false);
  app.use((req, res, next) => (res.locals.https ? overHttps : overHttp)(req, res, next));
  // Machine-to-machine webhooks get short JSON answers: gzip would cost more CPU than it saves (bench:tracking).
  // Levels chosen by measurement (tests/bench/compression.ts, README "Configuration"): on the 100 kB listing page
  // brotli quality 3 (what browsers get) takes 0.65 ms of CPU for 19.0 kB where the default 4 took 1.25 ms for 18.1 kB,
  // and gzip level 3 0.84 ms for 22.9 kB where the default 6 took 1.45 ms for 21.1 kB.
  app.use(
    compression({
      level: COMPRESSION.gzipLevel,
      brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: COMPRESSION.brotliQuality } },
      filter: (req, res) => !req.path.startsWith("/webhooks/") && compression.filter(req, res),
    }),
  );

  app.get("/healthz", async (req, res) => {
    const report = await health(state);
    res.setHeader("Cache-Control", "no-store");
    const detailed = await canSeeHealthDetails(req.socket.remoteAddress, (name) => req.get(name)).catch(() => false);
    res.status(report.status === "ok" ? 200 : 503).json(detailed ? report : { status: report.status });
  });

  app.get("/messages/:lang/:file", serveMessageBundle);
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  // Only paths that name a file reach the disk: a page URL would cost a stat() per request for nothing.
  const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  app.use(csrfCookie);
  app.use(sameOriginForUnsafeMethods);
  // The viewer's country, Portuguese variant and time zone (locale.ts), known before any loader formats a number.
  // Fingerprinted files answered by routes (strings, the world map, product images) format nothing for anyone:
  // they skip it, and with it a signed-in browser's session read.
  app.use((req, _res, next) => {
    if (VIEWERLESS_PATHS.test(req.path)) return runWithViewer(UNKNOWN_VIEWER, next);
    resolveViewer(req.headers.cookie).then(
      (viewer) => runWithViewer(viewer, next),
      (error: unknown) => {
        console.error("[viewer] unresolved, formatting for the language", error);
        runWithViewer(UNKNOWN_VIEWER, next);
      },
    );
  });
  app.use(createPageCache(createFetchRequestHandler(build, build.mode), { ttlSeconds: env().PAGE_CACHE_SECONDS }).middleware);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return app;
}

const BUNDLE_FILE = /^(public|organization)\.([0-9a-f]{12})\.js$/;
const compressedBundles = new Map<string, { br: Buffer; gzip: Buffer; identity: Buffer }>();

/**
 * `/messages/{lang}/{area}.{hash}.js`: a language's (or variant's: pt-PT) interface strings as a script
 * (message-bundles.server.ts), served here before the page machinery: no session, viewer, CSRF cookie or route
 * matching, and compressed once per process at the strongest settings instead of per request (159 kB of Portuguese
 * strings: 42 kB in brotli 9, where compressing per request took 1.6–2.6 ms of CPU for 45–46 kB). Every first visit
 * fetches it. Any other name under /messages is a plain 404.
 */
function serveMessageBundle(req: Request, res: Response) {
  const match = BUNDLE_FILE.exec(req.params.file ?? "");
  const lang = req.params.lang;
  if (!match || !isTextLanguage(lang)) {
    res.status(404).type("text/plain; charset=utf-8").send("Not found");
    return;
  }
  const bundle = messageBundle(lang, match[1] as MessageArea);
  let bodies = compressedBundles.get(bundle.src);
  if (!bodies) {
    const identity = Buffer.from(bundle.body);
    bodies = {
      identity,
      br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzip: gzipSync(identity, { level: 9 }),
    };
    compressedBundles.set(bundle.src, bodies);
  }
  // Brotli whenever the browser takes it (every current one does; it is the smallest), else gzip.
  const encoding = req.acceptsEncodings("br") ? "br" : req.acceptsEncodings("gzip") ? "gzip" : "identity";
  const body = encoding === "br" ? bodies.br : encoding === "gzip" ? bodies.gzip : bodies.identity;
  res.setHeader("Content-Type", "text/javascript; charset=utf-8");
  // The current hash is kept for a year (its name changes with its content); an older one, named by a page cached
  // before a deploy, gets today's strings without caching.
  res.setHeader("Cache-Control", bundle.hash === match[2] ? "public, max-age=31536000, immutable" : "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Vary", "Accept-Encoding");
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", String(body.length));
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Every browser gets a signed CSRF cookie before its first form; loaders see it on the same request. The cookie
 * goes out only on answers no shared cache may keep (pages, private files): a Set-Cookie on an image, a sitemap or
 * a build asset would be stored by a CDN and handed to everyone.
 */
function csrfCookie(req: Request, res: Response, next: NextFunction) {
  if (!csrfCookieToken(req.headers.cookie)) {
    const value = newCsrfCookieValue();
    const others = (req.headers.cookie ?? "").split(";").filter((c) => c.trim() && c.split("=")[0]!.trim() !== CSRF_COOKIE);
    req.headers.cookie = [...others, `${CSRF_COOKIE}=${encodeURIComponent(value)}`].join("; ");
    beforeHeaders(res, () => {
      if (!publiclyCacheable(res.getHeader("Cache-Control"))) res.append("Set-Cookie", csrfCookieHeader(value, { secure: Boolean(res.locals.https) }));
    });
  }
  next();
}

/** Cache-Control that lets a shared cache (CDN, proxy) keep the answer. */
export function publiclyCacheable(cacheControl: number | string | string[] | undefined): boolean {
  const value = String(cacheControl ?? "").toLowerCase();
  if (!value || /\b(private|no-store|no-cache)\b/.test(value)) return false;
  return /\bpublic\b|\bs-maxage=|\bmax-age=[1-9]/.test(value);
}

/** Runs `fn` once, right before the status line and headers are written (whoever writes them). */
function beforeHeaders(res: Response, fn: () => void) {
  const writeHead = res.writeHead;
  let done = false;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!done) {
      done = true;
      // writeHead(status, headers) may carry Cache-Control in its own argument: move it onto the response first.
      const headers = args.find((a, i) => i > 0 && a && typeof a === "object" && !Array.isArray(a)) as Record<string, string> | undefined;
      if (headers) for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === "cache-control") res.setHeader(name, value);
      fn();
    }
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
}

/** Defence in depth beside the token: a state-changing request from another site's page is refused. */
function sameOriginForUnsafeMethods(req: Request, res: Response, next: NextFunction) {
  if (!UNSAFE_METHODS.has(req.method)) return next();
  const origin = req.headers.origin;
  if (!origin || origin === "null") return next();
  try {
    if (new URL(origin).host === req.headers.host) return next();
  } catch {
    // fall through
  }
  res.status(403).type("text/plain").send("Cross-site request refused");
}
