// After `tsc -p tsconfig.build.json`: the files the compiled service reads next to its code
// (the drizzle migrations, applied at start) are copied into dist/server.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/server/db/migrations', { recursive: true, force: true });
cpSync('src/db/migrations', 'dist/server/db/migrations', { recursive: true });
