import type { VerificationDocumentKind } from "~/generated/prisma/enums";

/** The documents a company sends for verification (shared by the form in the browser and the server). */
export const DOCUMENT_KINDS = ["BUSINESS_LICENCE", "TAX_REGISTRATION", "OTHER"] as const satisfies readonly VerificationDocumentKind[];
