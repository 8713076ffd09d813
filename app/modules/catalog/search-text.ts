/**
 * Search text processing shared by the indexer, the query builder and the search box (pure: no database, safe
 * in the browser).
 *
 * - Latin-script text is left to PostgreSQL's accent-insensitive stemming configurations (ponte_pt, ponte_es,
 *   ponte_en); Chinese (and any CJK run) is turned into character unigrams + bigrams here, because PostgreSQL has
 *   no Chinese word segmentation: "变频空调" is indexed as 变 频 空 调 变频 频空 空调, and a query for 空调 asks for
 *   the bigram 空调 (a single character asks for the unigram).
 * - Queries are parsed into a small AST (words, CJK runs, "quoted phrases", -exclusions, `or`) and rendered as
 *   tsquery text made only of quoted, sanitized operands: any input, however hostile (quotes, &, |, !, :, emojis,
 *   2,000 characters), gives a valid tsquery, never a syntax error.
 */

import type { Lang } from "~/modules/i18n/config";

/** The text search configuration each language's translations are indexed with (created by the catalog migration). */
export const TEXT_SEARCH_CONFIGS = { pt: "ponte_pt", es: "ponte_es", en: "ponte_en", zh: "ponte_simple" } as const satisfies Record<Lang, string>;
export type TextSearchConfig = (typeof TEXT_SEARCH_CONFIGS)[Lang];
/** Every configuration a query is run through: a translation is matched by the query stemmed its own way. */
export const ALL_TEXT_SEARCH_CONFIGS: readonly TextSearchConfig[] = ["ponte_pt", "ponte_es", "ponte_en", "ponte_simple"];

/** Longest query we look at, in characters (the rest is ignored), and most clauses we AND together. */
export const MAX_QUERY_CHARS = 256;
export const MAX_QUERY_CLAUSES = 10;
/** Longest word kept (longer ones are cut): no real product word is longer, and lexemes stay small. */
export const MAX_WORD_CHARS = 48;
/** Longest CJK run kept as a SearchTerm. */
const MAX_CJK_TERM_CHARS = 16;

const CJK_CLASS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, "u");
const CJK_RUNS = new RegExp(`[${CJK_CLASS}]+`, "gu");
/** A letter or digit that is not CJK. */
const LATIN = `(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])`;
/** A non-CJK word: letters/digits with their combining marks, `-` and `.` allowed inside (wi-fi, 3.5mm). */
const LATIN_WORD = `${LATIN}(?:${LATIN}|\\p{M}|[-.](?=${LATIN}))*`;
/** Words: CJK runs, and non-CJK words. */
const WORDS = new RegExp(`[${CJK_CLASS}]+|${LATIN_WORD}`, "gu");
const TRAILING_WORD = new RegExp(`${LATIN_WORD}$`, "u");
const LETTERS_ONLY = /^\p{L}+$/u;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const SPECIAL_LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

export function isCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * Case- and accent-folding the way the search configurations do it (unaccent + lower), plus NFKC so that
 * full-width input from Chinese keyboards ("ＵＳＢ", "２２０Ｖ") reads as ASCII: "Elétrica" → "eletrica".
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_DIACRITICS, "")
    .normalize("NFC")
    .replace(/[ßæœøđðłþı]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** A CJK run as character unigrams followed by bigrams: 空调机 → [空, 调, 机, 空调, 调机]. */
export function cjkNgrams(run: string): string[] {
  const chars = Array.from(run);
  const bigrams = chars.slice(1).map((c, i) => chars[i] + c);
  return [...chars, ...bigrams];
}

/**
 * Text ready for to_tsvector: NFKC-normalized, with every CJK run replaced by its n-grams (space-separated, so
 * the parser sees each as a word). Latin text is left to the configuration (stemming, unaccent, stop words).
 */
export function indexableText(text: string): string {
  return text.normalize("NFKC").replace(CJK_RUNS, (run) => ` ${cjkNgrams(run).join(" ")} `);
}

/** The folded words of a text, in order (CJK runs are words of their own). */
export function words(text: string): string[] {
  return Array.from(foldText(text).matchAll(WORDS), (m) => m[0].slice(0, MAX_WORD_CHARS));
}

/**
 * The distinct words of a product name that feed SearchTerm (typo correction, suggestions): folded, at least two
 * characters, with a letter (model numbers like "2000" are left out), compounds split (wi-fi → wi, fi).
 */
export function nameTerms(name: string): string[] {
  const terms = new Set<string>();
  for (const word of words(name)) {
    if (isCjk(word)) {
      if (Array.from(word).length >= 2) terms.add(Array.from(word).slice(0, MAX_CJK_TERM_CHARS).join(""));
      continue;
    }
    for (const part of word.split(/[-.]/)) {
      if (part.length >= 2 && /\p{L}/u.test(part)) terms.add(part);
    }
  }
  return [...terms];
}

// ─── Queries ─────────────────────────────────────────────────────────────────────────────────────────────────

export type SearchAtom = { type: "word"; value: string } | { type: "cjk"; value: string };

/** One AND-ed element of a query: a word, a CJK run, or a "quoted phrase" (several atoms); possibly excluded. */
export interface SearchClause {
  atoms: SearchAtom[];
  phrase: boolean;
  negated: boolean;
}

/** AND of groups; a group is an OR of clauses (`kettle or teapot`). */
export interface SearchQuery {
  groups: SearchClause[][];
}

function atomsOf(text: string): SearchAtom[] {
  return words(text).map((value) => (isCjk(value) ? { type: "cjk", value } : { type: "word", value }));
}

/**
 * Parses what a buyer typed, with web-search conventions: words are AND-ed, "quoted phrases" match in order,
 * `-word` excludes, `a or b` matches either. Everything that is not a letter or digit is a separator.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const text = foldText(String(input ?? "").slice(0, MAX_QUERY_CHARS * 2))
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[“”„«»]/g, '"');
  const groups: SearchClause[][] = [];
  let clauses = 0;
  let pendingOr = false;

  const push = (clause: SearchClause) => {
    if (clauses >= MAX_QUERY_CLAUSES) return;
    clauses += 1;
    const last = groups[groups.length - 1];
    if (pendingOr && last && !clause.negated && !last[0].negated) last.push(clause);
    else groups.push([clause]);
    pendingOr = false;
  };

  // Split into "quoted" and unquoted segments; an unbalanced quote runs to the end.
  const segments = text.split('"');
  segments.forEach((segment, index) => {
    if (index % 2 === 1) {
      const atoms = atomsOf(segment);
      if (atoms.length === 0) return;
      // A minus right before the opening quote excludes the phrase.
      const before = segments[index - 1] ?? "";
      const negated = /(^|\s)-$/.test(before);
      push({ atoms, phrase: atoms.length > 1, negated });
      return;
    }
    for (const chunk of segment.split(/\s+/)) {
      if (chunk === "") continue;
      if (chunk === "or") {
        pendingOr = groups.length > 0;
        continue;
      }
      const negated = chunk.startsWith("-");
      const atoms = atomsOf(chunk);
      if (atoms.length === 0) continue;
      // An excluded chunk is excluded as a whole (-usb-c); otherwise its pieces are AND-ed (foo&bar → foo, bar).
      if (negated) push({ atoms, phrase: atoms.length > 1, negated: true });
      else for (const atom of atoms) push({ atoms: [atom], phrase: false, negated: false });
    }
  });
  return { groups };
}

/**
 * Splits the exclusions off a query: a product is excluded when ANY of its translations has an excluded word
 * (not just the translation that matched), so they are checked apart. `excluded` lists them as positive clauses.
 */
export function splitExclusions(query: SearchQuery): { included: SearchQuery; excluded: SearchQuery | null } {
  const included = query.groups.filter((group) => !group[0].negated);
  const excluded = query.groups.filter((group) => group[0].negated).map((group) => group.map((clause) => ({ ...clause, negated: false })));
  return { included: { groups: included }, excluded: excluded.length > 0 ? { groups: [excluded.flat()] } : null };
}

/** True when the query asks for something (a query of exclusions only is not a search). */
export function hasPositiveClause(query: SearchQuery): boolean {
  return query.groups.some((group) => group.some((clause) => !clause.negated));
}

/** A tsquery/tsvector operand, quoted: safe whatever it contains. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** tsquery text for a CJK run: bigrams AND-ed; one character asks for its unigram. */
export function cjkQueryText(run: string, suffix = ""): string {
  const chars = Array.from(run);
  if (chars.length === 1) return quoteLexeme(chars[0]) + suffix;
  const bigrams = [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
  const text = bigrams.map((b) => quoteLexeme(b) + suffix).join(" & ");
  return bigrams.length > 1 ? `(${text})` : text;
}

export interface TsQueryOptions {
  /** Alternatives OR-ed with a word (typo corrections), keyed by the folded word. */
  corrections?: ReadonlyMap<string, readonly string[]>;
  /** Weight labels appended to every operand, e.g. "A" to match names only. */
  weights?: string;
}

/**
 * Renders a parsed query as tsquery text for to_tsquery(config, text): each operand quoted (the configuration
 * still stems and unaccents it), operators from the AST only. Empty string when there is nothing to search.
 */
export function toTsQueryText(query: SearchQuery, options: TsQueryOptions = {}): string {
  const suffix = options.weights ? `:${options.weights}` : "";
  const atomText = (atom: SearchAtom, correctable: boolean): string => {
    if (atom.type === "cjk") return cjkQueryText(atom.value, suffix);
    const alternatives = correctable ? (options.corrections?.get(atom.value) ?? []) : [];
    if (alternatives.length === 0) return quoteLexeme(atom.value) + suffix;
    return `(${[atom.value, ...alternatives].map((w) => quoteLexeme(w) + suffix).join(" | ")})`;
  };
  const clauseText = (clause: SearchClause): string => {
    let text: string;
    if (clause.atoms.length === 1) text = atomText(clause.atoms[0], !clause.negated);
    else {
      const inOrder = clause.phrase && clause.atoms.every((a) => a.type === "word");
      text = `(${clause.atoms.map((a) => atomText(a, false)).join(inOrder ? " <-> " : " & ")})`;
    }
    return clause.negated ? `!${text}` : text;
  };
  if (!hasPositiveClause(query)) return "";
  return query.groups
    .map((group) => (group.length === 1 ? clauseText(group[0]) : `(${group.map(clauseText).join(" | ")})`))
    .join(" & ");
}

// ─── Typo tolerance ──────────────────────────────────────────────────────────────────────────────────────────

/** How many typos a query word may carry and still be corrected: none under 5 letters, 1 up to 8, 2 from 9. */
export function typoBudget(word: string): number {
  if (!LETTERS_ONLY.test(word) || isCjk(word)) return 0;
  const length = Array.from(word).length;
  if (length < 5) return 0;
  return length >= 9 ? 2 : 1;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one typo (optimal string alignment):
 * bateira → bateria is 1, where plain Levenshtein says 2. Stops early once above `max`.
 */
export function typoDistance(a: string, b: string, max = Infinity): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length];
}

/** The word with each pair of neighbouring letters swapped: looked up exactly, since trigrams miss swaps in short words. */
export function transpositions(word: string): string[] {
  const chars = Array.from(word);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    out.add(swapped.join(""));
  }
  return [...out];
}

/** The words of a query that may be corrected: plain words (not phrases or exclusions) with a typo budget. */
export function correctableWords(query: SearchQuery): string[] {
  const out = new Set<string>();
  for (const group of query.groups) {
    for (const clause of group) {
      const atom = clause.atoms[0];
      if (clause.negated || clause.atoms.length !== 1 || atom.type !== "word") continue;
      if (typoBudget(atom.value) > 0) out.add(atom.value);
    }
  }
  return [...out];
}

// ─── Suggestions ─────────────────────────────────────────────────────────────────────────────────────────────

export interface SuggestInput {
  /** Words typed before the last one (complete), and CJK runs (always searched as n-grams). */
  complete: SearchAtom[];
  /** The word being typed (a prefix), when the input does not end with a space; never CJK. */
  prefix: string | null;
  /** What the buyer typed before `prefix`, as typed: a term suggestion is `lead + term`. */
  lead: string;
}

/** Splits what is being typed into complete words and the word still being typed. */
export function parseSuggestInput(input: string): SuggestInput {
  const raw = String(input ?? "").slice(0, MAX_QUERY_CHARS);
  const atoms = atomsOf(raw).slice(0, MAX_QUERY_CLAUSES);
  const last = atoms[atoms.length - 1];
  const endsInWord = /[\p{L}\p{N}]$/u.test(raw.normalize("NFKC"));
  if (!last || last.type === "cjk" || !endsInWord) return { complete: atoms, prefix: null, lead: raw };
  // The typed text without its last word (kept as typed, so the suggestion reads like the input).
  const match = TRAILING_WORD.exec(raw.normalize("NFKC"));
  const lead = match ? raw.normalize("NFKC").slice(0, match.index) : "";
  return { complete: atoms.slice(0, -1), prefix: last.value, lead };
}

/** A tsquery lexeme marking a word of a published product's name (see search.server.ts): `#cafeteira`. */
export const NAME_TERM_MARK = "#";

/** tsquery text matching name words that start with `prefix` (raw, unstemmed): `'#eletr':*`. */
export function nameTermPrefixQueryText(prefix: string): string {
  return `${quoteLexeme(NAME_TERM_MARK + prefix)}:*`;
}

/** tsvector text holding a translation's name terms as marked lexemes (weight D, the default). */
export function nameTermsVectorText(terms: readonly string[]): string {
  return terms.map((term, i) => `${quoteLexeme(NAME_TERM_MARK + term)}:${i + 1}`).join(" ");
}

/**
 * SKUs as searchable text: each SKU and its prefixes at separators ("GL-CM15-127N" → "GL-CM15-127N GL-CM15"), since
 * PostgreSQL reads a hyphenated code as one word plus its parts, and a model code ("GL-CM15") must find every
 * variant of it. One-segment prefixes are left out: "GL" alone is already a part of every such SKU.
 */
export function skuSearchText(skus: readonly string[]): string {
  const out = new Set<string>();
  for (const sku of skus) {
    const code = sku.normalize("NFKC").trim();
    if (!code) continue;
    out.add(code);
    const parts = code.split(/(?=[-_/.])/);
    for (let i = 2; i < parts.length; i++) out.add(parts.slice(0, i).join(""));
  }
  return [...out].join("\n");
}
