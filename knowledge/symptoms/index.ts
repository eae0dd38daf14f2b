export { matchSymptom, symptomById, unrecognised } from './match.ts';
