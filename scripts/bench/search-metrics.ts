// Scoring of ranked results against graded judgements (../shared/search-quality/queries.json), and
// the off-the-shelf baseline they are compared with: MiniSearch's BM25 over the same fields, with
// Vietnamese diacritics folded.
import MiniSearch from "minisearch";
import { foldSearchText } from "../../server/src/db/search-text.ts";

export interface JudgedQuery {
  q: string;
  lang: string;
  why: string;
  /** registration number → grade (3 exactly what the user wants, 2 relevant, 1 marginal) */
  judgements: Record<string, number>;
}

export interface Scores {
  ndcg10: number;
  p3: number;
  mrr: number;
}

/**
 * NDCG@10, precision@3 (over min(3, relevant) places, so one relevant asset found first is 1) and
 * the reciprocal rank of the first relevant result. A query with no relevant asset scores 1 on each
 * when nothing is returned, else 0.
 */
export function scoreRanking(ranked: readonly string[], judgements: Record<string, number>): Scores {
  const relevant = Object.values(judgements).filter((grade) => grade > 0);
  if (relevant.length === 0) {
    const score = ranked.length === 0 ? 1 : 0;
    return { ndcg10: score, p3: score, mrr: score };
  }
  const gain = (grade: number) => 2 ** grade - 1;
  const discount = (i: number) => Math.log2(i + 2);
  const dcg = ranked.slice(0, 10).reduce((sum, id, i) => sum + gain(judgements[id] ?? 0) / discount(i), 0);
  const ideal = [...relevant]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, grade, i) => sum + gain(grade) / discount(i), 0);
  const top = Math.min(3, relevant.length);
  const p3 = ranked.slice(0, 3).filter((id) => (judgements[id] ?? 0) > 0).length / top;
  const first = ranked.findIndex((id) => (judgements[id] ?? 0) > 0);
  return { ndcg10: dcg / ideal, p3: Math.min(1, p3), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

export function mean(scores: readonly Scores[]): Scores {
  const avg = (key: keyof Scores) => scores.reduce((sum, s) => sum + s[key], 0) / scores.length;
  return { ndcg10: avg("ndcg10"), p3: avg("p3"), mrr: avg("mrr") };
}

export interface BaselineDocument {
  id: string;
  title: string;
  titleEn: string;
  abstract: string;
  abstractEn: string;
  field: string;
  organisation: string;
}

/** MiniSearch with its defaults (BM25, OR of the words), every field folded like ours. */
export function baseline(documents: readonly BaselineDocument[]): (q: string) => string[] {
  const engine = new MiniSearch<BaselineDocument>({
    fields: ["title", "titleEn", "abstract", "abstractEn", "field", "organisation"],
    processTerm: (term) => foldSearchText(term) || null,
  });
  engine.addAll(documents);
  return (q) => engine.search(q).map((result) => String(result.id));
}
