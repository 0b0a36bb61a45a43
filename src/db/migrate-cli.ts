/** `npm run db:migrate`: applies migrations to DATABASE_PATH and exits. */
import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';

const config = loadConfig({ ARI_PASSWORD: 'unused-by-migrations', ...process.env });
const { close } = openDatabase(config.DATABASE_PATH);
close();
console.log(`migrated ${config.DATABASE_PATH}`);
