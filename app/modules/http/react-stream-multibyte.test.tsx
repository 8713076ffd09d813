import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { renderToPipeableStream as RenderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

// Both of Node's builds: `npm start` loads the production one, tests and the e2e server the development one.
// (The package's exports hide its cjs folder: the files are found next to the entry `react-dom/server` resolves to.)
const require = createRequire(import.meta.url);
const build = (file: string) => (require(path.join(path.dirname(require.resolve("react-dom/server")), "cjs", file)) as { renderToPipeableStream: typeof RenderToPipeableStream }).renderToPipeableStream;
const BUILDS: Record<string, typeof RenderToPipeableStream> = {
  production: build("react-dom-server.node.production.min.js"),
  development: build("react-dom-server.node.development.js"),
};

/** Renders on the server as entry.server.tsx does (renderToPipeableStream into a Node stream), and answers the bytes. */
function renderBytes(renderToPipeableStream: typeof RenderToPipeableStream, node: JSX.Element): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    sink.on("error", reject);
    const { pipe } = renderToPipeableStream(node, { onAllReady: () => pipe(sink), onError: reject });
  });
}

// React 18.3's Node renderer writes in 2,048-byte views. When a text's next character needed more bytes than were left
// in a view, it sent the whole view, its unused tail (zero bytes) included: "规\0格" in a Chinese page, a label no
// one could match (patches/react-dom+18.3.1.patch).
describe("React's server stream and characters of several bytes", () => {
  it.each(Object.keys(BUILDS))("never puts zero bytes into a document, wherever a character falls against the renderer's views (%s)", async (name) => {
    for (const text of ["规格参数值，第 1 行", "Ação é ótima — não?", "😀 emoji"]) {
      // Pieces short enough to be copied into the views (longer ones are written on their own), then a shift of
      // 0–80 bytes: some character of the text meets the end of a view at every shift.
      for (let shift = 0; shift <= 80; shift++) {
        const node = (
          <div>
            {[1, 2, 3].map((i) => (
              <p key={i}>{"a".repeat(600)}</p>
            ))}
            <p>{"b".repeat(150 + shift)}</p>
            <span>{text}</span>
            <input aria-label={text} />
          </div>
        );
        const bytes = await renderBytes(BUILDS[name]!, node);
        expect(bytes.includes(0), `shift ${shift}, ${text}`).toBe(false);
        const html = bytes.toString("utf8");
        expect(html).toContain(`<span>${text}</span>`);
        expect(html).toContain(`aria-label="${text}"`);
      }
    }
  });
});
