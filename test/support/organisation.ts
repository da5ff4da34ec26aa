import path from 'node:path';
import { loadOrganisation, type Organisation } from '../../src/core/organisation';
import { projectRoot } from '../../src/core/paths';

/** The shipped organisation (Falkenbergs kommun), as the bot loads it at start-up. */
export const shippedOrganisation = (): Organisation =>
  loadOrganisation(path.join(projectRoot, 'src', 'guidance', 'data', 'organisation.json'));
