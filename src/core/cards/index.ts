export * from './cardRenderer';
export { asUserText } from './userText';
