import { MemorySessionStore } from '../../flows/memory-store.ts';
import { sessionStoreContract } from './session-store.contract.ts';

sessionStoreContract('memory', ({ now }) => new MemorySessionStore({ now }));
