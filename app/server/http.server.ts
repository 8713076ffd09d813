import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { env } from "~/modules/config/env.server";
import { csrfCookieHeader, csrfTokenFromCookieHeader, newCsrfCookieValue, CSRF_COOKIE } from "~/modules/security/csrf.server";
import { health } from "./health.server";
import { createPageCache } from "./page-cache.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createHttpApp(build: ServerBuild, state: { shuttingDown: boolean }) {
  const app = express();
  const production = env().isProduction;
  app.disable("x-powered-by");
  // Pages carry a per-request nonce, so an ETag of their body never matches; hashing 150 kB per page costs ~3 %.
  app.set("etag", false);

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // The only client address the app trusts: the socket's (or the proxy's, when TRUST_PROXY is configured).
    req.headers["x-ponte-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "upgrade-insecure-requests": production ? [] : null,
        },
      },
      strictTransportSecurity: production,
      // helmet's default "no-referrer" makes Chromium send `Origin: null` on same-site form posts, which
      // Remix's own origin check then refuses: keep the origin for same-site requests.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  app.get("/healthz", async (_req, res) => {
    const report = await health(state);
    res.status(report.status === "ok" ? 200 : 503).json(report);
  });

  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  // Only paths that name a file reach the disk: a page URL would cost a stat() per request for nothing.
  const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  app.use(csrfCookie);
  app.use(sameOriginForUnsafeMethods);
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

/** Every browser gets a signed CSRF cookie before its first form; loaders see it on the same request. */
function csrfCookie(req: Request, res: Response, next: NextFunction) {
  if (!csrfTokenFromCookieHeader(req.headers.cookie)) {
    const value = newCsrfCookieValue();
    res.append("Set-Cookie", csrfCookieHeader(value));
    const others = (req.headers.cookie ?? "").split(";").filter((c) => c.trim() && !c.trim().startsWith(`${CSRF_COOKIE}=`));
    req.headers.cookie = [...others, `${CSRF_COOKIE}=${encodeURIComponent(value)}`].join("; ");
  }
  next();
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
