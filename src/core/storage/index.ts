export * from './tableErrors';
export * from './keys';
export * from './tableService';
export * from './tableStateStorage';
export * from './chunkedJson';
export * from './repository';
export * from './embeddedAzurite';
