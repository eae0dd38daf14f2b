import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { sessionStoreContract } from './session-store.contract.ts';

sessionStoreContract('memory', ({ now }) => new MemorySessionStore({ now }));
