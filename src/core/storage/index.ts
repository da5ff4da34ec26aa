export * from './tableErrors';
export * from './keys';
export * from './tableService';
export * from './tableStateStorage';
export * from './repository';
export * from './embeddedAzurite';
