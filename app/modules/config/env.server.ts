import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
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
  /** How long a stock reservation (cart or unpaid order) holds units before the worker releases it. */
  RESERVATION_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
});

export type Env = z.infer<typeof EnvSchema> & {
  APP_URL: string;
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
  cached = {
    ...e,
    APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
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
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
