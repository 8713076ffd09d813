/** A tiny cookie jar for tests that speak HTTP with fetch: fetch keeps no cookies, and redirects are looked at, not followed. */
export function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

export function findSetCookie(response: Response, name: string): string | undefined {
  return setCookies(response).find((c) => c.startsWith(`${name}=`));
}

/** `name=value` pairs of every Set-Cookie of the responses, later ones winning, ready for a Cookie header. */
export function cookieJar(...responses: Response[]): string {
  const jar = new Map<string, string>();
  for (const response of responses) {
    for (const cookie of setCookies(response)) {
      const pair = cookie.split(";")[0]!;
      jar.set(pair.slice(0, pair.indexOf("=")), pair);
    }
  }
  return [...jar.values()].join("; ");
}
