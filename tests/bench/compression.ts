/**
 * `npx tsx tests/bench/compression.ts`: what compressing a real page costs and saves, per gzip level and brotli
 * quality, to choose the HTTP app's compression settings (app/server/http.server.ts) by measurement.
 *
 * Renders real pages with the HTTP app in this process (the existing build: `npm run build` first; the bench
 * database, like bench:catalog), anonymous and as a signed-in buyer (a fresh session of buyer.br@demo.ponte.test,
 * deleted afterwards), then compresses each page in memory, --rounds times per setting, as the compression
 * middleware would (zlib with the same parameters; one chunk), and prints the CPU time per page and the bytes.
 *
 *   options: --rounds 200, --save DIR (also write the pages there, to compare what they carry)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { option, startInProcessApp } from "./bench-support";

const ROUNDS = Number(option("rounds", "200"));

const SETTINGS: { name: string; compress: (page: Buffer) => Buffer }[] = [
  ...[1, 3, 4, 6, 9].map((level) => ({ name: `gzip ${level}`, compress: (page: Buffer) => gzipSync(page, { level }) })),
  ...[1, 2, 3, 4, 5].map((quality) => ({
    name: `brotli ${quality}`,
    compress: (page: Buffer) => brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: page.length } }),
  })),
];

async function main() {
  const app = await startInProcessApp("compression.ts");
  const { origin, session } = app;
  const pages: { name: string; body: Buffer }[] = [];
  try {
    // Uncompressed answers (identity): the bytes the middleware would compress.
    const get = async (p: string, cookie?: string) => {
      const response = await fetch(origin + p, { headers: { accept: "text/html", "accept-encoding": "identity", ...(cookie ? { cookie } : {}) } });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`GET ${p}: ${response.status}`);
      return body;
    };
    const listing = await get("/pt/products");
    const product = /href="(\/pt\/products\/[^"?#]+)"/.exec(listing.toString("utf8"))?.[1];
    if (!product) throw new Error("no product link on the listing: seed the bench catalog");
    const bundle = /<script src="(\/messages\/[^"]+)"/.exec(listing.toString("utf8"))?.[1];
    pages.push({ name: "listing /pt/products (anonymous)", body: listing });
    pages.push({ name: "listing /pt/products (buyer)", body: await get("/pt/products", session.cookie) });
    pages.push({ name: "product page (buyer)", body: await get(product, session.cookie) });
    if (bundle) pages.push({ name: `messages ${bundle.split("/").slice(2).join("/")}`, body: await get(bundle) });
  } finally {
    await app.close();
  }

  const save = option("save", "");
  if (save) {
    mkdirSync(save, { recursive: true });
    for (const page of pages) writeFileSync(path.join(save, `${page.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.html`), page.body);
  }
  console.log(`\nCompressing each page ${ROUNDS} times per setting (CPU ms per page, one core):`);
  console.log("| page | raw | setting | compressed | ratio | CPU ms / page |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: |");
  for (const page of pages) {
    for (const setting of SETTINGS) {
      setting.compress(page.body); // warm
      const cpu = process.cpuUsage();
      let size = 0;
      for (let i = 0; i < ROUNDS; i++) size = setting.compress(page.body).length;
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000 / ROUNDS;
      console.log(`| ${page.name} | ${(page.body.length / 1000).toFixed(1)} kB | ${setting.name} | ${(size / 1000).toFixed(1)} kB | ${((100 * size) / page.body.length).toFixed(1)} % | ${ms.toFixed(2)} |`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
