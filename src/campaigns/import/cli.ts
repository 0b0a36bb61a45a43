/**
 * `npm run import -- --campaign 3 --file list.csv [--phone-column 手机号]`: imports a number
 * list into a campaign from the command line, through the same importer as the HTTP upload,
 * into the database at DATABASE_PATH (the running service may share it).
 *
 *   --campaign <id>        the campaign (contacts), or with --dnc the campaign's own do-not-call list
 *   --file <path>          the CSV file
 *   --phone-column <name|n> header name or 1-based number (default: found by name)
 *   --delimiter <d>        , ; tab | (default ,)
 *   --dnc                  import do-not-call numbers (global list unless --campaign)
 *   --region <CC>          region for numbers without a country code, global do-not-call list only
 *   --rejects <path>       also write the rejects report (CSV) there
 *
 * Progress goes to stderr, the result to stdout. Exit status: 0 completed, 1 failed,
 * 2 refused (bad arguments, not a CSV text file, already imported, no phone column…).
 * Ctrl-C stops the import; it is marked failed with what it had committed.
 *
 * This entry point is its own composition root, so it reads process.env (through loadConfig).
 */
import { createWriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../../clock.js';
import { ConfigError, loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { isCodedError } from '../../errors.js';
import { DoNotCallStore } from '../do-not-call.js';
import { importView, rejectsCsv, type ImportView } from './import-view.js';
import { ListImporter } from './list-importer.js';
import { REASON_TEXT, type RejectReason } from './reasons.js';

/** Where the CLI writes and what it reads; the real process by default. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Called with a function that cancels the import (wired to SIGINT/SIGTERM by the real process). */
  onCancel?: (cancel: (why: string) => void) => void;
}

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '|': '|' };

const USAGE = 'usage: npm run import -- --campaign <id> --file <list.csv> [--phone-column <name|n>] [--delimiter , ; tab |] [--dnc] [--region CC] [--rejects <out.csv>]';

function summary(view: ImportView): string {
  const lines = [
    `import ${view.id} ${view.status}: ${view.fileName} (${view.encoding ?? '?'}, phone column "${view.phoneColumn}")`,
    `  rows ${view.rows}, accepted ${view.accepted}, rejected ${view.rejected}`,
  ];
  for (const [reason, n] of Object.entries(view.byReason)) {
    if (n > 0) lines.push(`    ${String(n).padStart(8)}  ${reason} — ${REASON_TEXT[reason as RejectReason]}`);
  }
  if (view.error) lines.push(`  ${view.error}`);
  return `${lines.join('\n')}\n`;
}

/** Runs the command; returns the exit status. */
export async function runImportCli(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        campaign: { type: 'string' },
        file: { type: 'string' },
        'phone-column': { type: 'string' },
        delimiter: { type: 'string' },
        dnc: { type: 'boolean', default: false },
        region: { type: 'string' },
        rejects: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const campaignId = args.campaign === undefined ? null : Number(args.campaign);
  const delimiter = args.delimiter === undefined ? ',' : DELIMITERS[args.delimiter];
  if (!args.file || (campaignId === null && !args.dnc) || (campaignId !== null && !(Number.isInteger(campaignId) && campaignId > 0)) || !delimiter) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig({ ARI_PASSWORD: 'unused-by-the-importer', ...io.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const database = openDatabase(config.DATABASE_PATH);
  try {
    // The outcome is printed plainly below; only errors are worth a log line here.
    const logger = pino({ level: 'error', name: 'import' }, { write: (line: string) => io.err(line) });
    const dnc = new DoNotCallStore(database.db, systemClock);
    const importer = new ListImporter({ db: database.db, clock: systemClock, logger, dnc, runner: `cli:${process.pid}` });
    let job;
    try {
      job = await importer.begin({
        kind: args.dnc ? 'do-not-call' : 'contacts',
        campaignId,
        source: { path: resolve(args.file) },
        fileName: basename(args.file),
        phoneColumn: args['phone-column'],
        delimiter,
        region: args.region,
      });
    } catch (err) {
      if (isCodedError(err) && err.code.startsWith('DIALER_ERR_')) {
        io.err(`refused: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    io.onCancel?.((why) => job.cancel(why));
    importer.on('progress', (row) => {
      const v = importView(row);
      const pct = v.percent === null ? '' : ` (${v.percent}%)`;
      io.err(`line ${v.lastLine}: ${v.rows} rows, ${v.accepted} accepted, ${v.rejected} rejected${pct}\n`);
    });
    const row = await job.done;
    const view = importView(row);
    io.out(summary(view));
    if (args.rejects) {
      await pipeline(Readable.from(rejectsCsv((after) => importer.store.rejectsPage(row.id, after, 5000))), createWriteStream(args.rejects));
      io.out(`rejects written to ${args.rejects}\n`);
    }
    return row.status === 'completed' ? 0 : 1;
  } finally {
    database.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runImportCli(process.argv.slice(2), {
    env: process.env,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    onCancel(cancel) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cancel(`stopped from the command line (${signal})`));
    },
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`import failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
