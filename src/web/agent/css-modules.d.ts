/** esbuild bundles a console's own stylesheet from its import (src/web/build.ts); it exports nothing. */
declare module '*.css';
