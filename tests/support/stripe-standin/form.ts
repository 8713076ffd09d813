/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracket nesting — `metadata[orderId]=…`,
 * `payment_method_types[0]=card`, `line_items[0][price_data][currency]=mxn`, `expand[]=…`. Decoded into plain
 * objects; all-numeric keys make arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export class FormDecodeError extends Error {}

export function decodeStripeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) throw new FormDecodeError(`Invalid parameter name: ${rawKey}`);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      let segment: string = path[i]!;
      if (segment === "") {
        if (!Array.isArray(node)) throw new FormDecodeError(`Invalid array parameter: ${rawKey}`);
        segment = String(node.length);
      }
      const container = node as Record<string, FormValue>;
      if (last) {
        container[segment] = value;
        break;
      }
      const next = path[i + 1]!;
      const wantsArray = next === "" || /^\d+$/.test(next);
      if (container[segment] === undefined) container[segment] = wantsArray ? [] : {};
      const child = container[segment]!;
      if (typeof child === "string") throw new FormDecodeError(`Parameter ${rawKey} mixes a value and a hash`);
      node = child;
    }
  }
  return compactArrays(root) as Record<string, FormValue>;
}

// `a[0]`, `a[2]` leave a hole at 1: Stripe reads indexed arrays in order, holes dropped.
function compactArrays(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]));
}

/** A stable fingerprint of decoded parameters (key order does not matter), for idempotency checks. */
export function fingerprint(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${fingerprint((value as Record<string, unknown>)[k])}`)
    .join(",")}}`;
}
