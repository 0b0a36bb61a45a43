// The consoles share it (shared/ui.tsx).
export { TableHead } from '../shared/ui.js';
