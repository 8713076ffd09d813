import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { lazy, Suspense } from "react";
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

// The production build is patched further (same patch): it gathers the document as text and hands the stream pieces
// of 8,192 characters or more, where it encoded every tag and text into 2,048-byte views one by one (~17 % of a
// rendered listing page's CPU). What it writes must not change: byte for byte what the development build writes, and
// a shell still goes out before the content it waits for.
describe("React's production server stream, gathering text", () => {
  const page = (rows: number) => (
    <main className="page" style={{ marginTop: 4, fontWeight: 600 }}>
      <h1 title="Cotação — 报价">Ação é ótima 规格参数值</h1>
      <ul>
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} data-row={i} className={i % 2 ? "odd" : "even"}>
            <a href={`/pt/products/item-${i}`}>{`Produto ${i} · 产品 ${i} 😀`}</a>
            <input type="checkbox" aria-label={`Escolher ${i}`} defaultChecked={i % 3 === 0} />
            <select defaultValue="b" aria-label="opção">
              <option value="a">a</option>
              <option value="b">b</option>
            </select>
          </li>
        ))}
      </ul>
      <p>{"规".repeat(5_000)}</p>
      <script dangerouslySetInnerHTML={{ __html: "window.x = 1;" }} />
    </main>
  );

  it.each([0, 1, 40, 400])("writes what the development build writes, byte for byte (%i rows)", async (rows) => {
    const production = await renderBytes(BUILDS.production!, page(rows));
    const development = await renderBytes(BUILDS.development!, page(rows));
    expect(production.includes(0)).toBe(false);
    expect(production.toString("utf8")).toBe(development.toString("utf8"));
  });

  it("sends the shell before a suspended part is ready, then the part", async () => {
    let release: () => void = () => {};
    const ready = new Promise<{ default: () => JSX.Element }>((resolve) => {
      release = () => resolve({ default: () => <p>Entregue em São Paulo — 已送达</p> });
    });
    const Late = lazy(() => ready);
    const received: string[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => received.push(chunk.toString("utf8")));
    const ended = new Promise((resolve) => sink.on("end", resolve));
    const { pipe } = BUILDS.production!(
      <div>
        <h1>Rastreamento 跟踪</h1>
        <Suspense fallback={<span>Carregando…</span>}>
          <Late />
        </Suspense>
      </div>,
      { onShellReady: () => pipe(sink) },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shell = received.join("");
    expect(shell).toContain("<h1>Rastreamento 跟踪</h1>");
    expect(shell).toContain("Carregando…");
    expect(shell).not.toContain("Entregue");
    release();
    await ended;
    expect(received.join("")).toContain("Entregue em São Paulo — 已送达");
  });
});
