/** esbuild bundles a console's own CSS imported for its side effect (`import './manager.css'`) into assets/<console>.css. */
declare module '*.css';
