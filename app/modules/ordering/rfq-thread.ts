/** Limits of an RFQ's attachments, shared by the forms (hints) and the server (checks). */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
