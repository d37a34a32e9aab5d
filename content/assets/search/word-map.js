// The word → parts map of a partitioned index (minhbach/search/words.py,
// write_word_map): which parts may hold a query's words, so that a query skips
// the parts that cannot hold every one of them without loading them.
//
// parts.json's "words" entry: {version: 1, path: "words/", prefixes, always}.
// pagefind/<path><hex of the UTF-8 bytes of a 2-character prefix>.json maps each
// folded token with that prefix to the parts holding it, as indexes into
// parts.json's "parts" or "*" (every part); "prefixes" lists (space-separated) the
// prefixes that have a shard, "always" the keys of the parts without a vocabulary
// (built by an older minhbach): they may hold any word.
//
// Pagefind matches a query word as the prefix of indexed words, so a part may hold
// the word when one of its tokens starts with the word's fold. A word of fewer than
// 2 characters (folded) decides nothing. Pagefind is more lenient than this within a
// part (a word it does not find there is dropped from the query, or matched by a
// shorter indexed word it starts with): the map keeps exactly the parts where every
// word is found, which is what one index of the whole site gives for words that
// occur somewhere in it.

/** The comparison key of a word: vietnamese.js foldWord (minhbach.search.words folds the same at
 * index time). */
import { foldWord as fold } from "./vietnamese.js";

export { fold };

const PREFIX = 2; // minhbach.search.words.WORDS_PREFIX
const shards = new Map(); // URL → Promise of the shard, for the life of the page

const hex = (s) => [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, "0")).join("");

function shard(url) {
  if (!shards.has(url)) {
    const got = fetch(url).then((res) => {
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return res.json();
    });
    got.catch(() => shards.delete(url)); // a failed fetch is tried again next time
    shards.set(url, got);
  }
  return shards.get(url);
}

/**
 * The keys of the parts that may hold every word of ``words`` (the query's words as
 * typed), as a Set; null when the map cannot tell (no map, a shard that cannot be
 * fetched, no word of 2 characters or more). The shards the words need are fetched
 * at once, each at most once per page.
 */
export async function partsHolding(root, manifest, words) {
  const map = manifest && manifest.words;
  const parts = manifest && manifest.parts;
  if (!map || map.version !== 1 || !Array.isArray(parts)) return null;
  const wanted = [...new Set((words || []).map((w) => fold(String(w))))]
    .filter((w) => [...w].length >= PREFIX);
  if (!wanted.length) return null;
  const listed = new Set((map.prefixes || "").split(" "));
  const base = new URL(`pagefind/${map.path}`, root);
  let holding; // per word: Set of part indexes, or null for every part
  try {
    holding = await Promise.all(wanted.map(async (w) => {
      const prefix = [...w].slice(0, PREFIX).join("");
      if (!listed.has(prefix)) return new Set(); // no token starts with it
      const tokens = await shard(new URL(`${hex(prefix)}.json`, base).href);
      const found = new Set();
      for (const [token, where] of Object.entries(tokens)) {
        if (!token.startsWith(w)) continue;
        if (where === "*") return null;
        for (const i of where) found.add(i);
      }
      return found;
    }));
  } catch (err) {
    return null;
  }
  const always = new Set(map.always || []);
  return new Set(parts.filter((p, i) => always.has(p.key) || holding.every((s) => !s || s.has(i)))
    .map((p) => p.key));
}
