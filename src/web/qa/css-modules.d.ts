/** esbuild bundles a console's own stylesheet (imported for its side effect) into assets/<console>.css. */
declare module '*.css';
