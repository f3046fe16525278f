// The words of a result that matched, marked in its titles and in a short passage of its abstract,
// so a buyer sees why it was found. Texts are cut into parts; a part with `match` is a matched word
// (or a run of them), shown highlighted. The parts joined give back the text (or the passage).
import type { CompiledQuery, IndexedAsset } from "./index.ts";
import { wordsOf, type Word } from "./text.ts";

export interface TextPart {
  text: string;
  match: boolean;
}

export interface Highlights {
  title: TextPart[];
  titleEn: TextPart[];
  snippet: { field: "abstract" | "abstractEn"; parts: TextPart[] } | null;
}

const PASSAGE_WORDS = 28;

/** Which words of the text matched: any typed word's form, or a whole run of an expansion. */
function matchedWords(words: Word[], highlight: CompiledQuery["highlight"]): boolean[] {
  const matched = words.map((word) => highlight.folded.has(word.folded));
  for (const phrase of highlight.phrases)
    for (let p = 0; p + phrase.length <= words.length; p++)
      if (
        phrase.every((word, k) =>
          word.exact === word.folded
            ? words[p + k].folded === word.folded
            : words[p + k].exact === word.exact,
        )
      )
        for (let k = 0; k < phrase.length; k++) matched[p + k] = true;
  return matched;
}

function partsOf(text: string, words: Word[], matched: boolean[], from: number, to: number): TextPart[] {
  const parts: TextPart[] = [];
  const push = (part: string, match: boolean) => {
    if (!part) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += part;
    else parts.push({ text: part, match });
  };
  let at = from;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.start < from || word.end > to) continue;
    const gap = text.slice(at, word.start);
    // matched words apart only by spaces or a hyphen are shown as one run
    push(gap, matched[i] && parts.at(-1)?.match === true && /^[\s-]*$/.test(gap));
    push(text.slice(word.start, word.end), matched[i]);
    at = word.end;
  }
  push(text.slice(at, to), false);
  return parts;
}

function whole(text: string, highlight: CompiledQuery["highlight"]): TextPart[] {
  const words = wordsOf(text);
  return partsOf(text, words, matchedWords(words, highlight), 0, text.length);
}

/** A passage of about PASSAGE_WORDS words around the most matches, with "…" where it was cut. */
function passage(text: string, highlight: CompiledQuery["highlight"]): { hits: number; parts: TextPart[] } {
  const words = wordsOf(text);
  const matched = matchedWords(words, highlight);
  const hits = matched.filter(Boolean).length;
  if (words.length <= PASSAGE_WORDS) return { hits, parts: partsOf(text, words, matched, 0, text.length) };
  let best = 0;
  let bestHits = -1;
  let inWindow = 0;
  for (let i = 0; i < words.length; i++) {
    if (matched[i]) inWindow++;
    if (i >= PASSAGE_WORDS && matched[i - PASSAGE_WORDS]) inWindow--;
    if (i >= PASSAGE_WORDS - 1 && inWindow > bestHits) {
      bestHits = inWindow;
      best = i - PASSAGE_WORDS + 1;
    }
  }
  const from = best === 0 ? 0 : words[best].start;
  const lastWord = words[Math.min(words.length, best + PASSAGE_WORDS) - 1];
  const to = best + PASSAGE_WORDS >= words.length ? text.length : lastWord.end;
  const parts = partsOf(text, words, matched, from, to);
  if (from > 0) parts.unshift({ text: "…", match: false });
  if (to < text.length) parts.push({ text: "…", match: false });
  return { hits, parts };
}

export function highlightsOf(asset: IndexedAsset, query: CompiledQuery): Highlights {
  const vi = asset.texts.abstract ? passage(asset.texts.abstract, query.highlight) : null;
  const en = asset.texts.abstractEn ? passage(asset.texts.abstractEn, query.highlight) : null;
  const snippet =
    en && (!vi || en.hits > vi.hits)
      ? { field: "abstractEn" as const, parts: en.parts }
      : vi
        ? { field: "abstract" as const, parts: vi.parts }
        : null;
  return {
    title: whole(asset.texts.title, query.highlight),
    titleEn: whole(asset.texts.titleEn, query.highlight),
    snippet,
  };
}
