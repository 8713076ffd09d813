import type { Page } from "@playwright/test";

/**
 * Waits until React has hydrated the page. Keys pressed and choices made before then reach no handler (and a
 * select's choice is reset by hydration), which a loaded machine makes likely on the first page of a test.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactFiber")));
  });
}
