import { findLocode, locodeName } from "./locodes";

/** A place as the tracking pages name it. */
export interface PlaceView {
  locode: string | null;
  /** In the reader's language when the place is known (珠海 in Chinese), else as reported. */
  name: string;
  /** The carrier's own name of the spot when it says more than the city ("Hongwan consolidation yard"). */
  detail: string | null;
}

/**
 * Names a place for a reader from its UN/LOCODE and the name it was reported with. Pure, so a live event pushed to the
 * browser is named exactly as the server named the others.
 */
export function placeView(locode: string | null | undefined, reported: string | null | undefined, lang: string): PlaceView {
  const known = findLocode(locode);
  const code = locode ? locode.trim().toUpperCase() : null;
  const said = reported?.trim() || null;
  const name = known ? locodeName(known.code, lang) : said || code || "";
  const detail = said && said !== name && said !== known?.name && said !== known?.nameZh ? said : null;
  return { locode: code, name, detail };
}
