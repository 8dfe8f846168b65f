/**
 * Writes the demo corpus that `npm start` serves (corpus/bundestag-wp20-auswahl.jsonl,
 * committed, deterministic): a slice of the 20th Bundestag's plenary speeches
 * from ../shared/corpora-scale (official works, § 5 UrhG: public domain), the
 * debates on Russia's war against Ukraine, NATO and military aid, so that the
 * seed article (corpus/nato-ukraine-militaerhilfe-2024-11.txt) has neighbours
 * and dates, parties and speakers give sort and facets something to show.
 *
 *   npm run build:demo-corpus -- [--from ../shared/corpora-scale/bundestag-wp20.docs.jsonl.gz] [--out corpus/bundestag-wp20-auswahl.jsonl]
 *
 * Selection: speeches that name the topic at least MIN_MENTIONS times
 * (TOPIC), every EVERY-th of them in session order, so every year of the
 * term is in it. Each speech keeps its paragraphs as they are; the title
 * drops the electoral term (always the 20th) and names the protocol, whose
 * official PDF becomes the link; `source` is the Bundestag itself (one
 * value for the source facet, not one per session). One speech in
 * PAID_EVERY is marked `access: "paid"` to show how the product treats paid
 * articles (only the lead is shown): a simulation, the text itself is free.
 * corpus/README.md says all this for readers of the corpus.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { runMain } from '../src/cli/main';
import { ROOT } from '../src/cli/paths';

/** The war against Ukraine, NATO and military aid, as the speeches name them. */
const TOPIC = /Ukrain|NATO|Nato\b|Putin|Kiew|Kyjiw|Selenskyj|Waffenliefer|Militärhilfe|Zeitenwende|Taurus/g;
const MIN_MENTIONS = 6;
/** Every third matching speech: about 6,000 paragraphs, a build of a few seconds. */
const EVERY = 3;
/** One speech in this many is marked paid (by its position in the selection, so the choice is stable). */
const PAID_EVERY = 10;

interface Speech {
  id: string;
  title: string;
  date: string;
  source: string;
  category: string;
  tags: string[];
  paragraphs: string[];
}

export async function buildDemoCorpus(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string', default: join(ROOT, '../shared/corpora-scale/bundestag-wp20.docs.jsonl.gz') },
      out: { type: 'string', default: join(ROOT, 'corpus/bundestag-wp20-auswahl.jsonl') },
    },
  });
  const lines = createInterface({ input: createReadStream(values.from).pipe(createGunzip()), crlfDelay: Infinity });
  const out: string[] = [];
  let matching = 0;
  let paragraphs = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const speech = JSON.parse(line) as Speech;
    if ((speech.paragraphs.join('\n').match(TOPIC)?.length ?? 0) < MIN_MENTIONS) continue;
    if (matching++ % EVERY !== 0) continue;
    const paid = out.length % PAID_EVERY === PAID_EVERY - 1;
    out.push(JSON.stringify(demoArticle(speech, paid)));
    paragraphs += speech.paragraphs.length;
  }
  await writeFile(values.out, out.join('\n') + '\n');
  console.log(`${out.length} of ${matching} matching speeches, ${paragraphs} paragraphs → ${values.out}`);
  return 0;
}

/** `Rede von X (SPD) – 20. Wahlperiode, 12. Sitzung, Tagesordnungspunkt 3` → `Rede von X (SPD) – Plenarprotokoll 20/12, Tagesordnungspunkt 3`. */
function demoArticle(speech: Speech, paid: boolean) {
  const protocol = /Plenarprotokoll (\d+)\/(\d+)$/.exec(speech.source);
  if (!protocol) throw new Error(`${speech.id}: unexpected source "${speech.source}"`);
  const [, term, session] = protocol;
  const title = speech.title.replace(/ – \d+\. Wahlperiode, \d+\. Sitzung/, ` – Plenarprotokoll ${term}/${session}`);
  return {
    id: speech.id,
    title,
    date: speech.date,
    source: 'Deutscher Bundestag',
    url: `https://dserver.bundestag.de/btp/${term}/${term}${session!.padStart(3, '0')}.pdf`,
    category: speech.category,
    tags: speech.tags,
    ...(paid ? { access: 'paid', free: [0] } : {}),
    paragraphs: speech.paragraphs,
  };
}

runMain(import.meta.url, buildDemoCorpus);
