import path from 'node:path';

/** The project root, from compiled code in dist/src/core (three levels up). Cards and data live beside src/. */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');
