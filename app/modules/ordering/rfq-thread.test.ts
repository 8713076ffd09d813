import { describe, expect, it } from "vitest";
import { contentDisposition, MAX_ATTACHMENT_NAME, sanitizeAttachmentName } from "./rfq-thread";

describe("sanitizeAttachmentName", () => {
  it("keeps the uploaded name, in any script, without its folder", () => {
    expect(sanitizeAttachmentName("Especificação técnica 规格书 v2.pdf", "pdf")).toBe("Especificação técnica 规格书 v2.pdf");
    expect(sanitizeAttachmentName("C:\\fakepath\\plan.PDF", "pdf")).toBe("plan.PDF");
    expect(sanitizeAttachmentName("../../etc/photo.jpeg", "jpg")).toBe("photo.jpeg");
  });

  it("removes control and bidi characters, path-like and reserved characters, leading dots; collapses spaces", () => {
    expect(sanitizeAttachmentName("photo\u202Egnp.exe", "png")).toBe("photognp.exe.png");
    expect(sanitizeAttachmentName("a\u0000b\u200Bc\t\n  d.png", "png")).toBe("abc d.png");
    expect(sanitizeAttachmentName('..hidden "quote" <x>.webp', "webp")).toBe("hidden _quote_ _x_.webp");
  });

  it("ends in an extension of the type the bytes showed", () => {
    expect(sanitizeAttachmentName("spec.exe", "pdf")).toBe("spec.exe.pdf");
    expect(sanitizeAttachmentName("scan", "jpg")).toBe("scan.jpg");
    expect(sanitizeAttachmentName("scan.JPEG", "jpg")).toBe("scan.JPEG");
  });

  it("falls back when nothing is left, and keeps at most MAX_ATTACHMENT_NAME characters with the extension", () => {
    expect(sanitizeAttachmentName("", "pdf")).toBe("attachment.pdf");
    expect(sanitizeAttachmentName("\u202E\u0007 ...", "png")).toBe("attachment.png");
    expect(sanitizeAttachmentName(null, "webp")).toBe("attachment.webp");
    const long = sanitizeAttachmentName(`${"规".repeat(300)}.pdf`, "pdf");
    expect(Array.from(long)).toHaveLength(MAX_ATTACHMENT_NAME);
    expect(long.endsWith("规.pdf")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("sends an ASCII fallback and the exact UTF-8 name (RFC 5987), never a raw quote or non-ASCII byte", () => {
    expect(contentDisposition("plan.pdf")).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    expect(contentDisposition("Cotação 规格书.pdf")).toBe(`attachment; filename="Cotacao.pdf"; filename*=UTF-8''Cota%C3%A7%C3%A3o%20%E8%A7%84%E6%A0%BC%E4%B9%A6.pdf`);
    expect(contentDisposition("a'b(c)*.pdf")).toBe(`attachment; filename="a'b(c)*.pdf"; filename*=UTF-8''a%27b%28c%29%2A.pdf`);
    expect(contentDisposition("规格书.pdf")).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''%E8%A7%84%E6%A0%BC%E4%B9%A6.pdf`);
    expect(contentDisposition("100%;x.pdf")).toMatch(/^attachment; filename="100__x\.pdf"; filename\*=UTF-8''100%25%3Bx\.pdf$/);
  });
});
