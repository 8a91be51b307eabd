/** The build's workers yield to the main thread: nice 10 for the calling worker thread, and only for it. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The nice value of the calling thread (field 19 of /proc/thread-self/stat). */
const niceOfThisThread = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);

describe('lowerThreadPriority', () => {
  it('sets the calling worker thread to nice 10 and leaves the main thread as it was', async () => {
    const main = niceOfThisThread();
    const module = pathToFileURL('src/integrations/worker-priority.ts').href;
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       const nice = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
       import(${JSON.stringify(module)}).then(({ lowerThreadPriority }) => {
         const before = nice();
         lowerThreadPriority();
         parentPort.postMessage([before, nice()]);
       });`,
      { eval: true },
    );
    const [before, after] = await new Promise<[number, number]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(before).toBe(main);
    expect(after).toBe(10);
    expect(niceOfThisThread()).toBe(main);
  });
});
