/** The QA console. */
import { mountConsole } from '../shared/ui.js';
import { QaApp } from './qa-app.js';
import './qa.css';

mountConsole('consoleTitle.qa', (me) => <QaApp me={me} />);
