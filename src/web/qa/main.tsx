/** The qa console. */
import { mountConsole } from '../shared/ui.js';

mountConsole('qa', (me) => <p>Signed in as {me.username}.</p>);
