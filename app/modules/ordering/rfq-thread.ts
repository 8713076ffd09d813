/** Limits of an RFQ's attachments, shared by the forms (hints) and the server (checks). */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The longest file name kept (in characters, extension included). */
export const MAX_ATTACHMENT_NAME = 120;

/** Extensions a kind may already carry in its uploaded name (else the detected one is added). */
const EXTENSIONS: Record<string, readonly string[]> = { pdf: ["pdf"], png: ["png"], jpg: ["jpg", "jpeg"], webp: ["webp"] };

/**
 * The name an uploaded file is kept and downloaded under: the browser's name without any folder, Unicode-normalized,
 * without control, format (bidi overrides, zero-width) or path characters, spaces collapsed, no leading dots, at
 * most MAX_ATTACHMENT_NAME characters with its extension kept, and ending in an extension of the type its bytes
 * showed (a PDF named "spec.exe" downloads as "spec.exe.pdf"). Nothing usable left: "attachment.<ext>".
 */
export function sanitizeAttachmentName(raw: string | null | undefined, ext: string): string {
  const base = (raw ?? "").split(/[/\\]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^[.\s]+/u, "")
    .replace(/[.\s]+$/u, "");
  const dot = name.lastIndexOf(".");
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  if (!(EXTENSIONS[ext] ?? [ext]).includes(current)) name = name ? `${name}.${ext}` : "";
  if (!name) return `attachment.${ext}`;
  const chars = Array.from(name);
  if (chars.length <= MAX_ATTACHMENT_NAME) return name;
  const suffix = Array.from(name.slice(name.lastIndexOf(".")));
  return `${chars.slice(0, MAX_ATTACHMENT_NAME - suffix.length).join("").trimEnd()}${suffix.join("")}`;
}

/**
 * Content-Disposition for a download under `name`: a plain-ASCII `filename` for old clients and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string): string {
  const kept = name.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "_").replace(/ +/g, " ").replace(/ (\.[^.]*)$/, "$1").trim();
  const ascii = !kept || kept.startsWith(".") ? `attachment${kept.startsWith(".") ? kept : ""}` : kept;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
