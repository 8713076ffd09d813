import type { MetaArgs } from "@remix-run/node";
import type { Messages } from "~/modules/i18n/resources";

declare global {
  /** Set by entry.server.tsx: the server's message bundles by key (meta functions have no React context). */
  var __ponteServerMessages: ((key: string | undefined) => Messages) | undefined;
}

/** The strings of the root's message bundle: from memory on the server, from the bundle's script in the browser. */
function rootMessages(matches: MetaArgs["matches"]): Messages | undefined {
  const root = matches.find((m) => m.id === "root")?.data as { messagesBundle?: { key: string } } | undefined;
  const key = root?.messagesBundle?.key;
  if (typeof window === "undefined") return globalThis.__ponteServerMessages?.(key);
  return key ? window.__ponteMessages?.[key] : undefined;
}

/** A page title from the page's interface strings, so <title> is in the page's language. */
export function pageTitle({ matches }: MetaArgs, key: string) {
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), rootMessages(matches));
  return [{ title: typeof value === "string" ? `${value} · Ponte` : "Ponte" }];
}
