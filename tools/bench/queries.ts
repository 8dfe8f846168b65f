import type { EvalQuery, QuerySet } from '../shared-corpora';
import { Random } from '../random';
import { paragraphKey } from '../systems/system';

/** The query classes latency is reported for. */
export const QUERY_CLASSES = ['short', 'questions', 'prefix'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export const QUERY_CLASS_LABELS: Record<QueryClass, string> = {
  short: 'one or two words',
  questions: 'questions',
  prefix: 'prefix while typing',
};

/** A judged query, relevant paragraphs as `doc#paragraph` keys. */
export interface JudgedQuery {
  query: string;
  relevant: string[];
}

export interface BenchQueries {
  /** Real one- and two-word queries (the web queries of the sets). */
  short: string[];
  /** Judged queries, the same number from every set; quality is measured on these, latency too. */
  questions: JudgedQuery[];
  /** Every prefix (from one character) of some real keyword queries, as typed. */
  prefix: string[];
  /**
   * Queries of each class to warm a process with before timing: drawn from the same pools, none of them among the
   * timed ones, so that every timed query is still asked for the first time (`plan.warmup` of each class).
   */
  warmup: Record<QueryClass, string[]>;
  /** What the queries are, for the report. */
  description: string;
}

export interface QueryPlan {
  /** Judged queries per set. */
  perSet: number;
  short: number;
  /** Real queries whose every prefix is asked. */
  typed: number;
  seed: number;
  /** Warm-up queries per class, none of them timed (default 0). */
  warmup?: number;
}

/** The list without repeats, each at its first place (so a list without any is unchanged). */
const distinct = (list: readonly string[]): string[] => [...new Set(list)];
const judged = (q: EvalQuery): JudgedQuery => ({ query: q.query, relevant: q.relevant.map((r) => paragraphKey(r.doc, r.paragraph)) });
const words = (q: string) => q.trim().split(/\s+/).filter(Boolean).length;

/**
 * Picks the benchmark's queries from the sets, deterministically (seeded
 * shuffles). Questions: `perSet` from every set, taken in turns so that any
 * prefix of the list mixes the sets. Short: real queries of one or two words.
 * Typed: real keyword queries of two to four words and at most 40 characters
 * (what people type into a news search box), each asked at every length.
 */
export function pickQueries(sets: readonly QuerySet[], plan: QueryPlan): BenchQueries {
  const random = new Random(plan.seed);
  // The timed queries are each pool's first ones after the shuffle; the warm-up ones come after them.
  const shuffledSets = sets.map((s) => random.shuffled(s.queries));
  const questions: JudgedQuery[] = [];
  for (let i = 0; i < plan.perSet; i++) for (const list of shuffledSets) if (list[i]) questions.push(judged(list[i]!));

  const all = sets.flatMap((s) => s.queries.map((q) => q.query));
  // A query the sets hold twice is drawn once: asked twice, it would be timed the second time asked again.
  const shortPool = distinct(random.shuffled(all.filter((q) => words(q) <= 2)));
  const short = shortPool.slice(0, plan.short);
  const typedPool = distinct(random.shuffled(all.filter((q) => words(q) >= 2 && words(q) <= 4 && q.length <= 40)));
  const prefixesOf = (q: string) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1));
  const prefix = typedPool.slice(0, plan.typed).flatMap(prefixesOf);

  const n = plan.warmup ?? 0;
  const timed = new Set([...questions.map((q) => q.query), ...short, ...prefix]);
  const untimed = (list: readonly string[]) => distinct(list).filter((q) => !timed.has(q)).slice(0, n);
  const otherQuestions: string[] = [];
  for (let i = plan.perSet; otherQuestions.length < 2 * n && shuffledSets.some((l) => i < l.length); i++)
    for (const list of shuffledSets) if (list[i]) otherQuestions.push(list[i]!.query);
  const warmup: Record<QueryClass, string[]> = {
    questions: untimed(otherQuestions),
    short: untimed(shortPool.slice(plan.short, plan.short + 2 * n)),
    // Whole typed queries, every prefix of each, as the timed ones are asked.
    prefix: untimed(typedPool.slice(plan.typed, plan.typed + Math.ceil(n / 4) + 4).flatMap(prefixesOf)),
  };
  return {
    short,
    questions,
    prefix,
    warmup,
    description:
      `${questions.length} judged queries (${plan.perSet} from each of ${sets.map((s) => s.name).join(', ')}, seeded sample), ` +
      `${short.length} real one- or two-word queries, ${prefix.length} prefixes of ${Math.min(plan.typed, typedPool.length)} real two- to four-word queries`,
  };
}
