/** A console imports its own stylesheet for its side effect (`import './agent.css'`); esbuild bundles it into assets/<console>.css. */
declare module '*.css';
