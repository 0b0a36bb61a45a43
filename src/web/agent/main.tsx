/** The agent console: softphone, live call card with consent, wrap-up, and today's target. */
import { mountConsole } from '../shared/ui.js';
import { AgentConsole } from './agent-console.js';
import './agent.css';

mountConsole('consoleTitle.agent', () => <AgentConsole />);
