import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * The developer outbox (/dev/outbox) needs the key the server generated into its data folder: the first visit
 * carries it (`?key=…`), which leaves an httpOnly cookie in the browser for the next ones.
 */
function outboxKey(): string {
  // playwright.config.ts starts the server with PONTE_DATA_DIR = E2E_DATA_DIR (and sets it when unset).
  return readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".cache/e2e", "outbox-key"), "utf8").trim();
}

/**
 * The link matching `pathPart` in the newest email sent to `to`, read from the developer outbox. The email row is
 * written before the action answers, but poll anyway: the outbox is the system's, not the test's, to schedule.
 */
export async function linkFromOutbox(page: Page, to: string, pathPart: RegExp): Promise<string> {
  let href = "";
  await expect(async () => {
    await page.goto(`/dev/outbox?key=${encodeURIComponent(outboxKey())}&to=${encodeURIComponent(to)}`);
    const email = page.getByTestId("outbox-email").filter({ has: page.getByTestId("outbox-to").getByText(to, { exact: true }) }).first();
    const link = email.getByRole("link", { name: pathPart });
    await expect(link).toBeVisible({ timeout: 1_000 });
    href = (await link.getAttribute("href")) ?? "";
  }).toPass({ timeout: 20_000 });
  expect(href).toMatch(pathPart);
  return href;
}
