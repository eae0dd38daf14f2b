export { matchSymptom, unrecognised } from './match.ts';
