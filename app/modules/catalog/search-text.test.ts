import { describe, expect, it } from "vitest";
import {
  cjkNgrams,
  cjkQueryText,
  correctableWords,
  foldText,
  hasPositiveClause,
  indexableText,
  isCjk,
  MAX_QUERY_CLAUSES,
  MAX_WORD_CHARS,
  nameTermPrefixQueryText,
  nameTerms,
  nameTermsVectorText,
  parseSearchQuery,
  parseSuggestInput,
  quoteLexeme,
  splitExclusions,
  toTsQueryText,
  transpositions,
  typoBudget,
  typoDistance,
  words,
} from "./search-text";

const tsquery = (q: string, corrections?: Record<string, string[]>) =>
  toTsQueryText(parseSearchQuery(q), { corrections: corrections ? new Map(Object.entries(corrections)) : undefined });

/**
 * A checker of tsquery syntax as PostgreSQL reads it (quoted operands, ! & | <-> and parentheses, :* and weight
 * labels): every text the builder makes must pass it, whatever was typed.
 */
function isValidTsQuery(text: string): boolean {
  let i = 0;
  const space = () => {
    while (text[i] === " ") i++;
  };
  const operand = (): boolean => {
    space();
    if (text[i] === "!") {
      i++;
      return operand();
    }
    if (text[i] === "(") {
      i++;
      if (!expression()) return false;
      space();
      if (text[i] !== ")") return false;
      i++;
      return true;
    }
    if (text[i] !== "'") return false;
    i++;
    for (;;) {
      if (i >= text.length) return false;
      if (text[i] === "\\") i += 2;
      else if (text[i] === "'" && text[i + 1] === "'") i += 2;
      else if (text[i] === "'") break;
      else i++;
    }
    i++;
    const suffix = /^:\*?[ABCD]*/.exec(text.slice(i));
    if (suffix) i += suffix[0].length;
    return true;
  };
  const expression = (): boolean => {
    if (!operand()) return false;
    for (;;) {
      space();
      const op = /^(&|\||<->)/.exec(text.slice(i));
      if (!op) return true;
      i += op[0].length;
      if (!operand()) return false;
    }
  };
  if (text === "") return true;
  return expression() && (space(), i === text.length);
}

describe("folding", () => {
  it("lowercases, strips accents and reads full-width input as ASCII", () => {
    expect(foldText("Cafeteira ELÉTRICA")).toBe("cafeteira eletrica");
    expect(foldText("Ação Pão Niño Ñandú")).toBe("acao pao nino nandu");
    expect(foldText("ＵＳＢ　２２０Ｖ")).toBe("usb 220v");
    expect(foldText("Straße Ærø Œuvre Łódź")).toBe("strasse aero oeuvre lodz");
    expect(foldText("变频空调")).toBe("变频空调");
  });
});

describe("Chinese n-grams", () => {
  it("indexes a CJK run as unigrams then bigrams", () => {
    expect(cjkNgrams("变频空调")).toEqual(["变", "频", "空", "调", "变频", "频空", "空调"]);
    expect(cjkNgrams("空")).toEqual(["空"]);
    expect(cjkNgrams("𠮷野")).toEqual(["𠮷", "野", "𠮷野"]);
  });

  it("spaces out the n-grams of every run, leaving Latin text to the configuration", () => {
    expect(indexableText("LED灯泡 9瓦")).toBe("LED 灯 泡 灯泡  9 瓦 ");
    expect(indexableText("Ar-Condicionado 12000 BTUs")).toBe("Ar-Condicionado 12000 BTUs");
  });

  it("queries bigrams AND-ed, or the unigram of a single character", () => {
    expect(cjkQueryText("空调")).toBe("'空调'");
    expect(cjkQueryText("充电器")).toBe("('充电' & '电器')");
    expect(cjkQueryText("空")).toBe("'空'");
    expect(cjkQueryText("空空空")).toBe("'空空'");
    expect(cjkQueryText("空调", ":A")).toBe("'空调':A");
  });

  it("splits CJK runs from Latin words", () => {
    expect(isCjk("空调")).toBe(true);
    expect(isCjk("acao")).toBe(false);
    expect(words("LED灯泡 快速充电器20W")).toEqual(["led", "灯泡", "快速充电器", "20w"]);
  });
});

describe("name terms", () => {
  it("keeps the distinct folded words with a letter, compounds split", () => {
    expect(nameTerms("Cafeteira Elétrica 1,2 L Cafeteira")).toEqual(["cafeteira", "eletrica"]);
    expect(nameTerms("Roteador Wi-Fi 6 AX3000 3.5mm")).toEqual(["roteador", "wi", "fi", "ax3000", "5mm"]);
    expect(nameTerms("变频空调 12000BTU")).toEqual(["变频空调", "12000btu"]);
    expect(nameTerms("空 2000")).toEqual([]);
  });

  it("writes them as marked tsvector and tsquery operands", () => {
    expect(nameTermsVectorText(["cafeteira", "eletrica"])).toBe("'#cafeteira':1 '#eletrica':2");
    expect(nameTermPrefixQueryText("ele")).toBe("'#ele':*");
  });
});

describe("parsing a query", () => {
  it("ANDs words, keeps quoted phrases in order, excludes -words and ORs with or", () => {
    expect(tsquery("Cafeteira Elétrica")).toBe("'cafeteira' & 'eletrica'");
    expect(tsquery('"aire acondicionado" inverter')).toBe("('aire' <-> 'acondicionado') & 'inverter'");
    expect(tsquery("led -strip")).toBe("'led' & !'strip'");
    expect(tsquery('led -"fita adesiva"')).toBe("'led' & !('fita' <-> 'adesiva')");
    expect(tsquery("kettle or teapot black")).toBe("('kettle' | 'teapot') & 'black'");
    expect(tsquery("LED灯泡")).toBe("'led' & '灯泡'");
    expect(tsquery("wi-fi 3.5mm")).toBe("'wi-fi' & '3.5mm'");
  });

  it("ORs corrections into plain words only", () => {
    expect(tsquery("bateira litio", { bateira: ["bateria"] })).toBe("('bateira' | 'bateria') & 'litio'");
    expect(tsquery('"bateira litio"', { bateira: ["bateria"] })).toBe("('bateira' <-> 'litio')");
    expect(tsquery("-bateira", { bateira: ["bateria"] })).toBe("");
  });

  it("does not search exclusions alone, and splits them off", () => {
    const query = parseSearchQuery("-usb -cabo");
    expect(hasPositiveClause(query)).toBe(false);
    expect(toTsQueryText(query)).toBe("");
    const { included, excluded } = splitExclusions(parseSearchQuery("led -strip -usb"));
    expect(toTsQueryText(included)).toBe("'led'");
    expect(excluded && toTsQueryText(excluded)).toBe("('strip' | 'usb')");
  });

  it("limits the number of clauses and the length of words", () => {
    const many = parseSearchQuery(Array.from({ length: 30 }, (_, i) => `word${i}`).join(" "));
    expect(many.groups).toHaveLength(MAX_QUERY_CLAUSES);
    const long = parseSearchQuery("a".repeat(2000));
    expect(long.groups[0][0].atoms[0].value).toHaveLength(MAX_WORD_CHARS);
  });
});

describe("hostile input", () => {
  const inputs = [
    "'",
    "''",
    '"',
    "\\",
    "\\'",
    "a & b | !c",
    ":* <-> !!( ) ))((",
    "cafeteira' OR 1=1; --",
    `"); DROP TABLE "Product"; --`,
    "😀🔥 ☃ ✓",
    "   ",
    "-",
    "- - -cafeteira",
    "or or or",
    "%_%",
    "\u0000\u0001\u200b",
    "x".repeat(2000),
    "cafeteira ".repeat(300),
    "空".repeat(2000),
    "'&'|'!':*",
    "a:*A & b:B",
    "d'água l'eau",
    '"unterminated phrase',
    "テレビ 한국어 ไทย العربية",
  ];

  it("always gives valid tsquery text made of quoted operands", () => {
    for (const input of inputs) {
      const text = tsquery(input, { cafeteira: ["cafeteiras"] });
      expect(isValidTsQuery(text), `${JSON.stringify(input.slice(0, 30))} → ${text.slice(0, 80)}`).toBe(true);
      expect(text.length).toBeLessThan(2000);
      expect(text).not.toMatch(/\u0000/);
    }
  });

  it("quotes any lexeme safely", () => {
    expect(quoteLexeme("d'agua")).toBe("'d''agua'");
    expect(quoteLexeme("a\\b")).toBe("'a\\\\b'");
    expect(isValidTsQuery(quoteLexeme("'\\'"))).toBe(true);
  });

  it("parses suggestion input whatever it is", () => {
    for (const input of inputs) expect(() => parseSuggestInput(input)).not.toThrow();
  });
});

describe("typos", () => {
  it("allows none under 5 letters, one up to 8, two from 9; never in numbers or Chinese", () => {
    expect(typoBudget("cabo")).toBe(0);
    expect(typoBudget("ferro")).toBe(1);
    expect(typoBudget("bateira")).toBe(1);
    expect(typoBudget("acondicionafo")).toBe(2);
    expect(typoBudget("ax3000")).toBe(0);
    expect(typoBudget("变频空调变频空调")).toBe(0);
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(typoDistance("bateira", "bateria")).toBe(1);
    expect(typoDistance("acondicionafo", "acondicionado")).toBe(1);
    expect(typoDistance("acondisionafo", "acondicionado")).toBe(2);
    expect(typoDistance("ferro", "forro")).toBe(1);
    expect(typoDistance("eletrca", "eletrica")).toBe(1);
    expect(typoDistance("abc", "abc")).toBe(0);
    expect(typoDistance("kitten", "sitting")).toBe(3);
    expect(typoDistance("completely", "different", 2)).toBe(3);
  });

  it("lists the swapped spellings and the words that may be corrected", () => {
    expect(transpositions("ferro")).toEqual(["efrro", "frero", "feror"]);
    expect(correctableWords(parseSearchQuery('bateira led "aire acondicionafo" -inverter ax3000 torniera'))).toEqual(["bateira", "torniera"]);
  });
});

describe("suggestion input", () => {
  it("splits complete words from the word being typed", () => {
    expect(parseSuggestInput("Cafeteira Elé")).toEqual({ complete: [{ type: "word", value: "cafeteira" }], prefix: "ele", lead: "Cafeteira " });
    expect(parseSuggestInput("bateria ")).toEqual({ complete: [{ type: "word", value: "bateria" }], prefix: null, lead: "bateria " });
    expect(parseSuggestInput("空调")).toEqual({ complete: [{ type: "cjk", value: "空调" }], prefix: null, lead: "空调" });
    expect(parseSuggestInput("LED灯")).toEqual({ complete: [{ type: "word", value: "led" }, { type: "cjk", value: "灯" }], prefix: null, lead: "LED灯" });
  });
});
