/** The manager console. */
import { mountConsole } from '../shared/ui.js';

mountConsole('manager', (me) => <p>Signed in as {me.username}.</p>);
