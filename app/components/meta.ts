import type { MetaArgs } from "@remix-run/node";

/** A page title from the root loader's messages, so <title> is in the page's language. */
export function pageTitle({ matches }: MetaArgs, key: string) {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: Record<string, unknown> } | undefined;
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), root?.messages);
  return [{ title: typeof value === "string" ? `${value} · Ponte` : "Ponte" }];
}
