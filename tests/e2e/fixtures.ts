import { expect, test as base } from "@playwright/test";

/**
 * Every page a test opens must run without uncaught errors: a hydration mismatch (server and browser rendering
 * different text) or a crash in a component fails the test that caused it.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on("page", (page) => page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`)));
      await use(errors);
      expect(errors, "uncaught errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
