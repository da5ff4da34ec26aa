export * from './cardRenderer';
export { asUserText } from './userText';
export type { SubmitButton } from './submitButton';
