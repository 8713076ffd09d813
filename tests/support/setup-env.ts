import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Tests never touch the developer's ./data folder or need a .env.
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.PONTE_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ponte-test-"));
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.DATABASE_URL;
delete process.env.SMTP_URL;
