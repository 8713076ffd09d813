import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP as isIp } from "node:net";
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: every interface in production, loopback only otherwise (see app/server/listen.server.ts). */
  HOST: z.string().min(1).optional(),
  /** A PostgreSQL server. Unset: the embedded database (PGlite) in PONTE_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  PONTE_DATA_DIR: z.string().default("./data"),
  /** Public base URL, used in emailed links and hreflang/canonical URLs. */
  APP_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  /** smtp://user:pass@host:port; unset: emails stay in the local outbox (developer page /dev/outbox). */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Ponte <no-reply@ponte.test>"),
  /** "inline": this process also works the job queue; "off": only enqueue (run `npm run workers` beside it). */
  PONTE_WORKERS: z.enum(["inline", "off"]).optional(),
  /** Seed demo data into an empty database on start (default: on for the embedded database). */
  PONTE_SEED_DEMO: z.enum(["true", "false"]).optional(),
  /** Seconds anonymous visitors' catalog pages stay in the page cache (app/server/page-cache.server.ts); 0: off. */
  /** Web processes sharing the port (node:cluster), "auto" = one per core; only with DATABASE_URL (PGlite is one process). */
  WEB_PROCESSES: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default(1),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * Which proxies in front of the app to believe about the client's address and protocol (X-Forwarded-For,
   * X-Forwarded-Proto), as Express's "trust proxy": a number of hops, or a comma-separated list of addresses,
   * subnets or the names loopback, linklocal, uniquelocal. Unset or "false": none (the socket's address counts).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => parseTrustProxy(value, ctx)),
  /** How long a stock reservation (cart or unpaid order) holds units before the worker releases it. */
  RESERVATION_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** How long a placed, unpaid order holds its units (reservation "order:<id>") before the worker releases them: 7 days. */
  ORDER_RESERVATION_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(10_080),
  /**
   * Sign-in attempts one client address may make in 15 minutes, successful ones included (per account, 5 failures).
   * Raise it where many people sign in from one address (an office behind one NAT; the end-to-end tests' browsers).
   */
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(5).max(100_000).default(30),
  /**
   * The export agency's data-exchange id (DXP) at the China e-port, written into the customs messages' BaseTransfer
   * and file names. Unset: the XML downloads answer 409 and say so (no made-up id is ever written).
   */
  CUSTOMS_DXP_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,30}$/, "letters and digits, at most 30")
    .optional(),
  /** Days a manufacturer has to answer an RFQ before the worker closes it unanswered. */
  RFQ_RESPONSE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

export type Env = z.infer<typeof EnvSchema> & {
  HOST: string;
  APP_URL: string;
  /** APP_URL is https: cookies are Secure and HSTS is sent on every response. */
  servedOverHttps: boolean;
  SESSION_SECRET: string;
  PONTE_WORKERS: "inline" | "off";
  embedded: boolean;
  isProduction: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment variables: ${details}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const embedded = !e.DATABASE_URL;
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  cached = {
    ...e,
    HOST: e.HOST ?? (isProduction ? "0.0.0.0" : "127.0.0.1"),
    APP_URL: appUrl,
    servedOverHttps: appUrl.startsWith("https:"),
    SESSION_SECRET: e.SESSION_SECRET ?? localSecret(e.PONTE_DATA_DIR, isProduction),
    PONTE_WORKERS: e.PONTE_WORKERS ?? (embedded ? "inline" : "off"),
    embedded,
    isProduction,
  };
  return cached;
}

/** Tests change process.env between cases; they call this to re-read it. */
export function resetEnvCache() {
  cached = undefined;
}

// Outside production a newcomer should not have to invent a secret: keep one in the data folder.
function localSecret(dataDir: string, isProduction: boolean): string {
  if (isProduction) throw new Error("SESSION_SECRET is required in production (at least 32 characters).");
  return secretFile(dataDir, "session-secret");
}

/** A random secret kept in `dataDir/name` (mode 0600), created on first use. */
function secretFile(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // "wx": two processes starting at once must not each write a different secret.
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
  return secret;
}

/**
 * The key of the developer outbox (/dev/outbox), generated into `$PONTE_DATA_DIR/outbox-key`: the page shows
 * password-reset links, so it needs more than a loopback connection (another local user, a browser tab of
 * another site reaching localhost). Never used in production, where the page does not exist.
 */
export function outboxKey(): string {
  return secretFile(env().PONTE_DATA_DIR, "outbox-key");
}

/** Express's "trust proxy" from TRUST_PROXY: false, a number of hops, or a list of addresses/subnets/names. */
function parseTrustProxy(value: string | undefined, ctx: z.RefinementCtx): false | number | string[] {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "" || trimmed === "false" || trimmed === "0") return false;
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    if (hops <= 32) return hops;
  } else if (trimmed !== "true") {
    const entries = trimmed.split(",").map((entry) => entry.trim()).filter(Boolean);
    if (entries.length && entries.every((entry) => TRUST_NAMES.has(entry) || isIp(entry.split("/")[0]!))) return entries;
  }
  // "true" would believe any client's X-Forwarded-For: every login limit per address could then be dodged.
  ctx.addIssue({ code: "custom", message: "a number of proxy hops (1-32) or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal" });
  return z.NEVER;
}

const TRUST_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
