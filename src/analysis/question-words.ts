import { foldTerm } from './fold';

/**
 * Question scaffolding: the words of a German question that say what KIND
 * of answer is wanted, not what it is about. A paragraph that answers "Wie
 * viele Punkte gab die Verteidigung der Panthers ab?" rarely says "wie" or
 * "viele"; "In welchem Jahr …" is answered by "1850", not by "Jahr". Ranked
 * as content words, they favour paragraphs that happen to contain them and,
 * through coordination (more matched words rank higher), outweigh the words
 * that matter. Search weighs them low and does not count them as matched
 * words (src/search/scoring.ts, QUESTION).
 *
 * Three rules, from German grammar rather than from any query set:
 * 1. interrogatives: the w-words (wer, wann, warum, wo-compounds such as
 *    wofür and womit, welch-, wieviel);
 * 2. quantifiers after `wie` (wie viele, wie oft): they ask for a number;
 * 3. after an interrogative determiner (welch-, was für, wie viele), a
 *    general noun of answer type (Jahr, Art, Name, Anzahl …: "in welchem
 *    Jahr", "welche Art von"), and verbs of naming (heißt, lautet, nennt)
 *    in a question.
 *
 * Names and content nouns after welch- stay content ("Welcher Präsident",
 * "welche Stadt": the paragraph names them too, often with that noun).
 * Words are compared folded (lowercase, umlauts and ß folded), so a query
 * typed without umlauts is read the same.
 */

/** Interrogative pronouns, adverbs and determiners, folded. */
const INTERROGATIVES: ReadonlySet<string> = new Set(
  [
    'wer', 'wen', 'wem', 'wessen', 'was', 'wann', 'warum', 'weshalb', 'weswegen', 'wieso', 'wie', 'wo',
    'woher', 'wohin', 'wofür', 'womit', 'wodurch', 'wovon', 'wozu', 'worauf', 'woran', 'worin', 'worüber',
    'worunter', 'woraus', 'wobei', 'wonach', 'wogegen', 'wovor', 'worum', 'woraufhin', 'inwiefern', 'inwieweit', 'wieviel',
    'wieviele', 'wievielen', 'wievielte', 'wievielten',
    'welche', 'welcher', 'welches', 'welchem', 'welchen',
  ].map(fold),
);

/** Determiners that ask for a kind: the noun after them names the answer's type. */
const DETERMINERS: ReadonlySet<string> = new Set(
  ['welche', 'welcher', 'welches', 'welchem', 'welchen', 'wieviel', 'wieviele', 'wievielen', 'viele', 'vielen'].map(fold),
);

/** Quantifiers that turn `wie` into a question for a number (wie viele, wie oft). */
const QUANTIFIERS: ReadonlySet<string> = new Set(['viel', 'viele', 'vielen', 'vieler', 'oft'].map(fold));

/** General nouns of answer type: after an interrogative determiner they ask for a year, a kind, a name, a number. */
const ANSWER_TYPES: ReadonlySet<string> = new Set(
  [
    'jahr', 'jahre', 'jahren', 'jahres', 'jahrhundert', 'jahrhunderts', 'jahrzehnt', 'jahrzehnts', 'monat', 'monats',
    'datum', 'zeitpunkt', 'zeitraum', 'art', 'arten', 'sorte', 'sorten', 'typ', 'typs', 'form', 'formen', 'name', 'namen',
    'namens', 'bezeichnung', 'begriff', 'anzahl', 'zahl', 'menge', 'anteil', 'prozentsatz', 'betrag', 'teil', 'teile', 'teilen',
  ].map(fold),
);

/** Verbs of naming: in a question they ask for a name (Wie heißt …, Was lautet …, Wie nennt man …). */
const NAMING_VERBS: ReadonlySet<string> = new Set(
  ['heißt', 'hieß', 'hießen', 'heißen', 'lautet', 'lautete', 'lauten', 'lauteten', 'nennt', 'nannte', 'nannten', 'nennen'].map(fold),
);

const ARTICLES: ReadonlySet<string> = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines']);

/** Whether word `i` follows an interrogative determiner: welch-, wie viele, was für (ein). */
function asksForKind(folded: readonly string[], i: number): boolean {
  const before = folded[i - 1]!;
  if (DETERMINERS.has(before)) return true;
  const j = ARTICLES.has(before) ? i - 2 : i - 1;
  return folded[j] === 'fur' && folded[j - 1] === 'was';
}

function fold(word: string): string {
  return foldTerm(word.toLowerCase());
}

/** Whether `word` (as typed; punctuation around it is ignored) is a German interrogative. */
export function isInterrogative(word: string): boolean {
  return INTERROGATIVES.has(fold(trimPunctuation(word)));
}

function trimPunctuation(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * For each word of a query, as typed and in order (punctuation around a
 * word is ignored), whether it is question scaffolding by the rules above.
 * A query without an interrogative has none: "Jahr der Wende" is about a year.
 */
export function questionScaffolding(words: readonly string[]): boolean[] {
  const folded = words.map((w) => fold(trimPunctuation(w)));
  const scaffold = folded.map((w) => INTERROGATIVES.has(w));
  if (!scaffold.some(Boolean)) return scaffold;
  for (let i = 1; i < folded.length; i++) {
    const word = folded[i]!;
    if (folded[i - 1] === 'wie' && QUANTIFIERS.has(word)) scaffold[i] = true;
    else if (ANSWER_TYPES.has(word) && asksForKind(folded, i)) scaffold[i] = true;
    else if (NAMING_VERBS.has(word)) scaffold[i] = true;
  }
  return scaffold;
}
