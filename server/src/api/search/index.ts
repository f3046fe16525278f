// The search index: every asset's words by field, held in the API process. A query is matched
// word by word (never inside a word), ranked by where and how well its words match, and counted by
// facet — all in memory, so a search costs no database work beyond asking whether anything changed
// (sync.ts). The same rows give the same index, so the embedded database and PostgreSQL rank alike.
import { fieldNamesEn, kindNames } from "./glossary.ts";
import { glossaryWords, type ParsedQuery, type QueryWord } from "./query.ts";
import { fold, stemOf, wordsOf, withinOneEdit, type Word } from "./text.ts";

/** An asset as the index reads it from the database. */
export interface AssetRow {
  tokenId: string;
  kind: string;
  status: string;
  owner: string;
  title: string | null;
  titleEn: string | null;
  abstract: string | null;
  abstractEn: string | null;
  field: string | null;
  trl: number | null;
  registeredBlock: string;
  organisationVi: string | null;
  organisationEn: string | null;
  province: string | null;
  /** the open listing as the API's JSON text, or null */
  listing: string | null;
}

/** The fields searched, in order, with their weights: title above field above abstract above owner. */
export const searchFields = [
  { name: "title", weight: 10 },
  { name: "titleEn", weight: 10 },
  { name: "field", weight: 6 },
  { name: "fieldEn", weight: 6 },
  { name: "kind", weight: 2.5 },
  { name: "abstract", weight: 3 },
  { name: "abstractEn", weight: 3 },
  { name: "organisation", weight: 1.5 },
] as const;
export type SearchFieldName = (typeof searchFields)[number]["name"];

export const dealTypes = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"] as const;
export type DealType = (typeof dealTypes)[number];
const priceKeys = ["assignmentPrice", "exclusiveLicencePrice", "nonExclusiveLicencePrice"] as const;

export interface IndexedAsset {
  row: AssetRow;
  texts: Record<SearchFieldName, string>;
  /** each field's words as ids of their written forms */
  words: Int32Array[];
  block: number;
  tokenOrder: bigint;
  /** the open listing's asking price per deal type (null: not offered, or no open listing) */
  prices: (bigint | null)[];
  trlBand: string | null;
  /** the item's JSON without the search's own parts, made when first shown */
  json?: string;
}

// How well a word of the document stands for a word of the query.
const EXACT = 1;
const FOLDED_PLAIN = 0.9; // the user typed no diacritics: any diacritics match
const FOLDED_OTHER = 0.6; // the user typed other diacritics ("bán dẫn" meeting "bạn dân")
const SAME_STEM = 0.9;
const CORRECTED = 0.75;
const EXPANDED = 0.8;
const OTHER_FIELDS = 0.15;
const PARTIAL_LITERAL = 0.25;
const ADJACENT = 1;
const NEAR = 0.3;
const NEAR_DISTANCE = 3;
/** Places of one word in one field that proximity looks at. */
const MAX_POSITIONS = 8;

export const trlBands = ["1-3", "4-6", "7-9"] as const;
const trlBandOf = (trl: number | null) => (trl === null ? null : trl <= 3 ? "1-3" : trl <= 6 ? "4-6" : "7-9");

/** A query word compiled against the vocabulary: the quality of each folded form it accepts. */
interface WordMatcher {
  exactId: number;
  folded: Map<number, number>;
  optional: boolean;
}

interface CompiledConcept {
  words: WordMatcher[];
  expansions: Set<number>[][];
}

export interface CompiledQuery {
  concepts: CompiledConcept[];
  /** the query's words in order (the concepts' words, flattened) */
  words: WordMatcher[];
  /** per folded form of the index, the query words it stands for and how well */
  wordsByFolded: Map<number, { word: number; quality: number }[]>;
  /** the written forms that begin an expansion phrase */
  expansionStarts: Set<number>;
  /**
   * for highlighting: folded forms of the words typed, and the glossary phrases that expand them
   * (matched as written where the phrase has diacritics, folded where it has none)
   */
  highlight: { folded: Set<string>; phrases: Word[][] };
}

export class SearchIndex {
  private exactIds = new Map<string, number>();
  private exactFolded: number[] = [];
  private foldedIds = new Map<string, number>();
  private foldedText: string[] = [];
  private foldedExacts: number[][] = [];
  private foldedStem: number[] = [];
  private stemIds = new Map<string, number>();
  private stemFoldeds: number[][] = [];
  /** per folded form, the slots of the assets that contain it (in any field) */
  private postings: number[][] = [];
  private slots = new Map<string, number>();
  readonly assets: (IndexedAsset | undefined)[] = [];
  private freeSlots: number[] = [];
  /** changes on every change of the indexed assets: results cached under an older one are stale */
  version = 0;

  constructor() {
    for (const word of glossaryWords) this.foldedId(word);
  }

  get size(): number {
    return this.slots.size;
  }

  private foldedId(folded: string): number {
    let id = this.foldedIds.get(folded);
    if (id === undefined) {
      id = this.foldedText.length;
      this.foldedIds.set(folded, id);
      this.foldedText.push(folded);
      this.foldedExacts.push([]);
      this.postings.push([]);
      const stem = stemOf(folded);
      let stemId = this.stemIds.get(stem);
      if (stemId === undefined) {
        stemId = this.stemFoldeds.length;
        this.stemIds.set(stem, stemId);
        this.stemFoldeds.push([]);
      }
      this.stemFoldeds[stemId].push(id);
      this.foldedStem.push(stemId);
    }
    return id;
  }

  private exactId(exact: string): number {
    let id = this.exactIds.get(exact);
    if (id === undefined) {
      id = this.exactFolded.length;
      this.exactIds.set(exact, id);
      const folded = this.foldedId(fold(exact));
      this.exactFolded.push(folded);
      this.foldedExacts[folded].push(id);
    }
    return id;
  }

  /** Adds or replaces an asset. */
  put(row: AssetRow): void {
    this.remove(row.tokenId);
    const nfc = (text: string | null) => (text ?? "").normalize("NFC");
    const [kindVi, kindEn] = kindNames[row.kind] ?? ["", ""];
    const texts: Record<SearchFieldName, string> = {
      title: nfc(row.title),
      titleEn: nfc(row.titleEn),
      field: nfc(row.field),
      fieldEn: row.field ? (fieldNamesEn[row.field.normalize("NFC")] ?? "") : "",
      kind: `${kindVi} ${kindEn}`,
      abstract: nfc(row.abstract),
      abstractEn: nfc(row.abstractEn),
      organisation: `${nfc(row.organisationVi)} ${nfc(row.organisationEn)}`,
    };
    const slot = this.freeSlots.pop() ?? this.assets.length;
    const words = searchFields.map(({ name }) => {
      const ids = wordsOf(texts[name]).map((word) => this.exactId(word.exact));
      return Int32Array.from(ids);
    });
    const seen = new Set<number>();
    for (const ids of words)
      for (const id of ids) {
        const folded = this.exactFolded[id];
        if (!seen.has(folded)) {
          seen.add(folded);
          this.postings[folded].push(slot);
        }
      }
    const listing = row.listing ? (JSON.parse(row.listing) as Record<string, string | null>) : null;
    this.assets[slot] = {
      row,
      texts,
      words,
      block: Number(row.registeredBlock),
      tokenOrder: BigInt(row.tokenId),
      prices: priceKeys.map((key) => (listing?.[key] ? BigInt(listing[key]) : null)),
      trlBand: trlBandOf(row.trl),
    };
    this.slots.set(row.tokenId, slot);
    this.version += 1;
  }

  remove(tokenId: string): void {
    const slot = this.slots.get(tokenId);
    if (slot === undefined) return;
    const asset = this.assets[slot]!;
    const folded = new Set<number>();
    for (const ids of asset.words) for (const id of ids) folded.add(this.exactFolded[id]);
    for (const id of folded) {
      const list = this.postings[id];
      const at = list.indexOf(slot);
      if (at >= 0) {
        list[at] = list[list.length - 1];
        list.pop();
      }
    }
    this.assets[slot] = undefined;
    this.slots.delete(tokenId);
    this.freeSlots.push(slot);
    this.version += 1;
  }

  /** What the query parser needs: which words exist, and which are one edit from a word. */
  readonly lexicon = {
    knows: (word: string) => {
      const folded = this.foldedIds.get(word);
      if (folded !== undefined && (this.postings[folded].length > 0 || glossaryWords.has(word))) return true;
      const stem = this.stemIds.get(word);
      return stem !== undefined && this.stemFoldeds[stem].some((id) => this.postings[id].length > 0);
    },
    near: (word: string) => {
      const found: { word: string; count: number }[] = [];
      for (let id = 0; id < this.foldedText.length; id++) {
        const candidate = this.foldedText[id];
        if (Math.abs(candidate.length - word.length) > 1 || candidate.length < 4) continue;
        const count = this.postings[id].length + (glossaryWords.has(candidate) ? 1 : 0);
        if (count === 0) continue;
        const stem = stemOf(candidate);
        if (withinOneEdit(word, candidate) || (stem !== candidate && withinOneEdit(word, stem)))
          found.push({ word: candidate, count });
      }
      return found.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1)).map((f) => f.word);
    },
  };

  /** The folded forms a word accepts, with how well each stands for it. */
  private matcher(word: QueryWord): WordMatcher {
    const folded = new Map<number, number>();
    const accept = (id: number | undefined, quality: number) => {
      if (id !== undefined && quality > (folded.get(id) ?? 0)) folded.set(id, quality);
    };
    const sameStem = (id: number | undefined, quality: number) => {
      if (id === undefined) return;
      for (const other of this.stemFoldeds[this.foldedStem[id]]) accept(other, quality);
    };
    const corrected = word.corrections.length > 0;
    const scale = corrected ? CORRECTED : 1;
    const own = this.foldedIds.get(word.folded);
    const stem = this.stemIds.get(word.stem);
    if (stem !== undefined)
      for (const id of this.stemFoldeds[stem]) if (id !== own) accept(id, scale * SAME_STEM);
    if (own !== undefined) folded.set(own, scale * (word.diacritics ? FOLDED_OTHER : FOLDED_PLAIN));
    for (const correction of word.corrections.slice(1)) {
      const id = this.foldedIds.get(correction);
      sameStem(id, CORRECTED * SAME_STEM);
      accept(id, CORRECTED * FOLDED_PLAIN);
    }
    return {
      exactId: corrected ? -1 : (this.exactIds.get(word.exact) ?? -1),
      folded,
      optional: word.optional,
    };
  }

  /**
   * The written forms each word of a glossary phrase accepts: a word with diacritics only as
   * written (the glossary spells them right, and "bán dẫn" is not "bạn dân"), a plain one in any
   * form of its stem.
   */
  private phraseMatcher(phrase: Word[]): Set<number>[] {
    return phrase.map((word) => {
      const ids = new Set<number>();
      if (word.exact !== word.folded) {
        const id = this.exactIds.get(word.exact);
        if (id !== undefined) ids.add(id);
        return ids;
      }
      const stem = this.stemIds.get(word.stem);
      if (stem !== undefined)
        for (const folded of this.stemFoldeds[stem]) for (const id of this.foldedExacts[folded]) ids.add(id);
      return ids;
    });
  }

  compile(query: ParsedQuery): CompiledQuery {
    const highlight = { folded: new Set<string>(), phrases: [] as Word[][] };
    const concepts = query.concepts.map((concept) => {
      const words = concept.words.map((word) => {
        const matcher = this.matcher(word);
        for (const id of matcher.folded.keys()) highlight.folded.add(this.foldedText[id]);
        return matcher;
      });
      const expansions = concept.expansions.map((phrase) => {
        const compiled = this.phraseMatcher(phrase);
        highlight.phrases.push(phrase);
        return compiled;
      });
      return { words, expansions };
    });
    const words = concepts.flatMap((concept) => concept.words);
    const wordsByFolded = new Map<number, { word: number; quality: number }[]>();
    words.forEach((matcher, word) => {
      for (const [folded, quality] of matcher.folded) {
        const list = wordsByFolded.get(folded) ?? [];
        list.push({ word, quality });
        wordsByFolded.set(folded, list);
      }
    });
    const expansionStarts = new Set(
      concepts.flatMap((c) => c.expansions.flatMap((phrase) => [...phrase[0]])),
    );
    return { concepts, words, wordsByFolded, expansionStarts, highlight };
  }

  // Marks of `union` and `intersect`: a slot is in the current set when it holds the generation.
  private stamps = new Int32Array(0);
  private generation = 0;

  private nextGeneration(): number {
    if (this.stamps.length < this.assets.length || this.generation > 2 ** 30) {
      this.stamps = new Int32Array(Math.max(1024, this.assets.length * 2));
      this.generation = 0;
    }
    return ++this.generation;
  }

  /** The slots holding any of these folded forms, each once. */
  private union(folded: Iterable<number>): number[] {
    const generation = this.nextGeneration();
    const slots: number[] = [];
    for (const id of folded)
      for (const slot of this.postings[id])
        if (this.stamps[slot] !== generation) {
          this.stamps[slot] = generation;
          slots.push(slot);
        }
    return slots;
  }

  private intersect(a: number[], b: number[]): number[] {
    const [small, large] = a.length < b.length ? [a, b] : [b, a];
    const generation = this.nextGeneration();
    for (const slot of small) this.stamps[slot] = generation;
    return large.filter((slot) => this.stamps[slot] === generation);
  }

  /** The slots of the assets that can match: every required word, or an expansion of its concept. */
  candidates(query: CompiledQuery): number[] {
    let result: number[] | undefined;
    for (const concept of query.concepts) {
      let literal: number[] | undefined;
      for (const word of concept.words) {
        if (word.optional) continue;
        const slots = this.union(word.folded.keys());
        literal = literal ? this.intersect(literal, slots) : slots;
      }
      if (!literal && concept.expansions.length === 0) continue;
      const alternatives = [literal ?? []];
      for (const phrase of concept.expansions) {
        let all: number[] | undefined;
        for (const word of phrase) {
          const slots = this.union(new Set([...word].map((id) => this.exactFolded[id])));
          all = all ? this.intersect(all, slots) : slots;
        }
        if (all) alternatives.push(all);
      }
      const generation = this.nextGeneration();
      const set: number[] = [];
      for (const slots of alternatives)
        for (const slot of slots)
          if (this.stamps[slot] !== generation) {
            this.stamps[slot] = generation;
            set.push(slot);
          }
      result = result ? this.intersect(result, set) : set;
    }
    if (result) return result;
    const all: number[] = [];
    this.assets.forEach((asset, slot) => {
      if (asset) all.push(slot);
    });
    return all;
  }

  // Scratch space of `score`, reused for every asset: per query word and field, where it matched
  // (the first MAX_POSITIONS places) and how well.
  private positions = new Int32Array(0);
  private positionCounts = new Int32Array(0);
  private qualities = new Float64Array(0);
  private starts: number[] = [];

  /** How well an asset matches (0: it does not). */
  score(slot: number, query: CompiledQuery): number {
    const asset = this.assets[slot]!;
    const { words } = query;
    const fields = searchFields.length;
    const cells = words.length * fields;
    if (this.qualities.length < cells) {
      this.positions = new Int32Array(cells * MAX_POSITIONS);
      this.positionCounts = new Int32Array(cells);
      this.qualities = new Float64Array(cells);
    }
    const { positions, positionCounts: counts, qualities } = this;
    counts.fill(0, 0, cells);
    qualities.fill(0, 0, cells);
    const starts = this.starts;
    starts.length = 0;
    for (let f = 0; f < fields; f++) {
      const ids = asset.words[f];
      for (let p = 0; p < ids.length; p++) {
        const exact = ids[p];
        if (query.expansionStarts.has(exact)) starts.push(f, p);
        const matched = query.wordsByFolded.get(this.exactFolded[exact]);
        if (!matched) continue;
        for (const { word, quality: folded } of matched) {
          const quality = exact === words[word].exactId ? EXACT : folded;
          const cell = word * fields + f;
          if (counts[cell] < MAX_POSITIONS) positions[cell * MAX_POSITIONS + counts[cell]++] = p;
          if (quality > qualities[cell]) qualities[cell] = quality;
        }
      }
    }
    const pair = (a: number, b: number) => {
      let best = 0;
      for (let f = 0; f < fields; f++) {
        const ca = a * fields + f;
        const cb = b * fields + f;
        const weight = searchFields[f].weight;
        for (let i = 0; i < counts[ca]; i++) {
          const p = positions[ca * MAX_POSITIONS + i];
          for (let j = 0; j < counts[cb]; j++) {
            const q = positions[cb * MAX_POSITIONS + j];
            const value = q === p + 1 ? ADJACENT : q > p && q - p <= NEAR_DISTANCE ? NEAR : 0;
            if (weight * value > best) best = weight * value;
          }
        }
      }
      return best;
    };
    let total = 0;
    let w = 0;
    for (const concept of query.concepts) {
      let literal = 0;
      let complete = true;
      for (let i = 0; i < concept.words.length; i++) {
        let best = 0;
        let sum = 0;
        for (let f = 0; f < fields; f++) {
          const value = searchFields[f].weight * qualities[(w + i) * fields + f];
          sum += value;
          if (value > best) best = value;
        }
        if (best === 0 && !concept.words[i].optional) complete = false;
        literal += best + (sum - best) * OTHER_FIELDS;
        if (i > 0) literal += pair(w + i - 1, w + i);
      }
      let expanded = 0;
      const span = concept.words.length;
      if (concept.expansions.length > 0)
        for (let k = 0; k < starts.length; k += 2) {
          const f = starts[k];
          const value = searchFields[f].weight * EXPANDED * (2 * span - 1);
          if (value <= expanded) continue;
          if (concept.expansions.some((phrase) => occursAt(phrase, asset.words[f], starts[k + 1])))
            expanded = value;
        }
      if (!complete && expanded === 0) return 0;
      // found through an expansion, the words typed that it also has still count a little
      total += complete ? Math.max(literal, expanded) : expanded + literal * PARTIAL_LITERAL;
      // the first word of the next concept right after this one's last
      if (w + span < words.length && complete) total += pair(w + span - 1, w + span);
      w += span;
    }
    return total;
  }
}

/** Whether the phrase's words occur one after another in the field, from position `at`. */
function occursAt(phrase: Set<number>[], ids: Int32Array, at: number): boolean {
  if (at + phrase.length > ids.length) return false;
  for (let k = 0; k < phrase.length; k++) if (!phrase[k].has(ids[at + k])) return false;
  return true;
}
