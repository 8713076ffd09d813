/** The customs messages a declaration downloads as XML (isomorphic: the page's links read it without the builder). */
export const CEB_MESSAGE_TYPES = ["CEB303", "CEB403", "CEB505", "CEB603"] as const;
export type CebMessageType = (typeof CEB_MESSAGE_TYPES)[number];

export function isCebMessageType(value: string): value is CebMessageType {
  return (CEB_MESSAGE_TYPES as readonly string[]).includes(value);
}
