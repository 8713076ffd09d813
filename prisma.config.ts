import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`; migrations run through prisma/migrate.ts (WASM schema engine),
// which works without Prisma's binary host. DATABASE_URL is optional: the embedded database needs none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/ponte" },
});
