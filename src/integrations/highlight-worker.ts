/** A worker thread that highlights the code strings it is given, posting each one's HTML by index. */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './worker-priority.ts';
import { highlightTs } from '../lib/highlight.ts';

const { codes } = workerData as { codes: string[] };
lowerThreadPriority();
for (const [index, code] of codes.entries()) parentPort!.postMessage({ index, html: await highlightTs(code) });
