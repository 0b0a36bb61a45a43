/** The QA console. */
import { mountConsole } from '../shared/ui.js';
import { QaApp } from './qa-app.js';
import './qa.css';

mountConsole('QA console', (me) => <QaApp me={me} />);
