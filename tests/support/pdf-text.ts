import { inflateSync } from "node:zlib";

/**
 * Just enough of a PDF reader to test what pdfkit writes: objects, Flate streams, Type0 fonts with a ToUnicode
 * CMap, and the Tf/Tj/TJ operators of content streams. Returns the text of every text object, one per line, and
 * the embedded fonts' names. Not a general PDF parser.
 */
export function readPdf(bytes: Buffer): { text: string; fonts: string[]; info: string } {
  const source = bytes.toString("latin1");
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (const match of source.matchAll(objectPattern)) {
    const body = match[2]!;
    const streamAt = body.indexOf("stream");
    if (streamAt === -1) {
      objects.set(match[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let start = streamAt + "stream".length;
    if (body[start] === "\r") start += 1;
    if (body[start] === "\n") start += 1;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? "0");
    let data = Buffer.from(body.slice(start, start + length), "latin1");
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(match[1]!, { dict, stream: data });
  }

  // Font resource names (/F1, /F2 …) → the font object's ToUnicode map.
  const cmaps = new Map<string, Map<number, string>>();
  const fonts: string[] = [];
  for (const { dict } of objects.values()) {
    for (const entry of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(entry[2]!);
      const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
      if (toUnicode) cmaps.set(entry[1]!, parseCmap(objects.get(toUnicode)?.stream?.toString("latin1") ?? ""));
    }
    const name = /\/BaseFont \/([^\s/>]+)/.exec(dict)?.[1];
    if (name && !fonts.includes(name)) fonts.push(name);
  }

  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Type|\/Subtype|\/Length1|CMapName/.test(dict) || /begincmap/.test(stream.toString("latin1", 0, 200))) continue;
    const content = stream.toString("latin1");
    let cmap = new Map<number, string>();
    for (const textObject of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = "";
      for (const op of textObject[1]!.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
        if (op[1]) cmap = cmaps.get(op[1]) ?? new Map();
        const hexes = op[2] ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : op[3] !== undefined ? [op[3]] : [];
        for (const hex of hexes) {
          for (let i = 0; i + 4 <= hex.length; i += 4) line += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? "\uFFFD";
        }
      }
      lines.push(line);
    }
  }
  const infoRef = /\/Info (\d+) 0 R/.exec(source)?.[1];
  // The document information (Title, Subject…), its indirect strings resolved.
  const info = (infoRef ? (objects.get(infoRef)?.dict ?? "") : "").replace(/(\d+) 0 R/g, (_, ref: string) => objects.get(ref)?.dict.trim() ?? "");
  return { text: lines.join("\n"), fonts, info };
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.replace(/\s/g, "").match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith("[")) {
        // An entry may hold several code units separated by spaces (a ligature: <0066 0069> is "fi").
        const items = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => x[1]!.replace(/\s/g, ""));
        items.forEach((hex, i) => map.set(from + i, utf16(hex)));
      } else {
        const base = parseInt(target.slice(1, -1), 16);
        for (let code = from; code <= to; code += 1) map.set(code, String.fromCharCode(base + (code - from)));
      }
    }
  }
  return map;
}
