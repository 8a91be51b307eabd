/**
 * The build's worker threads (figures, snippet highlighting, the offline zip) run beside the main
 * thread, which renders the notes one after another and sets the pace of the whole build. On a
 * machine with few cores the workers would take their share of its time; at a lower priority
 * they use what it leaves, and finish well before their results are needed.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lower the calling thread's priority to nice 10. Linux schedules threads one by one, so this
 * touches only the calling worker (its thread id read from /proc/thread-self); elsewhere it does
 * nothing.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not permitted: the thread keeps the normal priority.
  }
}
