export * from './locale';
export * from './messages';
export * from './language';
export * from './time';
export * from './securityContact';
