// What a query asks for: its words in order, grouped into concepts. A concept is one word of the
// query, or a run of words that is a phrase of the glossary; a glossary concept is also found
// through the other phrases of its group. Words of five letters or more that the index has never
// seen are corrected to the words one edit away that it has ("semiconducter" → "semiconductor").
import { stopWords, synonymGroups } from "./glossary.ts";
import { wordsOf, type Word } from "./text.ts";

export interface QueryWord extends Word {
  /** the user typed diacritics on it: a match with the same diacritics ranks above a folded one */
  diacritics: boolean;
  /** it was not in the index; these folded words one edit away stand for it */
  corrections: string[];
  /** a stop word in a longer query: matched when present, never required */
  optional: boolean;
}

export interface Concept {
  /** the words the user typed (corrected) */
  words: QueryWord[];
  /** other phrases of the same glossary group, each a run of words that must be adjacent */
  expansions: Word[][];
}

export interface ParsedQuery {
  concepts: Concept[];
  corrections: { from: string; to: string }[];
}

/** What the parser needs to know of the index's words. */
export interface Lexicon {
  /** whether a folded word or a stem occurs in the index */
  knows(word: string): boolean;
  /** folded words within one edit of this one, most frequent first */
  near(folded: string): string[];
}

export const MAX_QUERY_WORDS = 12;
const TYPO_MIN_LENGTH = 5;

const glossaryPhrases = synonymGroups.map((group) => group.map((phrase) => wordsOf(phrase)));
/** Every word of the glossary, folded: known to the typo correction even before any asset has it. */
export const glossaryWords: ReadonlySet<string> = new Set(
  glossaryPhrases.flat(2).flatMap((word) => [word.folded, word.stem]),
);

const sameStems = (a: readonly Word[], b: readonly Word[]) =>
  a.length === b.length && a.every((word, i) => word.stem === b[i].stem);

export function parseQuery(text: string, lexicon: Lexicon): ParsedQuery {
  const corrections: ParsedQuery["corrections"] = [];
  const words: QueryWord[] = wordsOf(text)
    .slice(0, MAX_QUERY_WORDS)
    .map((word) => {
      const queryWord: QueryWord = {
        ...word,
        diacritics: word.exact !== word.folded,
        corrections: [],
        optional: false,
      };
      const unknown =
        word.folded.length >= TYPO_MIN_LENGTH &&
        /^\p{L}+$/u.test(word.folded) &&
        !lexicon.knows(word.folded) &&
        !lexicon.knows(word.stem) &&
        !glossaryWords.has(word.folded) &&
        !glossaryWords.has(word.stem);
      if (!unknown) return queryWord;
      const near = lexicon.near(word.folded);
      if (near.length === 0) return queryWord;
      corrections.push({ from: word.exact, to: near[0] });
      // The best correction stands for the word in the glossary lookup; all of them match.
      const [best] = wordsOf(near[0]);
      return { ...queryWord, ...best, start: word.start, end: word.end, corrections: near };
    });

  const concepts: Concept[] = [];
  for (let i = 0; i < words.length;) {
    let match: { length: number; group: number; phrase: number } | undefined;
    glossaryPhrases.forEach((group, g) =>
      group.forEach((phrase, p) => {
        if (phrase.length <= (match?.length ?? 0) || i + phrase.length > words.length) return;
        if (sameStems(phrase, words.slice(i, i + phrase.length)))
          match = { length: phrase.length, group: g, phrase: p };
      }),
    );
    const length = match?.length ?? 1;
    concepts.push({
      words: words.slice(i, i + length),
      expansions: match ? glossaryPhrases[match.group].filter((_, p) => p !== match!.phrase) : [],
    });
    i += length;
  }
  // A stop word alone in its concept need not match, unless it is all the query has.
  if (concepts.length > 1)
    for (const concept of concepts)
      if (concept.expansions.length === 0 && stopWords.has(concept.words[0].exact))
        concept.words[0].optional = true;
  return { concepts, corrections };
}
