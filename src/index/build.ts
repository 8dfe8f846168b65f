import { DEFAULT_ANALYSIS, germanAnalyzers, type AnalysisConfig } from '../analysis/german';
import type { Token } from '../analysis/token';
import { withBuildTermCaches } from '../analysis/term-cache';
import type { Article } from '../corpus/article';
import { createQueryEngine } from './minisearch-adapter';
import { ParagraphTexts } from './paragraph-texts';
import { FIELD_OF_KIND, FIELDS, type Field } from './schema';
import type { ArticleMeta, SearchIndex } from './search-index';
import { CompactTermIndex, type TermIndexData } from './term-index';

const FIELD_ID_OF_KIND: Record<Token['kind'], number> = {
  exact: FIELDS.indexOf(FIELD_OF_KIND.exact),
  stem: FIELDS.indexOf(FIELD_OF_KIND.stem),
  part: FIELDS.indexOf(FIELD_OF_KIND.part),
};
const TITLE = FIELDS.indexOf('title' satisfies Field);
const MAX_FREQ = 255;
const MAX_FIELD_LENGTH = 65_535;

/**
 * Indexes every paragraph of every article through the German analyzer.
 * Each paragraph is analysed once; its tokens go to the field of their kind
 * (schema.ts), counted per term, straight into postings lists — no
 * intermediate MiniSearch — and end up in the compact term index.
 */
export function buildIndex(articles: readonly Article[], analysis: AnalysisConfig = DEFAULT_ANALYSIS): SearchIndex {
  return withBuildTermCaches(() => build(articles, analysis));
}

function build(articles: readonly Article[], analysis: AnalysisConfig): SearchIndex {
  const analyzers = germanAnalyzers(analysis);
  const analyzer = analyzers.index;
  // term → flat postings: field, doc, freq, field, doc, freq, … (docs ascending per field).
  const postings = new Map<string, number[]>();
  const metas: ArticleMeta[] = [];
  const paragraphArticle: number[] = [];
  const articleStart: number[] = [];
  const paragraphOrdinal: number[] = [];
  const texts: string[] = [];
  const lengths: number[] = [];
  const counts = FIELDS.map(() => new Map<string, number>());

  const addField = (doc: number, field: number, freqs: Map<string, number>) => {
    lengths[doc * FIELDS.length + field] = Math.min(freqs.size, MAX_FIELD_LENGTH);
    for (const [term, freq] of freqs) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(field, doc, Math.min(freq, MAX_FREQ));
    }
    freqs.clear();
  };

  for (const article of articles) {
    const articleIndex = metas.length;
    const { paragraphs, ...meta } = article;
    const derivedTitle = titleRepeatsLead(article);
    metas.push({ ...meta, title: derivedTitle ? null : article.title });
    articleStart.push(texts.length);
    // Titles are matched on stems: a title is short and a stem match there is as telling as an exact one.
    const titleKind: Token['kind'] = analysis.stem ? 'stem' : 'exact';
    // A title derived from the lead (sources without one) repeats paragraph 0 and says nothing more.
    const titleTerms = derivedTitle ? [] : analyzer.analyze(article.title).filter((t) => t.kind === titleKind);
    paragraphs.forEach((text, ordinal) => {
      const doc = texts.length;
      for (const t of analyzer.analyze(text)) increment(counts[FIELD_ID_OF_KIND[t.kind]]!, t.term);
      for (const t of titleTerms) increment(counts[TITLE]!, t.term);
      counts.forEach((freqs, field) => addField(doc, field, freqs));
      paragraphArticle.push(articleIndex);
      paragraphOrdinal.push(ordinal);
      texts.push(text);
    });
  }

  const data = packPostings(postings);
  const fieldLengths = Uint16Array.from(lengths, (n) => n ?? 0);
  const terms = new CompactTermIndex(data);
  return {
    engine: createQueryEngine({ terms, fieldLengths, documentCount: texts.length }),
    terms,
    analyzers,
    articles: metas,
    paragraphArticle: Uint32Array.from(paragraphArticle),
    articleStart: Uint32Array.from(articleStart),
    paragraphOrdinal: Uint32Array.from(paragraphOrdinal),
    fieldLengths,
    texts: ParagraphTexts.fromStrings(texts),
    meta: {
      builtAt: new Date().toISOString(),
      articles: metas.length,
      paragraphs: texts.length,
      terms: data.terms.length,
      postings: data.docs.length,
      analysis,
    },
  };
}

function titleRepeatsLead(article: Article): boolean {
  const title = article.title.replace(/…$/, '');
  return title.length > 0 && (article.paragraphs[0]?.startsWith(title) ?? false);
}

function increment(counts: Map<string, number>, term: string): void {
  counts.set(term, (counts.get(term) ?? 0) + 1);
}

/** Sorts the terms and lays their postings out in typed arrays, grouped by field. */
function packPostings(postings: Map<string, number[]>): TermIndexData {
  const terms = [...postings.keys()].sort();
  let totalPostings = 0;
  let totalRuns = 0;
  for (const list of postings.values()) {
    totalPostings += list.length / 3;
    let fields = 0;
    for (let i = 0; i < list.length; i += 3) fields |= 1 << list[i]!;
    for (; fields; fields &= fields - 1) totalRuns++;
  }
  const termRuns = new Uint32Array(terms.length + 1);
  const runField = new Uint8Array(totalRuns);
  const runPostings = new Uint32Array(totalRuns + 1);
  const docs = new Uint32Array(totalPostings);
  const freqs = new Uint8Array(totalPostings);
  let run = 0;
  let p = 0;
  terms.forEach((term, t) => {
    termRuns[t] = run;
    const list = postings.get(term)!;
    // Postings were appended doc by doc; regroup them field by field, docs staying ascending.
    for (let field = 0; field < FIELDS.length; field++) {
      const start = p;
      for (let i = 0; i < list.length; i += 3) {
        if (list[i] !== field) continue;
        docs[p] = list[i + 1]!;
        freqs[p] = list[i + 2]!;
        p++;
      }
      if (p > start) {
        runField[run] = field;
        runPostings[run] = start;
        run++;
      }
    }
  });
  termRuns[terms.length] = run;
  runPostings[run] = p;
  return { terms, termRuns, runField, runPostings, docs, freqs };
}
