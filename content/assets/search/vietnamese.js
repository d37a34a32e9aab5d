// Vietnamese text in the browser: the twin of converters/text/vietnamese.py. Both are
// checked against the same vectors (tests/data/vietnamese-vectors.json, run in headless
// Chromium by tests/test_vietnamese.py), so the search page folds as the index did.

/** COMBINING SHORT STROKE OVERLAY: the index spells "đ" as "d" + STROKE (Pagefind drops
 * the mark, so "dang uy" finds "Đảng ủy"; the exact form still ranks first). */
export const STROKE = "\u0335";

/** The comparison key of a word (vietnamese.fold_word): lower case, tone marks and the
 * staged "đ" stroke dropped, "đ" → "d", letters and digits only. */
export const foldWord = (s) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
  .replace(/đ/g, "d").replace(/[^\p{L}\p{N}]/gu, "");

/** "đ"/"Đ" as the index spells them, in NFC (vietnamese.spell_d). */
export const toIndexForm = (s) =>
  s.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);

/** The index's spelling back to the letter, for what the page shows. */
export const fromIndexForm = (s) =>
  (s || "").replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");

/** Lower-case with its tones (NFC), punctuation dropped: the exact spelling of a syllable. */
export const exactSpelling = (s) =>
  fromIndexForm(s.normalize("NFC")).toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}]/gu, "");
