/** The agent console. */
import { mountConsole } from '../shared/ui.js';

mountConsole('agent', (me) => <p>Signed in as {me.username}.</p>);
