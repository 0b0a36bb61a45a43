/**
 * Stored recordings: WAV files under the recordings directory, named like Asterisk names
 * them (`name` → `<dir>/name.wav`, names may contain `/` for sub-directories).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    return file !== undefined && existsSync(file) && statSync(file).isFile();
  }

  read(name: string): Buffer | undefined {
    if (!this.exists(name)) return undefined;
    return readFileSync(this.pathOf(name) as string);
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
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }

  delete(name: string): boolean {
    if (!this.exists(name)) return false;
    rmSync(this.pathOf(name) as string);
    return true;
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
