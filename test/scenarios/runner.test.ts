import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { FileSessionStore } from '../../stores/file/session-store.ts';
import { runnerDriver } from './runner-driver.ts';
import { runScenarioSuite } from './scenarios.ts';

runScenarioSuite('the FlowRunner (memory store)', () => runnerDriver());

const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
runScenarioSuite('the FlowRunner (file store)', () => runnerDriver(() => new FileSessionStore({ dir })));
