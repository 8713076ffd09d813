import { createHash } from "node:crypto";
import { isOrganizationArea } from "./areas";
import { LANGS, type Lang } from "./config";
import { isTextVariant, type TextVariant } from "./locale";
import type { Messages } from "./resources";
import { textMessages } from "./variants.server";

/**
 * The interface strings a page needs, served as one static script per language and area
 * (`/messages/pt/public.<hash>.js`), cached by the browser for a year and named by a hash of their content, instead
 * of riding in every page's hydration data: they were ~80 % of a page's HTML (93 of 113 kB on the checkout page)
 * and most of the server's work of serializing, rendering and compressing it.
 *
 * Areas: organization pages (the manufacturer console, imports, inventory, warehouses) need their strings; public
 * pages do not carry them. The PDF documents' strings are only ever used on the server.
 */
export type MessageArea = "public" | "organization";
export const MESSAGE_AREAS: readonly MessageArea[] = ["public", "organization"];

export interface MessageBundle {
  /** The key the script stores its strings under: `window.__ponteMessages[key]`. */
  key: string;
  src: string;
  hash: string;
  messages: Messages;
  /** The script's text. */
  body: string;
}

function messagesFor(lang: Lang | TextVariant, area: MessageArea): Messages {
  // The PDFs' labels (documents, exportdocs.pdf) are only read on the server.
  const { documents: _documents, exportdocs: { pdf: _exportPdf, ...exportdocs }, ...rest } = textMessages(lang);
  const all = { ...rest, exportdocs };
  if (area === "organization") return all as Messages;
  const { console: _console, importer: _importer, inventory: _inventory, warehouse: _warehouse, ...publicMessages } = all;
  return publicMessages as Messages;
}

const bundles = new Map<string, MessageBundle>();

/** A language's (or variant's: "pt-PT") strings for an area. */
export function messageBundle(lang: Lang | TextVariant, area: MessageArea): MessageBundle {
  const key = `${lang}.${area}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    const messages = messagesFor(lang, area);
    const json = JSON.stringify(messages);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 12);
    // A string literal parsed by JSON.parse loads faster than the same object as a JavaScript literal.
    const body = `(window.__ponteMessages = window.__ponteMessages || {})[${JSON.stringify(key)}] = JSON.parse(${JSON.stringify(json)});\n`;
    bundle = { key, src: `/messages/${lang}/${area}.${hash}.js`, hash, messages, body };
    bundles.set(key, bundle);
  }
  return bundle;
}

/** What the page's HTML carries: where the strings are and the key they are stored under. */
export function bundleRef(lang: Lang | TextVariant, pathname: string): { key: string; src: string } {
  const { key, src } = messageBundle(lang, isOrganizationArea(pathname) ? "organization" : "public");
  return { key, src };
}

/** A language of the URL or a variant of one ("pt-PT"): what `/messages/{lang}/…` serves. */
export function isTextLanguage(value: unknown): value is Lang | TextVariant {
  return isTextVariant(value) || (LANGS as readonly string[]).includes(value as string);
}

/** The server render's strings for a bundle key ("pt.public", "pt-PT.public"); English public strings for an unknown key. */
export function messagesForKey(key: string | undefined): Messages {
  const [lang, area] = (key ?? "").split(".");
  const knownLang = isTextLanguage(lang) ? lang : "en";
  return messageBundle(knownLang, area === "organization" ? "organization" : "public").messages;
}
