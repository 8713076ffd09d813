/**
 * Signing of the customs messages. China customs accepts a CEB message only with an XML-DSig signature made with
 * the agency's certificate, held on its e-port card (电子口岸卡) and used through the e-port's signing client. That
 * certificate cannot exist here, so Ponte does not sign: the only implementation is the explicit unsigned export,
 * which says so in its result and in the downloaded file's name and headers. No placeholder signature is ever
 * written into a message.
 *
 * A real signer (the agency's signing service, called with the message) implements `CustomsMessageSigner` and
 * returns `signed: true` with the signed document.
 */

export interface SignedCustomsMessage {
  /** The document to transmit or hand over. */
  xml: string;
  /** True only when `xml` carries a real signature made with the agency's certificate. */
  signed: boolean;
  /** Who or what signed it, for the audit trail; null when unsigned. */
  signer: string | null;
}

export interface CustomsMessageSigner {
  /** A name for logs and the audit trail ("unsigned-export", "agency-eport-card"). */
  readonly name: string;
  sign(xml: string): Promise<SignedCustomsMessage>;
}

/** The explicit unsigned export: the message as built, marked unsigned, for the agency to sign before sending. */
export const unsignedExport: CustomsMessageSigner = {
  name: "unsigned-export",
  async sign(xml: string): Promise<SignedCustomsMessage> {
    return { xml, signed: false, signer: null };
  },
};

/** The file name of a download: unsigned files say so ("…_UNSIGNED.xml"), so nobody transmits one by mistake. */
export function downloadFileName(fileName: string, message: SignedCustomsMessage): string {
  return message.signed ? fileName : fileName.replace(/\.xml$/, "_UNSIGNED.xml");
}
