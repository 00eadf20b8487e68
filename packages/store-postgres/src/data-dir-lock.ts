import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from './errors.js';

// PGlite lets two instances open one data directory and each then works on its
// own copy in memory: writes from one are lost to the other. A lock file next
// to the directory (`<dataDir>.lock`, holding the owner's process id) turns
// that into a clear error instead.
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function inUse(dataDir: string, by: string): StoreError {
  return new StoreError(
    'data-dir-in-use',
    `PGlite data directory ${dataDir} is already open (${by}). One process at a time may use it; use PostgreSQL for several processes.`,
  );
}

/** Take the lock for a data directory; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const lockFile = `${dir}.lock`;
  if (heldHere.has(dir)) throw inUse(dataDir, 'by another store in this process');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(dir);
        try {
          unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw inUse(dataDir, `by process ${owner}`);
      }
      // The owner is gone (a crash, or this process before a restart): the lock is stale.
      unlinkSync(lockFile);
    }
  }
  throw inUse(dataDir, 'the lock file keeps reappearing');
}
