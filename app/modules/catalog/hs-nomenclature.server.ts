/**
 * The HS 2022 nomenclature (data/harmonized-system-2022.csv, public domain): which 6-digit subheadings exist, and
 * what they are called. Shape checks (hs-code.ts) run anywhere; this one is server-only, since the table (~850 kB)
 * has no place in the browser's bundle. 8517.12 and 8539.50 (HS 2017) and 8500.00 (never) are not subheadings.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export interface HsEntry {
  code: string;
  description: string;
  /** The 4-digit heading and its description. */
  heading: { code: string; description: string } | null;
}

const CSV_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "harmonized-system-2022.csv");

let table: Map<string, { description: string; parent: string }> | null = null;

function load(): Map<string, { description: string; parent: string }> {
  if (table) return table;
  // The build bundles server code into build/: fall back to the source tree's copy, which ships with it.
  const file = [CSV_PATH, path.join(process.cwd(), "app", "modules", "catalog", "data", "harmonized-system-2022.csv")].find((candidate) => existsSync(candidate));
  if (!file) throw new Error("HS 2022 nomenclature not found (app/modules/catalog/data/harmonized-system-2022.csv)");
  const rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as { hscode: string; description: string; parent: string }[];
  table = new Map(rows.map((row) => [row.hscode, { description: row.description, parent: row.parent }]));
  return table;
}

/** The subheading of a 6-digit code (or of a 10-digit China code's first six), or null when HS 2022 has none. */
export function hsSubheading(code: string): HsEntry | null {
  const six = code.replace(/[\s.\-]/g, "").slice(0, 6);
  if (!/^\d{6}$/.test(six)) return null;
  const entry = load().get(six);
  if (!entry) return null;
  const heading = load().get(entry.parent);
  return { code: six, description: entry.description, heading: heading ? { code: entry.parent, description: heading.description } : null };
}

export function isKnownHsSubheading(code: string): boolean {
  return hsSubheading(code) !== null;
}
