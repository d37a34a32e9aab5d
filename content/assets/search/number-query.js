// A query that is a document's number ("111-BC/BDV-BCSĐ", "số 111/BC-BDV",
// "so 111 bc bdv bcsd"): that document first, then the documents citing it (search.js).
//
// The number is searched as ONE token, its fold (lower case, no tone marks, "đ" as "d",
// separators dropped: 111bcbdvbcsd): Pagefind indexes "111-BC/BDV-BCSĐ" whole under that
// token as well as in pieces, wherever the number is written — the document's meta "so"
// and the text of every document citing it. The document itself carries "vb" + the
// token (meta so_vb, overrides/partials/search-attrs.html), searched first: the pages
// holding it are the document (or documents) with that number. Both are rare tokens, so
// the word map loads only the parts that hold them. Pagefind matches a token as a prefix:
// "111/BC" finds every 111/BC-… number.

import { fold } from "./word-map.js";

const SAID = /^(?:(?:văn bản|van ban)\s+)?(?:số|so)\s*[:.]?\s*(?=\d)/iu;
const GROUP = /^[\p{L}\p{N}&]+$/u;

/** {key, own} when ``q`` is a document number, else null. A number is digits, then
 * groups of letters or digits apart by "-", "/", "." or spaces; written with "-" or "/"
 * after its digits, or after "số", or with its letters in capitals (typed as spaces
 * only and in lower case it could be words: "2017 dan van" is not a number). */
export function numberQuery(q) {
  let s = (q || "").trim().replace(/^"(.*)"$/u, "$1").trim();
  const said = SAID.exec(s);
  if (said) s = s.slice(said[0].length);
  if (!/^\d/.test(s)) return null;
  const groups = s.split(/[\s\-/.]+/u).filter(Boolean);
  const letters = groups.slice(1).filter((g) => /\p{L}/u.test(g));
  if (groups.length < 2 || !letters.length || !groups.every((g) => GROUP.test(g))) return null;
  const joined = /^\d+\p{L}*\s*[-/]/u.test(s);
  const capitals = letters.every((g) => g === g.toUpperCase());
  if (!(said || joined || capitals)) return null;
  const key = fold(s);
  return { key, own: `vb${key}` };
}

/** The results of the document(s) numbered ``number`` (search of its own token over the
 * parts that hold it, with the query's filters). */
export async function ownDocuments(index, number, filters) {
  const found = [];
  for await (const step of index.stream(number.own, { filters, words: [number.own] })) {
    found.push(...step.resp.results.map((r) => ({ r, rank: step.rank })));
  }
  return found;
}
