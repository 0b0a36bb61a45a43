/**
 * Stored recordings: WAV files under the recordings directory, named like Asterisk names
 * them (`name` → `<dir>/name.wav`, names may contain `/` for sub-directories).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `{name, format}` as `GET /recordings/stored` lists them. */
export interface StoredRecordingJson {
  name: string;
  format: string;
}

export class StoredRecordings {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** True for names Asterisk would accept (no `..`, not absolute, printable). */
  static validName(name: string): boolean {
    if (name === '' || name.startsWith('/') || name.includes('\0') || name.includes('\\')) return false;
    return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
  }

  /** Absolute path of a recording's WAV file, or undefined for an invalid name. */
  pathOf(name: string): string | undefined {
    if (!StoredRecordings.validName(name)) return undefined;
    const file = resolve(this.root, `${name}.wav`);
    return file.startsWith(this.root + sep) ? file : undefined;
  }

  exists(name: string): boolean {
    const file = this.pathOf(name);
    return file !== undefined && statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  }

  read(name: string): Buffer | undefined {
    const file = this.pathOf(name);
    if (!file) return undefined;
    // One open, not a check and then an open: the simulator's disk work is on its event loop.
    try {
      return readFileSync(file);
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** Creates the directory a recording will be written to; false when that is impossible. */
  prepare(name: string): boolean {
    const file = this.pathOf(name);
    if (!file) return false;
    try {
      mkdirSync(dirname(file), { recursive: true });
      return true;
    } catch {
      return false;
    }
  }

  write(name: string, data: Buffer): void {
    const file = this.pathOf(name);
    if (!file) throw new Error(`sim: invalid recording name "${name}"`);
    try {
      writeFileSync(file, data);
    } catch (err) {
      if (!isMissing(err)) throw err;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
  }

  delete(name: string): boolean {
    const file = this.pathOf(name);
    if (!file) return false;
    try {
      unlinkSync(file);
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  copy(from: string, to: string): boolean {
    const src = this.pathOf(from);
    const dst = this.pathOf(to);
    if (!src || !dst || !this.exists(from)) return false;
    mkdirSync(dirname(dst), { recursive: true });
    copyFileSync(src, dst);
    return true;
  }

  list(): StoredRecordingJson[] {
    if (!existsSync(this.root)) return [];
    const out: StoredRecordingJson[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && entry.name.endsWith('.wav')) {
          out.push({ name: relative(this.root, full).slice(0, -4).split(sep).join('/'), format: 'wav' });
        }
      }
    };
    walk(this.root);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** No such file (or a directory where the file should be): the recording is not there. */
function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}
