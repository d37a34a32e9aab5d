// What a query is and how a page's text answers it (search.js, result-view.js):
// folding, the index's spelling of "đ", the query's words and phrases, runs of
// syllables and the check of a result's text against the query.

import { exactSpelling, foldWord, fromIndexForm, toIndexForm } from "./vietnamese.js";

export { fromIndexForm, toIndexForm };

// ---------------------------------------------------------------- text helpers

/** ``fn`` remembered per string: checking a page of results folds and spells ~30,000
 * words, few of them distinct. */
const memo = (fn) => {
  const seen = new Map();
  return (s) => {
    let f = seen.get(s);
    if (f === undefined) {
      f = fn(s);
      if (seen.size > 100000) seen.clear();
      seen.set(s, f);
    }
    return f;
  };
};
/** Tone-less, đ-less, lower-case letters and digits only: the comparison key of a syllable. */
export const fold = memo(foldWord);
/** Lower-case with its tones (NFC), punctuation dropped: the exact spelling of a syllable. */
export const exactForm = memo(exactSpelling);
export const hasMarks = (s) => exactForm(s) !== fold(s);

/** {syllables, phrases: [[folded…]], loose: [folded…], typed: [exact…], marked} */
export function parseQuery(q) {
  const phrases = [];
  const loose = [];
  const typed = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m;
  while ((m = re.exec(q || "")) !== null) {
    const words = (m[1] !== undefined ? m[1] : m[2]).split(/\s+/).filter((w) => fold(w));
    if (!words.length) continue;
    typed.push(...words);
    if (m[1] !== undefined && words.length > 1) phrases.push(words.map(fold));
    else loose.push(...words.map(fold));
  }
  return {
    typed,
    phrases,
    loose,
    marked: typed.filter(hasMarks).map(exactForm),
    term: typed.map((w) => toIndexForm(w)).join(" "),
  };
}

/** Longest run of consecutive positions (capped at cap). */
export function longestRun(positions, cap) {
  const pos = [...new Set(positions)].sort((a, b) => a - b);
  let best = pos.length ? 1 : 0;
  let cur = 1;
  for (let i = 1; i < pos.length; i++) {
    cur = pos[i] === pos[i - 1] + 1 ? cur + 1 : 1;
    if (cur > best) best = cur;
    if (best >= cap) return cap;
  }
  return Math.min(best, cap);
}

// ---------------------------------------------------------------- checking against the text

/** Compare the query with the page text: ordered runs, exact tones, where the best run starts. */
export function check(data, parsed) {
  const words = data.content.split(/[\r\n\s]+/g);
  const folded = words.map(fold);
  const find = (seq) => {
    for (let i = 0; i + seq.length <= folded.length; i++) {
      let k = 0;
      while (k < seq.length && folded[i + k] === seq[k]) k++;
      if (k === seq.length) return i;
    }
    return -1;
  };
  const phraseAt = parsed.phrases.map(find);
  const phrasesOk = phraseAt.every((i) => i >= 0);
  // Longest ordered run of the unquoted syllables (any consecutive part of the query).
  const seq = parsed.loose;
  let run = 0;
  let at = -1;
  for (let i = 0; i < folded.length && run < seq.length; i++) {
    for (let s = 0; s < seq.length; s++) {
      let k = 0;
      while (s + k < seq.length && folded[i + k] === seq[s + k]) k++;
      if (k > run) { run = k; at = i; }
    }
  }
  let exact = true;
  if (parsed.marked.length) {
    const spelled = new Set(words.map(exactForm));
    exact = parsed.marked.every((w) => spelled.has(w));
  }
  const start = phraseAt.find((i) => i >= 0) ?? (at >= 0 ? at : -1);
  const len = phraseAt[0] >= 0 ? parsed.phrases[0].length : Math.max(run, 1);
  // Every occurrence of each quoted phrase and where the unquoted words stand: what a
  // phrase search marks (the phrase, never its syllables alone elsewhere).
  // Unquoted words that the page holds side by side are marked the same way.
  const hits = [];
  const runs = parsed.phrases.length ? parsed.phrases : seq.length > 1 && run === seq.length ? [seq] : [];
  for (const phrase of runs) {
    const first = parsed.phrases.length ? phraseAt[parsed.phrases.indexOf(phrase)] : at;
    for (let i = first; i >= 0 && i + phrase.length <= folded.length; i++) {
      let k = 0;
      while (k < phrase.length && folded[i + k] === phrase[k]) k++;
      if (k === phrase.length) hits.push([i, phrase.length]);
    }
  }
  const looseSet = new Set(parsed.loose);
  const looseAt = parsed.phrases.length ? folded.flatMap((w, i) => (looseSet.has(w) ? [i] : [])) : [];
  return { phrasesOk, run, exact, start, len, words, hits, looseAt };
}
