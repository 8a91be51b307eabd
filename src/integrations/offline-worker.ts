/**
 * A worker thread that zips the built site for the offline package (src/integrations/offline.ts):
 * every built file is read, rewritten and compressed as soon as the worker starts; the search
 * files arrive in one message once Pagefind has written them; then the zip is written to disk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { OFFLINE_ZIP } from '../lib/site-assets.ts';
import { listFiles } from '../lib/site-files.ts';
import { copiedAsBuilt, OFFLINE_ROOT, offlineFile, zipWriter } from './offline.ts';
import { lowerThreadPriority } from './worker-priority.ts';

const { outDir, base } = workerData as { outDir: string; base: string };
lowerThreadPriority();
const zip = zipWriter();
for (const file of listFiles(outDir).filter(copiedAsBuilt))
  zip.add(`${OFFLINE_ROOT}/${file}`, offlineFile(file, readFileSync(join(outDir, file)), base));

parentPort!.once('message', ({ extra }: { extra: { name: string; data: Uint8Array }[] }) => {
  for (const { name, data } of extra) zip.add(`${OFFLINE_ROOT}/${name}`, data);
  const bytes = zip.end();
  writeFileSync(join(outDir, OFFLINE_ZIP), bytes);
  parentPort!.postMessage({ bytes: bytes.length, files: zip.files() });
});
