export * from './config';
export { isGuid, splitList } from './lists';
