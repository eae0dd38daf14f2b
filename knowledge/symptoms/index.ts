// The symptom matcher on its own, for callers that need nothing else of the knowledge layer.
export { matchSymptom, symptomById, unrecognised } from './match.ts';
