/**
 * npm run translations: which translations still translate their English note as it is now.
 * Each translation records the English version it was made from (`translatedFrom`, the git blob
 * hash of the English file); when the English changes, this lists the translation as stale and
 * prints the English diff since, so the translation can be brought up to date.
 *
 *   npm run translations                         every translation; exits 1 if any is stale
 *   npm run translations -- --stamp <files...>   record the current English version in these
 *                                                translations (after updating them)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { englishDiff, translationStatus } from '../src/lib/translations.ts';

const args = process.argv.slice(2);
if (args[0] === '--stamp') {
  const status = new Map(translationStatus(process.cwd()).map((s) => [s.file, s]));
  for (const file of args.slice(1)) {
    const s = status.get(file.replace(/^\.\//, ''));
    if (!s?.current) throw new Error(`${file}: not a translation of an existing English note`);
    const text = readFileSync(file, 'utf8');
    if (!/^translatedFrom:/m.test(text)) throw new Error(`${file}: no translatedFrom line in the frontmatter`);
    writeFileSync(file, text.replace(/^translatedFrom:.*$/m, `translatedFrom: ${s.current}`));
    console.log(`✓ ${file} now translates ${s.english} at ${s.current.slice(0, 12)}`);
  }
} else {
  let stale = 0;
  for (const s of translationStatus(process.cwd())) {
    if (s.state === 'current') continue;
    stale++;
    if (s.state === 'orphan') console.log(`✖ ${s.file}: its English note ${s.english} does not exist`);
    else
      console.log(
        `✖ ${s.file} is stale: ${s.english} changed since it was translated\n${englishDiff(s.recorded, s.english)}`,
      );
  }
  const total = translationStatus(process.cwd()).length;
  console.log(stale ? `\n${stale} of ${total} translations need updating` : `✓ all ${total} translations are current`);
  process.exit(stale ? 1 : 0);
}
