import { chatDriver } from './chat-driver.ts';
import { runScenarioSuite } from './scenarios.ts';

runScenarioSuite('the terminal chat (piped stdin)', () => chatDriver());
