// Words of a text as search sees them. A word is a run of letters and digits, so "vắc-xin" is the
// two syllables "vắc" "xin" like "vắc xin", and "AI" is never a piece of "hai". Each word is kept
// three ways: as written (lower-cased, with its diacritics), folded (no diacritics, đ → d) and
// stemmed (the folded word through the Porter stemmer, so "circuits" meets "circuit"). Vietnamese
// syllables never end in the suffixes the stemmer removes, so it leaves them alone.
import { stemmer } from "stemmer";

export interface Word {
  /** lower-cased, diacritics kept (NFC) */
  exact: string;
  folded: string;
  stem: string;
  /** where the word is in the text (UTF-16 offsets), for snippets */
  start: number;
  end: number;
}

const wordPattern = /[\p{L}\p{N}]+/gu;

/** Lower-cases and removes diacritics (including đ → d). */
export function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

const stems = new Map<string, string>();
/** The stem of a folded word (memoised: the vocabulary is small next to the text). */
export function stemOf(folded: string): string {
  let stem = stems.get(folded);
  if (stem === undefined) {
    stem = folded.length >= 4 && /^[a-z]+$/.test(folded) ? stemmer(folded) : folded;
    if (stems.size < 200_000) stems.set(folded, stem);
  }
  return stem;
}

/** The words of a text in order. The offsets are into the NFC form of the text. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.normalize("NFC").matchAll(wordPattern)) {
    const exact = match[0].toLowerCase();
    const folded = fold(exact);
    words.push({
      exact,
      folded,
      stem: stemOf(folded),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return words;
}

/** Whether two words are at most one edit apart (insert, delete, substitute or swap two neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
