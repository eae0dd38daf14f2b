// Block Kit limits (Slack reference: Blocks, Block elements). Renderers stay inside them; what does not fit
// becomes a file in the thread.
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  actionsElements: 25,
  placeholderText: 150,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Our own cap for the plain `text` fallback (Slack cuts at 40,000; notifications show far less). */
  fallbackText: 300,
} as const;
